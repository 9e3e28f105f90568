//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// Issue 19 item 2: the live staff panel. Conversation changes reach staff over the
// websocket (and only staff); the panel's routes move a conversation and read the
// customer card and the FAQ proposals, staff only.

const panelEvent = model.WebsocketEventType("custom_" + mmenv.PluginID + "_conversation")

func panelEventFor(convID, event string) func(*model.WebSocketEvent) bool {
	return func(ev *model.WebSocketEvent) bool {
		return ev.EventType() == panelEvent && ev.GetData()["conversation_id"] == convID && ev.GetData()["event"] == event
	}
}

func TestStaffPanelLiveEventsAndRoutes(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	staff := watchEvents(t, "staff1", panelEvent)
	customer := watchEvents(t, cust, panelEvent, model.WebsocketEventPosted)
	// An earlier conversation where the customer told their size: the card shows it.
	_, sized := ask(t, cust, ch, "我平时穿38码的鞋，疾风缓震跑鞋买多大？", "")
	if !strings.Contains(sized.Message, "38") {
		t.Fatalf("size reply does not use the size told:\n%s", sized.Message)
	}

	ask := postAs(t, cust, ch, "我要找人工客服，订单一直没发货", "")
	staff.wait(t, replyTimeout, "new conversation", panelEventFor(ask.Id, "new"))
	ev := staff.wait(t, replyTimeout, "handed off", panelEventFor(ask.Id, "handed_off"))
	if ev.GetData()["state"] != "waiting_human" {
		t.Errorf("handed_off event state %v", ev.GetData()["state"])
	}
	for k := range ev.GetData() {
		if k != "conversation_id" && k != "state" && k != "event" {
			t.Errorf("event carries %q: only the id, state and event go out", k)
		}
	}

	// The routes: customers are refused; bad input names its JSON path.
	if status, _ := pluginHTTP(t, cust, "POST", "/conversations/"+ask.Id+"/state", map[string]string{"state": "resolved"}); status != 403 {
		t.Errorf("customer moved a conversation: HTTP %d", status)
	}
	for _, path := range []string{"/conversations/" + ask.Id + "/customer", "/faq/proposals"} {
		if status, _ := pluginHTTP(t, cust, "GET", path, nil); status != 403 {
			t.Errorf("customer read %s: HTTP %d", path, status)
		}
	}
	status, body := pluginHTTP(t, "staff1", "POST", "/conversations/"+ask.Id+"/state", map[string]string{"state": "waiting"})
	if status != 400 || !strings.Contains(string(body), `"path":"state"`) {
		t.Errorf("bad state: HTTP %d %s", status, body)
	}
	if status, _ := pluginHTTP(t, "staff1", "POST", "/conversations/nope/state", map[string]string{"state": "human"}); status != 404 {
		t.Errorf("unknown conversation: HTTP %d", status)
	}

	// Take over from the panel: the state, and the event.
	if status, body := pluginHTTP(t, "staff1", "POST", "/conversations/"+ask.Id+"/state", map[string]string{"state": "human"}); status != 200 {
		t.Fatalf("take over: HTTP %d %s", status, body)
	}
	waitState(t, ask.Id, "human")
	staff.wait(t, replyTimeout, "taken over", panelEventFor(ask.Id, "taken_over"))

	var card struct {
		Customer string `json:"customer"`
		Handoffs int    `json:"handoffs"`
		Orders   []any  `json:"orders"`
		Sizes    []struct {
			Product     string `json:"product"`
			Wears       string `json:"wears"`
			Recommended string `json:"recommended"`
		} `json:"sizes"`
	}
	pluginGetJSON(t, "staff1", "/conversations/"+ask.Id+"/customer", &card)
	if card.Customer != cust || card.Handoffs != 1 || card.Orders == nil {
		t.Errorf("customer card %+v, want %s with 1 handoff and an orders list", card, cust)
	}
	if len(card.Sizes) != 1 || !strings.Contains(card.Sizes[0].Product, "疾风缓震跑鞋") ||
		!strings.HasPrefix(card.Sizes[0].Wears, "38") || card.Sizes[0].Recommended == "" ||
		!strings.Contains(sized.Message, card.Sizes[0].Recommended) {
		t.Errorf("customer card sizes %+v, want the running shoe's size from 38 as the reply said:\n%s", card.Sizes, sized.Message)
	}
	var props struct {
		Proposals json.RawMessage `json:"proposals"`
	}
	pluginGetJSON(t, "staff1", "/faq/proposals", &props)
	if !strings.HasPrefix(string(props.Proposals), "[") {
		t.Errorf("proposals is not a list: %s", props.Proposals)
	}

	// Resolve: the rating card goes to the customer, the event to staff.
	if status, body := pluginHTTP(t, "staff1", "POST", "/conversations/"+ask.Id+"/state", map[string]string{"state": "resolved"}); status != 200 {
		t.Fatalf("resolve: HTTP %d %s", status, body)
	}
	staff.wait(t, replyTimeout, "resolved", panelEventFor(ask.Id, "resolved"))
	csat := waitForBotPost(t, ch, postTime(ask), replyTimeout, "rating card", func(p *model.Post) bool {
		return p.GetProp("concierge_csat") == ask.Id
	})
	if csat.Type != "custom_concierge_csat" {
		t.Errorf("rating card type %q", csat.Type)
	}

	// The customer's socket got the rating card, posted after every event above, and
	// none of the staff events.
	customer.wait(t, replyTimeout, "the rating card", func(ev *model.WebSocketEvent) bool {
		raw, _ := ev.GetData()["post"].(string)
		return ev.EventType() == model.WebsocketEventPosted && strings.Contains(raw, csat.Id)
	})
	if n := customer.count(panelEvent); n != 0 {
		t.Errorf("the customer received %d staff events", n)
	}

	// Asking for a person again, later: the new conversation's card lists the first
	// handoff, resolved, among the earlier ones.
	again := postAs(t, cust, ch, "还是没发货，我要找人工", "")
	staff.wait(t, replyTimeout, "handed off again", panelEventFor(again.Id, "handed_off"))
	var next struct {
		Handoffs     int `json:"handoffs"`
		PastHandoffs []struct {
			ConversationID string `json:"conversation_id"`
			State          string `json:"state"`
		} `json:"past_handoffs"`
	}
	pluginGetJSON(t, "staff1", "/conversations/"+again.Id+"/customer", &next)
	if next.Handoffs != 2 || len(next.PastHandoffs) != 1 || next.PastHandoffs[0].ConversationID != ask.Id || next.PastHandoffs[0].State != "resolved" {
		t.Errorf("customer card of the second handoff %+v, want 2 handoffs, the earlier one %s resolved", next, ask.Id)
	}
}
