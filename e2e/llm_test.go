//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// With LLMBaseURL set, the plugin on the real server answers through the language
// model (here a scripted OpenAI-compatible server in this test process), calling
// the tools; when the model fails, the offline planner answers instead.
func TestLanguageModelAnswersAndOfflineTakesOver(t *testing.T) {
	ensureShop(t)
	const key = "sk-e2e-secret"
	srv := llmtest.NewServer(t)
	srv.RequireKey(key)
	const answer = "包邮的～我刚查了店铺的配送说明，放心下单。"
	srv.On(llmtest.AfterTool("search_knowledge"), llmtest.Response{Text: answer, ChunkRunes: 2, ChunkDelay: 60 * time.Millisecond})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: "search_knowledge", Arguments: `{"query":"{{last_user}}"}`}}})
	setPluginConfig(t, map[string]any{"llmbaseurl": srv.URL, "llmapikey": key, "llmmodel": "e2e-model"})

	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	ask := postAs(t, cust, ch, "包邮吗", "")
	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	if reply.Message != answer {
		var auth []string
		for _, r := range srv.Requests() {
			auth = append(auth, r.Authorization)
		}
		t.Fatalf("reply %q, want the model's %q (model saw %d requests, authorization %q)", reply.Message, answer, len(auth), auth)
	}
	if reply.EditAt == 0 {
		t.Error("the reply was posted whole, not streamed into its post")
	}
	reqs := srv.Requests()
	if len(reqs) < 2 {
		t.Fatalf("the model was called %d times, want a tool call and an answer", len(reqs))
	}
	if got := reqs[0]; got.Authorization != "Bearer "+key || got.Model != "e2e-model" || !strings.Contains(got.System(), "@"+cust) || len(got.Tools) != 10 {
		t.Errorf("first request: model %q, %d tools, system prompt names the customer: %v", got.Model, len(got.Tools), strings.Contains(got.System(), "@"+cust))
	}
	if name, result, ok := reqs[1].ToolResult(); !ok || name != "search_knowledge" || !strings.Contains(result, "f-free-shipping") {
		t.Errorf("second request's tool result: %s %.200s", name, result)
	}
	for _, r := range reqs {
		if strings.Contains(string(r.Body), key) {
			t.Fatal("the API key reached the model's messages")
		}
	}

	// The model breaks: the customer still gets an answer, from the offline planner.
	broken := llmtest.NewServer(t)
	broken.On(nil, llmtest.Response{Status: 500, Error: "model crashed"})
	setPluginConfig(t, map[string]any{"llmbaseurl": broken.URL, "llmapikey": key, "llmmodel": "e2e-model"})
	ask2 := postAs(t, cust, ch, "Is shipping free?", "")
	reply2 := waitForBotReply(t, ch, ask2.Id, postTime(ask2), replyTimeout)
	if reply2.Message == "" || reply2.Message == answer || len(broken.Requests()) == 0 {
		t.Fatalf("after a model failure: reply %q, model called %d times", reply2.Message, len(broken.Requests()))
	}
	if strings.Contains(reply2.Message, "model crashed") {
		t.Fatalf("the model's error reached the customer: %q", reply2.Message)
	}
}
