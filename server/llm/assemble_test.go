package llm

import (
	"testing"

	openai "github.com/sashabaranov/go-openai"
)

func frag(index int, id, name, args string) openai.ToolCall {
	tc := openai.ToolCall{ID: id, Function: openai.FunctionCall{Name: name, Arguments: args}}
	if index >= 0 {
		tc.Index = &index
	}
	return tc
}

// TestAssemblerShapes covers fragment shapes seen from servers other than OpenAI,
// which llmtest (speaking OpenAI's shape) does not produce.
func TestAssemblerShapes(t *testing.T) {
	tests := []struct {
		name   string
		chunks [][]openai.ToolCall
		finish FinishReason
		want   []ToolCall
		wantFR FinishReason
	}{
		{"no index: ids start calls", [][]openai.ToolCall{
			{frag(-1, "a", "get_order", `{"order_`)}, {frag(-1, "", "", `id":"O-1"}`)},
			{frag(-1, "b", "list_orders", "")}},
			FinishToolCalls,
			[]ToolCall{{"a", "get_order", `{"order_id":"O-1"}`}, {"b", "list_orders", "{}"}}, FinishToolCalls},
		{"index 0 reused with new ids", [][]openai.ToolCall{
			{frag(0, "a", "get_order", `{"order_id":"O-1"}`)}, {frag(0, "b", "get_order", `{"order_id":"O-2"}`)}},
			FinishToolCalls,
			[]ToolCall{{"a", "get_order", `{"order_id":"O-1"}`}, {"b", "get_order", `{"order_id":"O-2"}`}}, FinishToolCalls},
		{"id repeated in every fragment", [][]openai.ToolCall{
			{frag(0, "a", "search_knowledge", `{"qu`)}, {frag(0, "a", "", `ery":"x"}`)}},
			FinishStop,
			[]ToolCall{{"a", "search_knowledge", `{"query":"x"}`}}, FinishToolCalls},
		{"no ids at all", [][]openai.ToolCall{
			{frag(0, "", "a", "{}"), frag(1, "", "b", "{}")}},
			"",
			[]ToolCall{{"call_0", "a", "{}"}, {"call_1", "b", "{}"}}, FinishToolCalls},
		{"sparse indexes keep arrival order", [][]openai.ToolCall{
			{frag(3, "x", "a", `{"n":`)}, {frag(1, "y", "b", `{}`)}, {frag(3, "", "", `1}`)}},
			FinishToolCalls,
			[]ToolCall{{"x", "a", `{"n":1}`}, {"y", "b", "{}"}}, FinishToolCalls},
		{"cut by length keeps length", [][]openai.ToolCall{{frag(0, "a", "f", `{"x":`)}},
			FinishLength,
			[]ToolCall{{"a", "f", `{"x":`}}, FinishLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a assembler
			for _, c := range tc.chunks {
				a.addToolCalls(c)
			}
			ev := a.done(tc.finish)
			if ev.Type != EventDone {
				t.Fatalf("event %+v", ev)
			}
			if ev.FinishReason != tc.wantFR {
				t.Errorf("finish %q, want %q", ev.FinishReason, tc.wantFR)
			}
			got := ev.Message.ToolCalls
			if len(got) != len(tc.want) {
				t.Fatalf("calls %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("call %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
