package llm_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// client points a client at srv with test-sized timeouts, adjusted by tweak.
func client(srv *llmtest.Server, tweak func(*llm.Config)) *llm.Client {
	cfg := llm.Config{BaseURL: srv.URL, APIKey: "sk-test", Model: "test-model",
		Timeout: 5 * time.Second, FirstTokenTimeout: 2 * time.Second, IdleTimeout: 2 * time.Second}
	if tweak != nil {
		tweak(&cfg)
	}
	return llm.New(cfg, llm.WithHTTPClient(srv.Client()))
}

func userAsks(q string) llm.Request {
	return llm.Request{Messages: []llm.Message{{Role: llm.RoleSystem, Content: "You are a shop assistant."},
		{Role: llm.RoleUser, Content: q}}}
}

// drain reads a stream to its end: the text deltas and the final event.
func drain(t *testing.T, s *llm.Stream) ([]string, llm.Event) {
	t.Helper()
	defer s.Close()
	var deltas []string
	var final llm.Event
	n := 0
	for ev := range s.Events() {
		if final.Type != 0 {
			t.Fatalf("event after the final one: %+v", ev)
		}
		switch ev.Type {
		case llm.EventText:
			deltas = append(deltas, ev.Text)
		case llm.EventDone, llm.EventError:
			final = ev
		default:
			t.Fatalf("unknown event %+v", ev)
		}
		n++
	}
	if final.Type == 0 {
		t.Fatalf("stream closed without a final event after %d events", n)
	}
	return deltas, final
}

func TestStreamText(t *testing.T) {
	tests := []struct {
		name       string
		resp       llmtest.Response
		wantText   string
		wantDeltas int
		wantFinish llm.FinishReason
	}{
		{"chinese split by runes", llmtest.Response{Text: "您好！七天无理由退货，运费我们出。"}, "您好！七天无理由退货，运费我们出。", 6, llm.FinishStop},
		{"explicit chunks", llmtest.Response{Chunks: []string{"Hel", "lo", ", wor", "ld"}}, "Hello, world", 4, llm.FinishStop},
		{"one rune per chunk", llmtest.Response{Text: "abcdefgh", ChunkRunes: 1}, "abcdefgh", 8, llm.FinishStop},
		{"cut by length", llmtest.Response{Text: "a long answer", FinishReason: "length"}, "a long answer", 5, llm.FinishLength},
		{"finish without [DONE]", llmtest.Response{Text: "done anyway", NoDone: true}, "done anyway", 4, llm.FinishStop},
		{"empty answer", llmtest.Response{}, "", 0, llm.FinishStop},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.NewServer(t)
			srv.On(nil, tc.resp)
			s, err := client(srv, nil).Stream(context.Background(), userAsks("退货怎么办？"))
			if err != nil {
				t.Fatal(err)
			}
			deltas, final := drain(t, s)
			if final.Type != llm.EventDone {
				t.Fatalf("final event %v, err %v", final.Type, final.Err)
			}
			if len(deltas) != tc.wantDeltas {
				t.Errorf("%d deltas %q, want %d", len(deltas), deltas, tc.wantDeltas)
			}
			if got := strings.Join(deltas, ""); got != tc.wantText {
				t.Errorf("deltas join to %q, want %q", got, tc.wantText)
			}
			if final.Message.Content != tc.wantText || final.Message.Role != llm.RoleAssistant {
				t.Errorf("message %+v, want assistant %q", final.Message, tc.wantText)
			}
			if final.FinishReason != tc.wantFinish {
				t.Errorf("finish %q, want %q", final.FinishReason, tc.wantFinish)
			}
			if len(final.Message.ToolCalls) != 0 {
				t.Errorf("unexpected tool calls %+v", final.Message.ToolCalls)
			}
		})
	}
}

