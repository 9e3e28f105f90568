package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Response is what a rule answers. The zero Response is an empty text answer.
type Response struct {
	// Text is the assistant's text; streamed in pieces of the server's ChunkRunes
	// runes unless Chunks gives the pieces. It may hold {{last_user}} and
	// {{tool_result}}, replaced by the request's last user message and last tool
	// result (in ToolCalls' arguments too, JSON-escaped there).
	Text   string
	Chunks []string
	// ChunkRunes is the size of the pieces Text is cut into (default 3).
	ChunkRunes int
	// ToolCalls are calls the model makes; an empty ID becomes call_<request>_<i>.
	// Streamed as OpenAI does: a fragment with id and name, then the arguments
	// in odd pieces ("{", then cuts mid-key and mid-string, then "}").
	ToolCalls []ToolCall
	// Interleave sends the fragments of parallel tool calls round-robin instead
	// of one call after the other.
	Interleave bool
	// FinishReason defaults to "tool_calls" with tool calls, else "stop".
	FinishReason string

	// Status >= 400 answers with that HTTP status and an OpenAI-style error body
	// whose message is Error. With Status 0, a non-empty Error is sent in-band:
	// as a `data: {"error":...}` event in a stream, as a 200 error body otherwise.
	Status int
	Error  string
	// ErrorCode is the error's "code" (default: what the status implies, e.g.
	// rate_limit_exceeded for 429, server_error in-band).
	ErrorCode string
	// Body, if set, is written verbatim (with Status, or 200) instead of
	// anything else: for malformed answers.
	Body string

	// Delay waits before the first token (a stream's 200 headers go out first).
	Delay time.Duration
	// ChunkDelay waits between stream chunks.
	ChunkDelay time.Duration
	// Stall stops a stream after StallAfter chunks (0: right after the role
	// chunk) and holds the connection until the client goes away.
	Stall      bool
	StallAfter int
	// Drop cuts the connection after StallAfter chunks, without ending the
	// response: a server that crashed mid-answer.
	Drop bool
	// NoDone ends a stream without "data: [DONE]" (the finish chunk is still sent).
	NoDone bool
	// NoFinish leaves out the finish-reason chunk: a stream cut short.
	NoFinish bool
}

// finish is the finish reason to send.
func (r Response) finish() string {
	switch {
	case r.FinishReason != "":
		return r.FinishReason
	case len(r.ToolCalls) > 0:
		return "tool_calls"
	}
	return "stop"
}

