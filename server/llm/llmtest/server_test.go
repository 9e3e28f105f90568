package llmtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

const script = `{
  "api_key": "sk-test",
  "rules": [
    {"when": {"after_tool": "search_knowledge"}, "respond": {"text": "答：{{tool_result}}"}},
    {"when": {"user_contains": "退货"},
     "respond": {"tool_calls": [{"name": "search_knowledge", "arguments": {"query": "{{last_user}}"}}]}},
    {"when": {"user_contains": "flaky"}, "respond": {"status": 503, "error": "overloaded"}, "times": 1},
    {"respond": {"text": "Hello!", "chunks": ["Hel", "lo!"]}}
  ]
}`

// post sends a chat request by hand and returns the status and body.
func post(t *testing.T, url, key string, body any) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url+"/chat/completions", bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

func chat(user string, stream bool) map[string]any {
	return map[string]any{"model": "m", "stream": stream, "messages": []any{map[string]any{"role": "user", "content": user}}}
}

func TestScript(t *testing.T) {
	srv := llmtest.NewServer(t)
	sc, err := llmtest.ReadScript(strings.NewReader(script))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Load(sc); err != nil {
		t.Fatal(err)
	}
	c := openai.NewClientWithConfig(func() openai.ClientConfig {
		cfg := openai.DefaultConfig("sk-test")
		cfg.BaseURL = srv.URL
		return cfg
	}())
	ask := func(msgs ...openai.ChatCompletionMessage) (openai.ChatCompletionMessage, error) {
		resp, err := c.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{Model: "m", Messages: msgs})
		if err != nil {
			return openai.ChatCompletionMessage{}, err
		}
		return resp.Choices[0].Message, nil
	}
	user := openai.ChatCompletionMessage{Role: "user", Content: `怎么"退货"？`}

	// Step 1: a tool call with the user's words JSON-escaped into the arguments.
	m, err := ask(user)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.ToolCalls) != 1 || m.ToolCalls[0].Function.Name != "search_knowledge" ||
		m.ToolCalls[0].Function.Arguments != `{"query":"怎么\"退货\"？"}` || m.ToolCalls[0].ID != "call_1_0" {
		t.Fatalf("step 1: %+v", m)
	}
	// Step 2: the tool's result comes back; the rule for it is first, so it wins.
	m, err = ask(user, m, openai.ChatCompletionMessage{Role: "tool", ToolCallID: m.ToolCalls[0].ID, Content: "七天"})
	if err != nil || m.Content != "答：七天" {
		t.Fatalf("step 2: %+v %v", m, err)
	}
	// A rule with times 1 answers once, then the next rule does.
	flaky := openai.ChatCompletionMessage{Role: "user", Content: "flaky"}
	if _, err := ask(flaky); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("first flaky: %v", err)
	}
	if m, err := ask(flaky); err != nil || m.Content != "Hello!" {
		t.Errorf("second flaky: %+v %v", m, err)
	}
	// The key is enforced, and the 401 echoes the header (clients must not repeat it).
	status, body := post(t, srv.URL, "wrong", chat("hi", false))
	if status != http.StatusUnauthorized || !strings.Contains(body, "Bearer wrong") {
		t.Errorf("wrong key: %d %s", status, body)
	}
	reqs := srv.Requests()
	if len(reqs) != 5 || reqs[1].Messages[2].Role != "tool" || reqs[1].Messages[1].ToolCalls[0].Name != "search_knowledge" ||
		reqs[0].Authorization != "Bearer sk-test" || reqs[4].Authorization != "Bearer wrong" {
		t.Errorf("requests %+v", reqs)
	}
}

func TestScriptErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unknown field", `{"rules":[{"when":{"user_contain":"x"}}]}`, "user_contain"},
		{"tool call without name", `{"rules":[{"respond":{"tool_calls":[{"arguments":{}}]}}]}`, "no name"},
		{"bad arguments", `{"rules":[{"respond":{"tool_calls":[{"name":"f","arguments":[1,}]}}]}`, "invalid"},
		{"not json", `rules:`, "invalid"},
		{"stall and drop", `{"rules":[{"respond":{"stall_after":1,"drop_after":1}}]}`, "together"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := llmtest.ReadScript(strings.NewReader(tc.doc))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	req := llmtest.ChatRequest{Model: "m1", Tools: []llmtest.ChatTool{{Name: "quote_price"}}, Messages: []llmtest.ChatMessage{
		{Role: "system", Content: "You are Concierge."},
		{Role: "user", Content: "price of s-1?"},
		{Role: "assistant", ToolCalls: []llmtest.ToolCall{{ID: "c1", Name: "quote_price"}}},
		{Role: "tool", ToolCallID: "c1", Content: `{"total":100}`},
	}}
	tests := []struct {
		m    llmtest.Match
		want bool
	}{
		{llmtest.Match{}, true},
		{llmtest.Match{UserContains: "s-1"}, true},
		{llmtest.Match{UserContains: "s-2"}, false},
		{llmtest.Match{LastContains: "total"}, true},
		{llmtest.Match{SystemContains: "Concierge"}, true},
		{llmtest.Match{LastRole: "tool"}, true},
		{llmtest.Match{LastRole: "user"}, false},
		{llmtest.Match{AfterTool: "quote_price"}, true},
		{llmtest.Match{AfterTool: "search_knowledge"}, false},
		{llmtest.Match{OffersTool: "quote_price", Model: "m1"}, true},
		{llmtest.Match{OffersTool: "quote_price", Model: "m2"}, false},
	}
	for _, tc := range tests {
		if got := tc.m.Matcher()(req); got != tc.want {
			t.Errorf("%+v matched %v, want %v", tc.m, got, tc.want)
		}
	}
}

// TestStreamWire checks the event stream byte by byte against what OpenAI
// sends, and that two runs are identical.
func TestStreamWire(t *testing.T) {
	run := func() string {
		srv := llmtest.NewServer(t)
		srv.On(nil, llmtest.Response{Text: "Hi there", ChunkRunes: 4, ToolCalls: []llmtest.ToolCall{{Name: "f", Arguments: `{"a":1}`}}})
		status, body := post(t, srv.URL, "k", chat("hi", true))
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		return body
	}
	body := run()
	if again := run(); again != body {
		t.Errorf("two runs differ:\n%s\n%s", body, again)
	}
	var deltas []string
	for _, ev := range strings.Split(strings.TrimSpace(body), "\n\n") {
		deltas = append(deltas, strings.TrimPrefix(ev, "data: "))
	}
	if last := deltas[len(deltas)-1]; last != "[DONE]" {
		t.Fatalf("last event %q", last)
	}
	wantParts := []string{`"role":"assistant"`, `"content":"Hi t"`, `"content":"here"`,
		`"function":{"arguments":"","name":"f"},"id":"call_1_0","index":0,"type":"function"`,
		`"arguments":"{"`, `"arguments":"\"a"`, `"arguments":"\":1"`, `"arguments":"}"`, `"finish_reason":"tool_calls"`}
	if len(deltas) != len(wantParts)+1 {
		t.Fatalf("%d events, want %d:\n%s", len(deltas), len(wantParts)+1, body)
	}
	for i, want := range wantParts {
		if !strings.Contains(deltas[i], want) {
			t.Errorf("event %d = %s, want it to contain %s", i, deltas[i], want)
		}
	}
}

func TestHTTPControl(t *testing.T) {
	srv := llmtest.NewServer(nil)
	defer srv.Close()
	base := strings.TrimSuffix(srv.URL, "/v1")
	if status, _ := post(t, srv.URL, "k", chat("hi", false)); status != http.StatusInternalServerError {
		t.Errorf("no rules: status %d, want 500", status)
	}
	put := func(doc string) int {
		req, _ := http.NewRequest(http.MethodPut, base+"/llmtest/script", strings.NewReader(doc))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := put(`{"rules":[{"respond":{"text":"ok"}}]}`); s != http.StatusOK {
		t.Fatalf("put script: %d", s)
	}
	if s := put(`{"rules":[{"respnd":{}}]}`); s != http.StatusBadRequest {
		t.Errorf("bad script: %d", s)
	}
	if status, body := post(t, srv.URL, "k", chat("hello", false)); status != http.StatusOK || !strings.Contains(body, `"content":"ok"`) {
		t.Errorf("after script: %d %s", status, body)
	}
	resp, err := http.Get(base + "/llmtest/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Requests []llmtest.ChatRequest `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	// The PUT forgot the request made before it.
	if len(got.Requests) != 1 || got.Requests[0].LastUser() != "hello" || got.Requests[0].Authorization != "Bearer k" {
		t.Errorf("requests %+v", got.Requests)
	}
}