func TestStreamToolCalls(t *testing.T) {
	search := llmtest.ToolCall{ID: "call_a", Name: "search_knowledge", Arguments: `{"query":"跑鞋 退货 \"七天\""}`}
	quote := llmtest.ToolCall{ID: "call_b", Name: "quote_price", Arguments: `{"items":[{"sku_id":"s-run-1-38","qty":2}],"coupon":"C50"}`}
	list := llmtest.ToolCall{ID: "call_c", Name: "list_orders", Arguments: ""}
	tests := []struct {
		name     string
		resp     llmtest.Response
		wantText string
		want     []llm.ToolCall
	}{
		{"one call", llmtest.Response{ToolCalls: []llmtest.ToolCall{search}}, "",
			[]llm.ToolCall{{ID: "call_a", Name: "search_knowledge", Arguments: search.Arguments}}},
		{"parallel calls", llmtest.Response{ToolCalls: []llmtest.ToolCall{search, quote}}, "",
			[]llm.ToolCall{{ID: "call_a", Name: "search_knowledge", Arguments: search.Arguments},
				{ID: "call_b", Name: "quote_price", Arguments: quote.Arguments}}},
		{"parallel calls interleaved", llmtest.Response{ToolCalls: []llmtest.ToolCall{search, quote, list}, Interleave: true}, "",
			[]llm.ToolCall{{ID: "call_a", Name: "search_knowledge", Arguments: search.Arguments},
				{ID: "call_b", Name: "quote_price", Arguments: quote.Arguments},
				{ID: "call_c", Name: "list_orders", Arguments: "{}"}}},
		{"text then a call", llmtest.Response{Text: "Let me check.", ToolCalls: []llmtest.ToolCall{quote}}, "Let me check.",
			[]llm.ToolCall{{ID: "call_b", Name: "quote_price", Arguments: quote.Arguments}}},
		{"server says stop after calls", llmtest.Response{ToolCalls: []llmtest.ToolCall{list}, FinishReason: "stop"}, "",
			[]llm.ToolCall{{ID: "call_c", Name: "list_orders", Arguments: "{}"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.NewServer(t)
			srv.On(nil, tc.resp)
			msg, finish, err := client(srv, nil).Complete(context.Background(), userAsks("q"))
			if err != nil {
				t.Fatal(err)
			}
			if finish != llm.FinishToolCalls {
				t.Errorf("finish %q, want tool_calls", finish)
			}
			if msg.Content != tc.wantText {
				t.Errorf("content %q, want %q", msg.Content, tc.wantText)
			}
			if len(msg.ToolCalls) != len(tc.want) {
				t.Fatalf("calls %+v, want %+v", msg.ToolCalls, tc.want)
			}
			for i, c := range msg.ToolCalls {
				if c != tc.want[i] {
					t.Errorf("call %d = %+v, want %+v", i, c, tc.want[i])
				}
				if !json.Valid([]byte(c.Arguments)) {
					t.Errorf("call %d arguments not JSON: %q", i, c.Arguments)
				}
			}
		})
	}
}

// TestToolTurn scripts a whole tool-using exchange: the model asks for a tool,
// the caller runs it and sends the result back, the model answers from it.
func TestToolTurn(t *testing.T) {
	srv := llmtest.NewServer(t)
	srv.On(llmtest.AfterTool("search_knowledge"), llmtest.Response{Text: "Policy says: {{tool_result}}"})
	srv.On(llmtest.LastUserContains("return"), llmtest.Response{ToolCalls: []llmtest.ToolCall{
		{Name: "search_knowledge", Arguments: `{"query":"{{last_user}}"}`}}})
	c := client(srv, nil)
	temp := float32(0)
	req := userAsks("Can I return shoes?")
	req.Tools = []llm.Tool{{Name: "search_knowledge", Description: "Search the shop.",
		Parameters: json.RawMessage(`{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}`)},
		{Name: "list_orders", Description: "The customer's orders."}}
	req.Temperature, req.MaxTokens = &temp, 300

	msg, finish, err := c.Complete(context.Background(), req)
	if err != nil || finish != llm.FinishToolCalls || len(msg.ToolCalls) != 1 {
		t.Fatalf("first step: %+v %q %v", msg, finish, err)
	}
	call := msg.ToolCalls[0]
	if call.Name != "search_knowledge" || call.Arguments != `{"query":"Can I return shoes?"}` || call.ID == "" {
		t.Fatalf("call %+v", call)
	}
	req.Messages = append(req.Messages, msg,
		llm.Message{Role: llm.RoleTool, ToolCallID: call.ID, Name: call.Name, Content: `{"answer":"30 days"}`})
	msg, finish, err = c.Complete(context.Background(), req)
	if err != nil || finish != llm.FinishStop {
		t.Fatalf("second step: %+v %q %v", msg, finish, err)
	}
	if msg.Content != `Policy says: {"answer":"30 days"}` {
		t.Errorf("answer %q", msg.Content)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	second := reqs[1]
	if second.Model != "test-model" || !second.Stream || second.Authorization != "Bearer sk-test" || second.MaxTokens != 300 {
		t.Errorf("request %+v", second)
	}
	if second.Temperature == nil || *second.Temperature > 1e-30 {
		t.Errorf("temperature 0 not sent as ~0: %v", second.Temperature)
	}
	if len(second.Tools) != 2 || second.Tools[0].Name != "search_knowledge" ||
		!strings.Contains(string(second.Tools[0].Parameters), `"required":["query"]`) ||
		!json.Valid(second.Tools[1].Parameters) || len(second.Tools[1].Parameters) == 0 {
		t.Errorf("tools %+v", second.Tools)
	}
	roles := []string{}
	for _, m := range second.Messages {
		roles = append(roles, m.Role)
	}
	if strings.Join(roles, ",") != "system,user,assistant,tool" {
		t.Errorf("roles %v", roles)
	}
	asst, tool := second.Messages[2], second.Messages[3]
	if len(asst.ToolCalls) != 1 || asst.ToolCalls[0] != (llmtest.ToolCall{ID: call.ID, Name: call.Name, Arguments: call.Arguments}) {
		t.Errorf("assistant message sent back as %+v", asst)
	}
	if tool.ToolCallID != call.ID || tool.Content != `{"answer":"30 days"}` {
		t.Errorf("tool message %+v", tool)
	}
}

// TestSlowReader: a caller that is slow to read (posting to Mattermost, say)
// is not a stalled model.
// In a synctest bubble, on in-memory pipes: the caller reads nothing until the
// stream is stuck on it (synctest.Wait: the event buffer is full and the model
// has nothing more to say until it drains), then waits ten idle timeouts of
// virtual time before it reads on.
func TestSlowReader(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := llmtest.NewPipeServer(t)
		text := strings.Repeat("慢", 60)
		srv.On(nil, llmtest.Response{Text: text, ChunkRunes: 1})
		const idle = 100 * time.Millisecond
		s, err := client(srv, func(c *llm.Config) { c.IdleTimeout = idle }).Stream(context.Background(), userAsks("q"))
		if err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if n, c := len(s.Events()), cap(s.Events()); n != c || n >= len(text) {
			t.Fatalf("%d events waiting (room for %d): the stream is not held up by its reader", n, c)
		}
		time.Sleep(10 * idle)
		deltas, final := drain(t, s)
		if final.Type != llm.EventDone || strings.Join(deltas, "") != text {
			t.Fatalf("final %+v, %d deltas", final, len(deltas))
		}
	})
}