// expand fills the placeholders from the request.
func (r Response) expand(req ChatRequest) Response {
	_, result, _ := req.ToolResult()
	plain := strings.NewReplacer("{{last_user}}", req.LastUser(), "{{tool_result}}", result)
	inJSON := strings.NewReplacer("{{last_user}}", jsonEscape(req.LastUser()), "{{tool_result}}", jsonEscape(result))
	r.Text = plain.Replace(r.Text)
	chunks := make([]string, len(r.Chunks))
	for i, c := range r.Chunks {
		chunks[i] = plain.Replace(c)
	}
	r.Chunks = chunks
	calls := make([]ToolCall, len(r.ToolCalls))
	for i, c := range r.ToolCalls {
		c.Arguments = inJSON.Replace(c.Arguments)
		calls[i] = c
	}
	r.ToolCalls = calls
	return r
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// splitRunes cuts s into pieces of n runes.
func splitRunes(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > 0 {
		k := min(n, len(rs))
		out = append(out, string(rs[:k]))
		rs = rs[k:]
	}
	return out
}

// splitOddly cuts JSON arguments the way streaming models do: not at token
// boundaries a parser would like.
func splitOddly(s string) []string {
	rs := []rune(s)
	n := len(rs)
	if n <= 2 {
		return []string{s}
	}
	cuts := []int{0, 1, n / 2, n - 1, n}
	var out []string
	for i := 1; i < len(cuts); i++ {
		if cuts[i] > cuts[i-1] {
			out = append(out, string(rs[cuts[i-1]:cuts[i]]))
		}
	}
	return out
}

// errorBody is an OpenAI-style error document; code overrides the one the
// status implies (status 0: an in-band error, type server_error).
func errorBody(status int, code, msg string) []byte {
	typ, defCode := "server_error", "server_error"
	switch status {
	case http.StatusUnauthorized:
		typ, defCode = "invalid_request_error", "invalid_api_key"
	case http.StatusTooManyRequests:
		typ, defCode = "requests", "rate_limit_exceeded"
	case http.StatusBadRequest, http.StatusNotFound:
		typ, defCode = "invalid_request_error", "invalid_request"
	}
	if code == "" {
		code = defCode
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	if msg == "" {
		msg = "error"
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": code}})
	return b
}

// chunkJSON is one chat.completion.chunk.
func chunkJSON(id, model string, delta map[string]any, finish string) []byte {
	choice := map[string]any{"index": 0, "delta": delta, "finish_reason": nil}
	if finish != "" {
		choice["finish_reason"] = finish
	}
	b, _ := json.Marshal(map[string]any{"id": id, "object": "chat.completion.chunk", "created": created,
		"model": model, "choices": []any{choice}})
	return b
}

// created is a fixed timestamp: answers are byte-for-byte reproducible.
const created = 1767225600

// streamChunks is the chunk sequence of a streamed answer, after the role chunk
// and before the finish chunk.
func (r Response) streamChunks(id, model string) [][]byte {
	var out [][]byte
	text := r.Chunks
	if len(text) == 0 && r.Text != "" {
		n := r.ChunkRunes
		if n <= 0 {
			n = 3
		}
		text = splitRunes(r.Text, n)
	}
	for _, t := range text {
		out = append(out, chunkJSON(id, model, map[string]any{"content": t}, ""))
	}
	frags := make([][]map[string]any, len(r.ToolCalls))
	for i, c := range r.ToolCalls {
		frags[i] = append(frags[i], map[string]any{"index": i, "id": c.ID, "type": "function",
			"function": map[string]any{"name": c.Name, "arguments": ""}})
		for _, piece := range splitOddly(c.Arguments) {
			frags[i] = append(frags[i], map[string]any{"index": i, "function": map[string]any{"arguments": piece}})
		}
	}
	for _, f := range order(frags, r.Interleave) {
		out = append(out, chunkJSON(id, model, map[string]any{"tool_calls": []any{f}}, ""))
	}
	return out
}

// order lists the fragments call by call, or round-robin.
func order(frags [][]map[string]any, interleave bool) []map[string]any {
	var out []map[string]any
	if !interleave {
		for _, f := range frags {
			out = append(out, f...)
		}
		return out
	}
	for k := 0; ; k++ {
		more := false
		for _, f := range frags {
			if k < len(f) {
				out = append(out, f[k])
				more = true
			}
		}
		if !more {
			return out
		}
	}
}

// completionJSON is the whole answer of a request with stream false.
func (r Response) completionJSON(id, model string) []byte {
	msg := map[string]any{"role": "assistant", "content": r.Text}
	if len(r.Chunks) > 0 {
		msg["content"] = strings.Join(r.Chunks, "")
	}
	if len(r.ToolCalls) > 0 {
		var calls []any
		for _, c := range r.ToolCalls {
			calls = append(calls, map[string]any{"id": c.ID, "type": "function",
				"function": map[string]any{"name": c.Name, "arguments": c.Arguments}})
		}
		msg["tool_calls"] = calls
	}
	b, _ := json.Marshal(map[string]any{"id": id, "object": "chat.completion", "created": created, "model": model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": r.finish()}},
		"usage":   map[string]int{"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})
	return b
}

func sseData(w http.ResponseWriter, payload []byte) error {
	_, err := fmt.Fprintf(w, "data: %s\n\n", payload)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	return err
}

// whole answers a request with stream false.
func (a answer) whole() {
	r := a.resp
	if !a.wait(r.Delay) {
		return
	}
	switch {
	case r.Body != "":
		writeRaw(a.w, statusOr200(r.Status), "application/json", []byte(r.Body))
	case r.Status >= 400:
		writeRaw(a.w, r.Status, "application/json", errorBody(r.Status, r.ErrorCode, r.Error))
	case r.Error != "":
		writeRaw(a.w, http.StatusOK, "application/json", errorBody(0, r.ErrorCode, r.Error))
	default:
		writeRaw(a.w, http.StatusOK, "application/json", r.completionJSON(a.id, a.model))
	}
}

// stream answers a request with stream true: the 200 headers at once, then
// (after Delay) a role chunk, the text and tool call chunks, the finish chunk
// and [DONE], as OpenAI does.
func (a answer) stream() {
	r := a.resp
	if r.Body != "" || r.Status >= 400 {
		if !a.wait(r.Delay) {
			return
		}
		if r.Body != "" {
			writeRaw(a.w, statusOr200(r.Status), "text/event-stream", []byte(r.Body))
		} else {
			writeRaw(a.w, r.Status, "application/json", errorBody(r.Status, r.ErrorCode, r.Error))
		}
		return
	}
	a.w.Header().Set("Content-Type", "text/event-stream")
	a.w.Header().Set("Cache-Control", "no-cache")
	a.w.WriteHeader(http.StatusOK)
	if f, ok := a.w.(http.Flusher); ok {
		f.Flush()
	}
	if !a.wait(r.Delay) {
		return
	}
	if r.Error != "" {
		_ = sseData(a.w, errorBody(0, r.ErrorCode, r.Error))
		return
	}
	if sseData(a.w, chunkJSON(a.id, a.model, map[string]any{"role": "assistant", "content": ""}, "")) != nil {
		return
	}
	for i, c := range r.streamChunks(a.id, a.model) {
		if (r.Stall || r.Drop) && i == r.StallAfter {
			a.stop()
			return
		}
		if i > 0 && !a.wait(r.ChunkDelay) {
			return
		}
		if sseData(a.w, c) != nil {
			return
		}
	}
	if r.Stall || r.Drop {
		a.stop()
		return
	}
	if !r.NoFinish && sseData(a.w, chunkJSON(a.id, a.model, map[string]any{}, r.finish())) != nil {
		return
	}
	if !r.NoDone {
		_ = sseData(a.w, []byte("[DONE]"))
	}
}

func statusOr200(status int) int {
	if status == 0 {
		return http.StatusOK
	}
	return status
}

// stop ends a stream early: silent (Stall) or cut off (Drop).
func (a answer) stop() {
	if a.resp.Drop {
		panic(http.ErrAbortHandler) // net/http closes the connection mid-response, quietly
	}
	a.hold()
}
