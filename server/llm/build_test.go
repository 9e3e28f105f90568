package llm

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestBuildReasoningModels: OpenAI's reasoning models take max_completion_tokens
// and no temperature; other models get max_tokens and the temperature asked for.
func TestBuildReasoningModels(t *testing.T) {
	temp := float32(0.3)
	req := Request{Messages: []Message{{Role: RoleUser, Content: "hi"}}, Temperature: &temp, MaxTokens: 200,
		Tools: []Tool{{Name: "f", Parameters: json.RawMessage(`{"type":"object"}`)}}}
	tests := []struct {
		model                 string
		wantMax, wantMaxCompl int
		wantTemp              float32
	}{
		{"qwen2.5-7b-instruct", 200, 0, 0.3},
		{"gpt-4o-mini", 200, 0, 0.3},
		{"o3-mini", 0, 200, 0},
		{"gpt-5-mini", 0, 200, 0},
	}
	for _, tc := range tests {
		c := New(Config{BaseURL: "http://127.0.0.1:1/v1", Model: tc.model})
		out, bad := c.build(req)
		if bad != nil {
			t.Errorf("%s: %v", tc.model, bad)
			continue
		}
		if out.MaxTokens != tc.wantMax || out.MaxCompletionTokens != tc.wantMaxCompl || out.Temperature != tc.wantTemp {
			t.Errorf("%s: max_tokens %d max_completion_tokens %d temperature %v", tc.model, out.MaxTokens,
				out.MaxCompletionTokens, out.Temperature)
		}
	}
}

// TestLimitedBody: a response is cut at the limit with an error, and its start is kept.
func TestLimitedBody(t *testing.T) {
	c := &capture{}
	b := &limitedBody{rc: io.NopCloser(strings.NewReader(strings.Repeat("x", 3*maxHead))), left: maxHead + 10, capture: c}
	n, err := io.Copy(io.Discard, b)
	if !errors.Is(err, errBodyTooLarge) || n != maxHead+10 {
		t.Errorf("read %d bytes, err %v; want %d and errBodyTooLarge", n, err, maxHead+10)
	}
	if len(c.head) != maxHead {
		t.Errorf("kept %d bytes, want %d", len(c.head), maxHead)
	}
	if e := (redactor{}).classify(err); e.Kind != KindBadResponse {
		t.Errorf("classified as %v", e)
	}
}
