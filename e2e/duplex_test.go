//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// Duplex dialogue (issue 16, SPEC §7): the customer may write while the bot
// prepares or streams its answer; every message is covered by exactly one reply,
// and none by a reply that a later message made stale.

// customerPace is the gap between a customer's fragments: the customer's timing,
// which the test reproduces, not a wait for the bot.
const customerPace = 300 * time.Millisecond

// staleStreamBound is how long after the interrupting post the stale model stream
// may run on (the goal is 100 ms; this leaves room for a machine under load).
const staleStreamBound = 300 * time.Millisecond

// Three fragments 300 ms apart at the default quiet window: one reply, answering
// them together (the size for those running shoes, from the customer's leather size).
func TestDuplexFragmentsGetOneReply(t *testing.T) {
	ensureShop(t)
	setPluginConfig(t, map[string]any{"replyquietwindowms": 2500})
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	first := postAs(t, cust, ch, "我平时穿38码皮鞋", "")
	time.Sleep(customerPace) // the customer's pace (the input under test), not synchronisation
	postAs(t, cust, ch, "想买疾风缓震跑鞋", first.Id)
	time.Sleep(customerPace) // the customer's pace, as above
	last := postAs(t, cust, ch, "买多大？", first.Id)
	reply := waitForBotReply(t, ch, first.Id, postTime(first), replyTimeout)
	if !strings.Contains(reply.Message, "疾风缓震跑鞋") || !strings.Contains(reply.Message, "39") {
		t.Fatalf("reply %q, want the running shoe's size from the 38 leather size", reply.Message)
	}
	if reply.CreateAt < last.CreateAt {
		t.Fatalf("a reply was shown before the last fragment: %q", reply.Message)
	}
	assertNoBotReply(t, reply)
}

// llmCustomer points the plugin at a scripted model and returns a fresh customer.
func llmCustomer(t *testing.T, srv *llmtest.Server) string {
	t.Helper()
	ensureShop(t)
	setPluginConfig(t, map[string]any{"llmbaseurl": srv.URL, "llmapikey": "sk-e2e", "llmmodel": "e2e-model"})
	return newCustomer(t)
}

// staleStreamEnded checks the scripted model's log: request n ended, cancelled by
// the plugin, within staleStreamBound of the interrupting post.
func staleStreamEnded(t *testing.T, srv *llmtest.Server, n int, interrupt *model.Post) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), replyTimeout)
	defer cancel()
	e, err := srv.WaitEnded(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	took := e.Ended.Sub(postTime(interrupt))
	if !e.Cancelled || took > staleStreamBound {
		t.Fatalf("the stale model request %d: cancelled %v, ended %v after the interrupting post", n, e.Cancelled, took)
	}
	t.Logf("the stale model stream ended %v after the interrupting post", took)
}

const whiteAnswer = "疾风缓震跑鞋的白色款目前缺货，黑色有货。"

// slowAnswer streams for about ten seconds: long enough to be interrupted.
var slowAnswer = llmtest.Response{Text: strings.Repeat("这款跑鞋轻便透气，缓震很好。", 10), ChunkRunes: 2, ChunkDelay: 100 * time.Millisecond}

// askWhileItStreams has a fresh customer ask about the running shoe and waits for
// the reply's first words to show.
func askWhileItStreams(t *testing.T, srv *llmtest.Server) (cust, ch string, ask, streaming *model.Post) {
	t.Helper()
	cust = llmCustomer(t, srv)
	ch = channelID(t, mmenv.ChannelGeneral)
	ask = postAs(t, cust, ch, "疾风缓震跑鞋怎么样", "")
	streaming = waitForBotPost(t, ch, postTime(ask), replyTimeout, "the streamed start", func(p *model.Post) bool {
		return p.RootId == ask.Id && p.GetProp("concierge_streaming") != nil
	})
	return cust, ch, ask, streaming
}

// A new message while the model streams its answer: the stream ends at once, and
// the post that showed the stale start becomes the answer to the new message.
func TestDuplexInterruptWhileTheModelStreams(t *testing.T) {
	srv := llmtest.NewServer(t)
	srv.On(llmtest.LastUserContains("白色"), llmtest.Response{Text: whiteAnswer})
	srv.On(nil, slowAnswer)
	cust, ch, ask, streaming := askWhileItStreams(t, srv)
	interrupt := postAs(t, cust, ch, "白色的有吗？", ask.Id)
	staleStreamEnded(t, srv, 1, interrupt)

	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	if reply.Id != streaming.Id || reply.Message != whiteAnswer {
		t.Fatalf("final reply %s %q; want post %s revised into %q", reply.Id, reply.Message, streaming.Id, whiteAnswer)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1].LastUser(); !strings.Contains(last, "疾风缓震跑鞋怎么样") || !strings.Contains(last, "白色的有吗") {
		t.Fatalf("the new answer was asked for %q; want both messages in one turn", last)
	}
	assertNoBotReply(t, reply)
}

