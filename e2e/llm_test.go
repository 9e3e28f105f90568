//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/i18n"
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
	if reply.Type != cards.TypeStreamed {
		t.Errorf("streamed reply type %q, want %q (the real server keeps the first post's type)", reply.Type, cards.TypeStreamed)
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

// Through the model, money still moves only by the customer's click: the model
// asks for another customer's order (refused by the tool), then offers a deposit
// refund on the customer's own, which arrives as a card in the streamed reply.
func TestLanguageModelOffersARefundCardTheCustomerConfirms(t *testing.T) {
	const deposit = 20000
	cust, orderID := depositCustomer(t, "LLM", deposit)
	srv := llmtest.NewServer(t)
	srv.On(llmtest.AfterTool("offer_refund"), llmtest.Response{Text: "定金退款已准备好，请点下方卡片确认。"})
	srv.On(llmtest.AfterTool("get_order"), llmtest.Response{ToolCalls: []llmtest.ToolCall{
		{Name: "offer_refund", Arguments: `{"order_id":"` + orderID + `","kind":"deposit","reason":"顾客申请退定金 @channel"}`}}})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: "get_order", Arguments: `{"order_id":"O-3001"}`}}})
	setPluginConfig(t, map[string]any{"llmbaseurl": srv.URL, "llmmodel": "e2e-model"})

	ch := channelID(t, mmenv.ChannelGeneral)
	_, reply := ask(t, cust, ch, "帮我把定金退了", "")
	requireCard(t, reply, orderID, deposit)
	if v, ok := cards.FromPost(reply); !ok || v.Kind() != cards.KindRefund {
		t.Errorf("the model's reply (type %q) carries no refund card view for its component: %v", reply.Type, ok)
	}
	if strings.Contains(fieldText(reply), "@channel") {
		t.Errorf("the model's reason pages the channel: %q", fieldText(reply))
	}
	if _, result, ok := srv.Requests()[1].ToolResult(); !ok || !strings.Contains(result, `"error"`) || strings.Contains(result, "carol") {
		t.Fatalf("get_order of carol's O-3001 as %s returned %s", cust, result)
	}
	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(deposit, "CNY"))))
}
