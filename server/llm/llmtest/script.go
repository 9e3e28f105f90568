package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Script is the JSON form of a server's rules, for cmd/llmscript and
// PUT /llmtest/script. Unknown fields are errors (a typo would silently match
// everything otherwise). The format:
//
//	{
//	  "api_key": "sk-test",      // optional: require "Authorization: Bearer sk-test" (else 401)
//	  "rules": [                 // tried in order; the first that matches (and has uses left) answers
//	    {
//	      "when": {              // every field given must hold; {} or absent matches all
//	        "user_contains": "退货",         // the last user message contains this
//	        "last_contains": "...",          // the last message (any role) contains this
//	        "system_contains": "...",        // the system message contains this
//	        "last_role": "tool",             // the last message's role
//	        "after_tool": "search_knowledge", // the last message is this tool's result
//	        "offers_tool": "quote_price",    // the request offers this tool
//	        "model": "..."                   // the request's model
//	      },
//	      "respond": {
//	        "text": "...",                   // may use {{last_user}} and {{tool_result}}
//	        "chunks": ["..", ".."],          // explicit stream deltas instead of text
//	        "chunk_runes": 3,                // piece size for text (default 3 runes)
//	        "tool_calls": [{"id": "call_1", "name": "search_knowledge",
//	                        "arguments": {"query": "{{last_user}}"}}], // object or JSON string; id optional
//	        "interleave": false,             // parallel tool calls' fragments round-robin
//	        "finish_reason": "stop",         // default: tool_calls with tool calls, else stop
//	        "status": 503, "error": "overloaded", "error_code": "...", // HTTP error (or in-band, status 0)
//	        "body": "...",                   // written verbatim instead of anything else
//	        "delay_ms": 0,                   // before the first token
//	        "chunk_delay_ms": 0,             // between stream chunks
//	        "stall_after": 2,                // stop after 2 chunks and hold the connection
//	        "drop_after": 2,                 // stop after 2 chunks and cut the connection
//	        "no_done": false,                // end the stream without [DONE]
//	        "no_finish": false               // leave out the finish-reason chunk
//	      },
//	      "times": 1                         // optional: answer at most this many requests
//	    }
//	  ]
//	}
type Script struct {
	APIKey string       `json:"api_key,omitempty"`
	Rules  []ScriptRule `json:"rules"`
}

// ScriptRule is one rule of a Script.
type ScriptRule struct {
	When    Match          `json:"when"`
	Respond ScriptResponse `json:"respond"`
	Times   int            `json:"times,omitempty"`
}

// Match is a declarative Matcher: every non-empty field must hold.
type Match struct {
	UserContains   string `json:"user_contains,omitempty"`
	LastContains   string `json:"last_contains,omitempty"`
	SystemContains string `json:"system_contains,omitempty"`
	LastRole       string `json:"last_role,omitempty"`
	AfterTool      string `json:"after_tool,omitempty"`
	OffersTool     string `json:"offers_tool,omitempty"`
	Model          string `json:"model,omitempty"`
}

// Matcher turns m into a Matcher.
func (m Match) Matcher() Matcher {
	return func(r ChatRequest) bool {
		last := r.Last()
		switch {
		case m.UserContains != "" && !strings.Contains(r.LastUser(), m.UserContains),
			m.LastContains != "" && !strings.Contains(last.Content, m.LastContains),
			m.SystemContains != "" && !strings.Contains(r.System(), m.SystemContains),
			m.LastRole != "" && last.Role != m.LastRole,
			m.AfterTool != "" && !AfterTool(m.AfterTool)(r),
			m.OffersTool != "" && !r.HasTool(m.OffersTool),
			m.Model != "" && r.Model != m.Model:
			return false
		}
		return true
	}
}

