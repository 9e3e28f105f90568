package llmtest

import (
	"encoding/json"
	"strings"
)

// ChatRequest is a chat completion request as the server received it. It is
// decoded independently of package llm, so tests check the wire format itself.
type ChatRequest struct {
	Model       string        `json:"model"`
	Messages    []ChatMessage `json:"messages"`
	Tools       []ChatTool    `json:"tools,omitempty"`
	Stream      bool          `json:"stream"`
	Temperature *float64      `json:"temperature,omitempty"` // nil when the request had none
	MaxTokens   int           `json:"max_tokens,omitempty"`  // max_tokens, or max_completion_tokens
	// Authorization is the header verbatim ("Bearer <key>"), for assertions.
	Authorization string `json:"authorization,omitempty"`
	Body          []byte `json:"-"` // the raw JSON body
}

// ChatMessage is one message of a request.
type ChatMessage struct {
	Role       string     `json:"role"`
	Content    string     `json:"content"` // text parts of a multi-part content are joined
	Name       string     `json:"name,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
	ToolCalls  []ToolCall `json:"tool_calls,omitempty"`
}

// ChatTool is one function a request offers the model.
type ChatTool struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
}

// ToolCall is a call the model makes (in a Response) or made (in an assistant
// message of a request). Arguments is JSON text.
type ToolCall struct {
	ID        string `json:"id,omitempty"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// Last is the last message (zero if none).
func (r ChatRequest) Last() ChatMessage {
	if len(r.Messages) == 0 {
		return ChatMessage{}
	}
	return r.Messages[len(r.Messages)-1]
}

// LastUser is the content of the last user message.
func (r ChatRequest) LastUser() string { return r.lastOf("user") }

// System is the content of the first system message.
func (r ChatRequest) System() string {
	for _, m := range r.Messages {
		if m.Role == "system" {
			return m.Content
		}
	}
	return ""
}

func (r ChatRequest) lastOf(role string) string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == role {
			return r.Messages[i].Content
		}
	}
	return ""
}

// ToolResult reports whether the last message is a tool result, with the name of
// the tool it answers (found through the assistant message that made the call)
// and its content.
func (r ChatRequest) ToolResult() (name, content string, ok bool) {
	last := r.Last()
	if last.Role != "tool" {
		return "", "", false
	}
	return r.toolName(last), last.Content, true
}

// ToolNameOf is the name of the call a tool message of this request answers
// ("" if unknown).
func (r ChatRequest) ToolNameOf(m ChatMessage) string { return r.toolName(m) }

// toolName is the name of the call a tool message answers ("" if unknown).
func (r ChatRequest) toolName(m ChatMessage) string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		for _, c := range r.Messages[i].ToolCalls {
			if c.ID == m.ToolCallID {
				return c.Name
			}
		}
	}
	return m.Name
}

// HasTool reports whether the request offers the tool.
func (r ChatRequest) HasTool(name string) bool {
	for _, t := range r.Tools {
		if t.Name == name {
			return true
		}
	}
	return false
}

// Matcher selects the requests a rule answers.
type Matcher func(ChatRequest) bool

// Any matches every request.
func Any() Matcher { return func(ChatRequest) bool { return true } }

// LastUserContains matches when the last user message contains sub.
func LastUserContains(sub string) Matcher {
	return func(r ChatRequest) bool { return strings.Contains(r.LastUser(), sub) }
}

// AfterTool matches when the last message is a result of the named tool.
func AfterTool(name string) Matcher {
	return func(r ChatRequest) bool {
		n, _, ok := r.ToolResult()
		return ok && n == name
	}
}

// OffersTool matches when the request offers the named tool.
func OffersTool(name string) Matcher {
	return func(r ChatRequest) bool { return r.HasTool(name) }
}

// All matches when every matcher does.
func All(ms ...Matcher) Matcher {
	return func(r ChatRequest) bool {
		for _, m := range ms {
			if m != nil && !m(r) {
				return false
			}
		}
		return true
	}
}

// wireRequest is the JSON of a request.
type wireRequest struct {
	Model               string        `json:"model"`
	Messages            []wireMessage `json:"messages"`
	Tools               []wireTool    `json:"tools"`
	Stream              bool          `json:"stream"`
	Temperature         *float64      `json:"temperature"`
	MaxTokens           int           `json:"max_tokens"`
	MaxCompletionTokens int           `json:"max_completion_tokens"`
}

type wireMessage struct {
	Role       string          `json:"role"`
	Content    json.RawMessage `json:"content"`
	Name       string          `json:"name"`
	ToolCallID string          `json:"tool_call_id"`
	ToolCalls  []wireToolCall  `json:"tool_calls"`
}

type wireToolCall struct {
	Index    *int   `json:"index,omitempty"`
	ID       string `json:"id,omitempty"`
	Type     string `json:"type,omitempty"`
	Function struct {
		Name      string `json:"name,omitempty"`
		Arguments string `json:"arguments"`
	} `json:"function"`
}

type wireTool struct {
	Type     string `json:"type"`
	Function struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Parameters  json.RawMessage `json:"parameters"`
	} `json:"function"`
}

func decodeRequest(body []byte, auth string) (ChatRequest, error) {
	var w wireRequest
	if err := json.Unmarshal(body, &w); err != nil {
		return ChatRequest{}, err
	}
	r := ChatRequest{Model: w.Model, Stream: w.Stream, Temperature: w.Temperature, MaxTokens: w.MaxTokens,
		Authorization: auth, Body: body}
	if r.MaxTokens == 0 {
		r.MaxTokens = w.MaxCompletionTokens
	}
	for _, m := range w.Messages {
		cm := ChatMessage{Role: m.Role, Content: contentText(m.Content), Name: m.Name, ToolCallID: m.ToolCallID}
		for _, c := range m.ToolCalls {
			cm.ToolCalls = append(cm.ToolCalls, ToolCall{ID: c.ID, Name: c.Function.Name, Arguments: c.Function.Arguments})
		}
		r.Messages = append(r.Messages, cm)
	}
	for _, t := range w.Tools {
		r.Tools = append(r.Tools, ChatTool{Name: t.Function.Name, Description: t.Function.Description,
			Parameters: t.Function.Parameters})
	}
	return r, nil
}

// contentText reads a message content: a string, or an array of parts.
func contentText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}