// The same interruption while the model is calling a tool (its tool call still
// arriving): nothing was shown yet, the call is cancelled, no tool result of the
// stale turn reaches the model, and one reply answers the new message.
func TestDuplexInterruptDuringAToolCall(t *testing.T) {
	srv := llmtest.NewServer(t)
	srv.On(llmtest.LastUserContains("白色"), llmtest.Response{Text: whiteAnswer})
	srv.On(nil, llmtest.Response{ChunkDelay: 250 * time.Millisecond, ToolCalls: []llmtest.ToolCall{
		{Name: "search_knowledge", Arguments: `{"query":"疾风缓震跑鞋 材质 缓震 透气 重量 适合 路跑"}`}}})
	cust := llmCustomer(t, srv)
	ch := channelID(t, mmenv.ChannelGeneral)
	ask := postAs(t, cust, ch, "疾风缓震跑鞋怎么样", "")
	waitUntil(t, replyTimeout, "the model asked", func() bool { return len(srv.Requests()) > 0 })
	interrupt := postAs(t, cust, ch, "白色的有吗？", ask.Id)
	staleStreamEnded(t, srv, 1, interrupt)

	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	if reply.Message != whiteAnswer {
		t.Fatalf("final reply %q, want %q", reply.Message, whiteAnswer)
	}
	for _, r := range srv.Requests() {
		if _, _, ok := r.ToolResult(); ok {
			t.Fatal("the stale turn's tool call ran on and reached the model")
		}
	}
	assertNoBotReply(t, reply)
}

// "白色的有吗" after a question about a product is answered about that product:
// offline, and through the model with the earlier question in its context.
func TestDuplexFollowUpAboutTheProduct(t *testing.T) {
	ensureShop(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	const question = "疾风缓震跑鞋黑色40码有货吗？"

	t.Run("offline", func(t *testing.T) {
		cust := newCustomer(t)
		ask := postAs(t, cust, ch, question, "")
		first := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
		follow := postAs(t, cust, ch, "白色的有吗", ask.Id)
		reply := waitForBotReply(t, ch, ask.Id, postTime(follow), replyTimeout)
		if !strings.Contains(reply.Message, "疾风缓震跑鞋") || !strings.Contains(reply.Message, "白色") {
			t.Fatalf("follow-up answered %q (after %q); want that product in white", reply.Message, first.Message)
		}
		assertNoBotPost(t, reply) // no handoff card either
	})
	t.Run("model", func(t *testing.T) {
		srv := llmtest.NewServer(t)
		srv.On(llmtest.LastUserContains("白色的有吗"), llmtest.Response{Text: whiteAnswer})
		srv.On(nil, llmtest.Response{Text: "疾风缓震跑鞋黑色有货。"})
		cust := llmCustomer(t, srv)
		ask := postAs(t, cust, ch, question, "")
		waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
		follow := postAs(t, cust, ch, "白色的有吗", ask.Id)
		reply := waitForBotReply(t, ch, ask.Id, postTime(follow), replyTimeout)
		if reply.Message != whiteAnswer {
			t.Fatalf("follow-up answered %q, want the model's %q", reply.Message, whiteAnswer)
		}
		reqs := srv.Requests()
		var seen []string
		for _, m := range reqs[len(reqs)-1].Messages {
			seen = append(seen, m.Content)
		}
		if !strings.Contains(strings.Join(seen, "\n"), question) {
			t.Fatalf("the model answered the follow-up without the earlier question: %q", seen)
		}
	})
}

// A merge pending when the plugin stops (a reply streamed, then interrupted, its
// re-plan still running) is kept and answered after the next activation, in the
// post that showed the stale start.
func TestDuplexMergePendingAtARestartIsAnswered(t *testing.T) {
	srv := llmtest.NewServer(t)
	// The first re-plan outlasts the restart; after it, the model answers at once.
	srv.On(llmtest.LastUserContains("白色"), llmtest.Response{Text: whiteAnswer, Delay: time.Minute}).Times(1)
	srv.On(llmtest.LastUserContains("白色"), llmtest.Response{Text: whiteAnswer})
	srv.On(nil, slowAnswer)
	cust, ch, ask, streaming := askWhileItStreams(t, srv)
	postAs(t, cust, ch, "白色的有吗？", ask.Id)
	waitUntil(t, replyTimeout, "the re-plan asked the model", func() bool { return len(srv.Requests()) >= 2 })
	disablePlugin(t)
	enablePlugin(t)

	reply := waitForBotReply(t, ch, ask.Id, postTime(ask), replyTimeout)
	if reply.Id != streaming.Id || reply.Message != whiteAnswer {
		t.Fatalf("after the restart: reply %s %q; want post %s revised into %q", reply.Id, reply.Message, streaming.Id, whiteAnswer)
	}
	reqs := srv.Requests()
	if len(reqs) < 3 || !strings.Contains(reqs[len(reqs)-1].LastUser(), "疾风缓震跑鞋怎么样") {
		t.Fatalf("%d model requests; the last after the restart asked %q, want both messages", len(reqs), reqs[len(reqs)-1].LastUser())
	}
	assertNoBotReply(t, reply)
}
