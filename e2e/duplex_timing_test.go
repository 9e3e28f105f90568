//go:build e2e

package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// replyDelay is how long after the question the reply's post was created (server
// clock for both).
func replyDelay(t *testing.T, cust, ch, question string) time.Duration {
	t.Helper()
	ask := postAs(t, cust, ch, question, "")
	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	return time.Duration(reply.CreateAt-ask.CreateAt) * time.Millisecond
}

// A complete question pays (almost) nothing for the default quiet window: the
// median reply delay beside the one with the window 0 (issue 16: the goal is
// ≤ 100 ms extra; the bound leaves room for a loaded machine).
func TestDuplexCompleteQuestionPaysNoWait(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	median := func(window int) time.Duration {
		setPluginConfig(t, map[string]any{"replyquietwindowms": window})
		var ds []time.Duration
		for _, q := range []string{"请问你们几天发货？", "How long does delivery take?", "请问你们几天发货？", "How long does delivery take?", "请问你们几天发货？"} {
			ds = append(ds, replyDelay(t, cust, ch, q))
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	atDefault, atZero := median(2500), median(0)
	t.Logf("complete question, median reply delay: %v at the default window, %v at 0", atDefault, atZero)
	if atDefault-atZero > staleStreamBound {
		t.Fatalf("the default window adds %v to a complete question", atDefault-atZero)
	}
}

// The customer's typing indicator holds back a reply not yet shown, up to the
// quiet window after their message: a question followed by typing is answered
// the window later, the same question without typing as soon as it is ready.
func TestDuplexTypingHoldsTheReply(t *testing.T) {
	srv := llmtest.NewServer(t)
	// The model takes a second: the typing event is in long before the answer.
	srv.On(nil, llmtest.Response{Text: "疾风缓震跑鞋轻便透气。", Delay: time.Second})
	cust := llmCustomer(t, srv)
	setPluginConfig(t, map[string]any{"llmbaseurl": srv.URL, "llmapikey": "sk-e2e", "llmmodel": "e2e-model", "replyquietwindowms": 2500})
	ch := channelID(t, mmenv.ChannelGeneral)
	ws := typingSocket(t, cust)

	plain := replyDelay(t, cust, ch, "疾风缓震跑鞋怎么样？")
	asked := len(srv.Requests())
	ask := postAs(t, cust, ch, "疾风缓震跑鞋透气吗？", "")
	// The customer types on once the bot is at work (the model has the question).
	waitUntil(t, replyTimeout, "the model asked", func() bool { return len(srv.Requests()) > asked })
	ws.UserTyping(ch, ask.Id)
	<-ws.ResponseChannel // the server has taken the event
	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	typed := time.Duration(reply.CreateAt-ask.CreateAt) * time.Millisecond
	t.Logf("reply delay: %v without typing, %v with the customer typing", plain, typed)
	if plain >= 2*time.Second || typed < 2400*time.Millisecond || typed > 4*time.Second {
		t.Fatalf("reply delay %v without typing, %v while typing; want about 1 s and 2.5 s", plain, typed)
	}
}

// typingSocket is the customer's websocket, connected (the server said hello).
func typingSocket(t *testing.T, user string) *model.WebSocketClient {
	t.Helper()
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(h.URL, "http"), client(t, user).AuthToken)
	if err != nil {
		t.Fatalf("websocket as %s: %v", user, err)
	}
	ws.Listen()
	t.Cleanup(ws.Close)
	for ev := range ws.EventChannel {
		if ev.EventType() == model.WebsocketEventHello {
			break
		}
	}
	// Events after hello are not read: keep the client from blocking on them.
	go func() {
		for range ws.EventChannel {
		}
	}()
	return ws
}
