//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// Issue 19 item 2: the live staff panel. Conversation changes reach staff over the
// websocket (and only staff); the panel's routes move a conversation and read the
// customer card and the FAQ proposals, staff only.

const panelEvent = "custom_" + mmenv.PluginID + "_conversation"

// wsEvents collects one user's websocket events of the given types.
type wsEvents struct {
	mu  sync.Mutex
	evs []*model.WebSocketEvent
}

func watchEvents(t *testing.T, user string, types ...string) *wsEvents {
	t.Helper()
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(h.URL, "http"), client(t, user).AuthToken)
	if err != nil {
		t.Fatalf("websocket as %s: %v", user, err)
	}
	ws.Listen()
	t.Cleanup(ws.Close)
	w := &wsEvents{}
	hello := make(chan struct{})
	var once sync.Once
	go func() {
		for {
			select {
			case ev, ok := <-ws.EventChannel:
				if !ok {
					return
				}
				if ev.EventType() == model.WebsocketEventHello {
					once.Do(func() { close(hello) })
				}
				for _, ty := range types {
					if string(ev.EventType()) == ty {
						w.mu.Lock()
						w.evs = append(w.evs, ev)
						w.mu.Unlock()
					}
				}
			case _, ok := <-ws.ResponseChannel:
				if !ok {
					return
				}
			case <-ws.PingTimeoutChannel:
			}
		}
	}()
	// The hello event says the server registered the connection: events published
	// after it reach this socket.
	select {
	case <-hello:
	case <-time.After(replyTimeout):
		t.Fatalf("no hello on %s's websocket", user)
	}
	return w
}

// wait returns the first event that passes match, failing after timeout.
func (w *wsEvents) wait(t *testing.T, what string, match func(*model.WebSocketEvent) bool) *model.WebSocketEvent {
	t.Helper()
	deadline := time.Now().Add(replyTimeout)
	for {
		w.mu.Lock()
		for _, ev := range w.evs {
			if match(ev) {
				w.mu.Unlock()
				return ev
			}
		}
		n := len(w.evs)
		w.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no websocket event (%s) within %v; %d collected", what, replyTimeout, n)
		}
		time.Sleep(pollEvery)
	}
}

func (w *wsEvents) count(typ string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, ev := range w.evs {
		if string(ev.EventType()) == typ {
			n++
		}
	}
	return n
}

func panelEventFor(convID, event string) func(*model.WebSocketEvent) bool {
	return func(ev *model.WebSocketEvent) bool {
		return string(ev.EventType()) == panelEvent && ev.GetData()["conversation_id"] == convID && ev.GetData()["event"] == event
	}
}

func TestStaffPanelLiveEventsAndRoutes(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	staff := watchEvents(t, "staff1", panelEvent)
	customer := watchEvents(t, cust, panelEvent, string(model.WebsocketEventPosted))

	ask := postAs(t, cust, ch, "我要找人工客服，订单一直没发货", "")
	staff.wait(t, "new conversation", panelEventFor(ask.Id, "new"))
	ev := staff.wait(t, "handed off", panelEventFor(ask.Id, "handed_off"))
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
	staff.wait(t, "taken over", panelEventFor(ask.Id, "taken_over"))

	var card struct {
		Customer string `json:"customer"`
		Handoffs int    `json:"handoffs"`
		Orders   []any  `json:"orders"`
	}
	pluginGetJSON(t, "staff1", "/conversations/"+ask.Id+"/customer", &card)
	if card.Customer != cust || card.Handoffs != 1 || card.Orders == nil {
		t.Errorf("customer card %+v, want %s with 1 handoff and an orders list", card, cust)
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
	staff.wait(t, "resolved", panelEventFor(ask.Id, "resolved"))
	csat := waitForBotPost(t, ch, postTime(ask), replyTimeout, "rating card", func(p *model.Post) bool {
		return p.GetProp("concierge_csat") == ask.Id
	})
	if csat.Type != "custom_concierge_csat" {
		t.Errorf("rating card type %q", csat.Type)
	}

	// The customer's socket got the rating card, posted after every event above, and
	// none of the staff events.
	customer.wait(t, "the rating card", func(ev *model.WebSocketEvent) bool {
		raw, _ := ev.GetData()["post"].(string)
		return ev.EventType() == model.WebsocketEventPosted && strings.Contains(raw, csat.Id)
	})
	if n := customer.count(panelEvent); n != 0 {
		t.Errorf("the customer received %d staff events", n)
	}
}