// ScriptResponse is the JSON form of a Response.
type ScriptResponse struct {
	Text         string           `json:"text,omitempty"`
	Chunks       []string         `json:"chunks,omitempty"`
	ChunkRunes   int              `json:"chunk_runes,omitempty"`
	ToolCalls    []ScriptToolCall `json:"tool_calls,omitempty"`
	Interleave   bool             `json:"interleave,omitempty"`
	FinishReason string           `json:"finish_reason,omitempty"`
	Status       int              `json:"status,omitempty"`
	Error        string           `json:"error,omitempty"`
	ErrorCode    string           `json:"error_code,omitempty"`
	Body         string           `json:"body,omitempty"`
	DelayMs      int              `json:"delay_ms,omitempty"`
	ChunkDelayMs int              `json:"chunk_delay_ms,omitempty"`
	StallAfter   *int             `json:"stall_after,omitempty"`
	DropAfter    *int             `json:"drop_after,omitempty"`
	NoDone       bool             `json:"no_done,omitempty"`
	NoFinish     bool             `json:"no_finish,omitempty"`
}

// ScriptToolCall is a tool call whose arguments are a JSON object or a string
// holding JSON text.
type ScriptToolCall struct {
	ID        string          `json:"id,omitempty"`
	Name      string          `json:"name"`
	Arguments json.RawMessage `json:"arguments,omitempty"`
}

// ReadScript decodes and checks a Script.
func ReadScript(r io.Reader) (*Script, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var sc Script
	if err := dec.Decode(&sc); err != nil {
		return nil, fmt.Errorf("llmtest: script: %w", err)
	}
	for i, rule := range sc.Rules {
		if _, err := rule.Respond.Response(); err != nil {
			return nil, fmt.Errorf("llmtest: script: rules[%d]: %w", i, err)
		}
	}
	return &sc, nil
}

// Response turns the JSON form into a Response.
func (sr ScriptResponse) Response() (Response, error) {
	r := Response{Text: sr.Text, Chunks: sr.Chunks, ChunkRunes: sr.ChunkRunes, Interleave: sr.Interleave,
		FinishReason: sr.FinishReason, Status: sr.Status, Error: sr.Error, ErrorCode: sr.ErrorCode, Body: sr.Body,
		Delay: time.Duration(sr.DelayMs) * time.Millisecond, ChunkDelay: time.Duration(sr.ChunkDelayMs) * time.Millisecond,
		NoDone: sr.NoDone, NoFinish: sr.NoFinish}
	switch {
	case sr.StallAfter != nil && sr.DropAfter != nil:
		return Response{}, fmt.Errorf("stall_after and drop_after together")
	case sr.StallAfter != nil:
		r.Stall, r.StallAfter = true, *sr.StallAfter
	case sr.DropAfter != nil:
		r.Drop, r.StallAfter = true, *sr.DropAfter
	}
	for i, c := range sr.ToolCalls {
		if c.Name == "" {
			return Response{}, fmt.Errorf("tool_calls[%d]: no name", i)
		}
		args, err := argumentsText(c.Arguments)
		if err != nil {
			return Response{}, fmt.Errorf("tool_calls[%d]: %w", i, err)
		}
		r.ToolCalls = append(r.ToolCalls, ToolCall{ID: c.ID, Name: c.Name, Arguments: args})
	}
	return r, nil
}

// argumentsText reads arguments given as a JSON value or as a string of JSON.
func argumentsText(raw json.RawMessage) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "{}", nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return "", fmt.Errorf("arguments: %w", err)
	}
	return b.String(), nil
}

// Load replaces the server's rules (and required key) with the script's; on an
// error nothing changes.
func (s *Server) Load(sc *Script) error {
	rules := make([]*Rule, 0, len(sc.Rules))
	for i, sr := range sc.Rules {
		resp, err := sr.Respond.Response()
		if err != nil {
			return fmt.Errorf("llmtest: script: rules[%d]: %w", i, err)
		}
		left := -1
		if sr.Times > 0 {
			left = sr.Times
		}
		rules = append(rules, &Rule{srv: s, match: sr.When.Matcher(), left: left,
			respond: func(ChatRequest) Response { return resp }})
	}
	s.mu.Lock()
	s.rules, s.key = rules, sc.APIKey
	s.mu.Unlock()
	return nil
}
