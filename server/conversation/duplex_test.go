package conversation

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/store"
)

// slowFirstPlanner streams the start of its first answer, tells the test, and then
// streams no more until its reply is made stale; later turns answer at once with
// every message they were given.
type slowFirstPlanner struct {
	shown     chan struct{}
	cancelled chan struct{}
	calls     chan []string
}

func newSlowFirstPlanner() *slowFirstPlanner {
	return &slowFirstPlanner{shown: make(chan struct{}), cancelled: make(chan struct{}), calls: make(chan []string, 4)}
}

func (p *slowFirstPlanner) Plan(ctx context.Context, t agent.Turn) (*agent.Reply, error) {
	p.calls <- t.Messages
	if len(t.Messages) == 1 {
		if !t.Stream.Write("Our runners run") {
			return nil, context.Canceled
		}
		close(p.shown)
		<-ctx.Done()
		close(p.cancelled)
		return nil, ctx.Err()
	}
	return &agent.Reply{Text: "answer: " + strings.Join(t.Messages, " / ")}, nil
}

// waitFinal waits for the bot's final (no longer streaming) text want.
func waitFinal(t *testing.T, f *fakeMM, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, p := range f.botPosts() {
			if p.Message == want && p.GetProp(PropStreaming) == nil {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no final reply %q; bot posts %v", want, messages(f.botPosts()))
}

// A new message while the reply streams cancels it, and the post that showed the
// stale start becomes the answer to both messages: one reply, revised in place.
func TestServiceInterruptionRevisesTheStreamedPost(t *testing.T) {
	svc, f := newService(t)
	p := newSlowFirstPlanner()
	svc.d.Planner = func() Planner { return p }
	svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "do they run small?"})
	<-p.shown
	svc.OnPost(&model.Post{Id: "c2", RootId: "c1", UserId: "alice", ChannelId: "gen", Message: "and in white?"})
	<-p.cancelled
	const want = "answer: do they run small? / and in white?"
	waitFinal(t, f, want)
	svc.Close() // nothing is left running: what is posted now is all there is
	if posts := f.botPosts(); len(posts) != 1 || posts[0].RootId != "c1" {
		t.Fatalf("bot posts %v, want the one reply in thread c1", messages(posts))
	}
}

// A merge pending when the plugin stops is kept in the KV store and answered by the
// next activation, in the post the interrupted reply had shown.
func TestServicePendingMergeAnsweredAfterRestart(t *testing.T) {
	svc, f := newService(t)
	p := newSlowFirstPlanner()
	svc.d.Planner = func() Planner { return p }
	svc.OnPost(&model.Post{Id: "d1", UserId: "alice", ChannelId: "dm", Message: "do they run small?"})
	<-p.shown
	svc.Close()
	keys, err := store.KeysWithPrefix(svc.d.KV, pendingPrefix)
	if err != nil || len(keys) != 1 {
		t.Fatalf("kept %v (%v), want the conversation's pending message", keys, err)
	}

	d := svc.d
	d.Planner = func() Planner { return echoPlanner{} }
	next := New(d)
	t.Cleanup(next.Close)
	if err := next.Resume(); err != nil {
		t.Fatal(err)
	}
	waitFinal(t, f, "re: do they run small?")
	next.Close()
	posts := f.botPosts()
	if len(posts) != 1 {
		t.Fatalf("bot posts %v, want the interrupted post revised into the answer", messages(posts))
	}
	if keys, _ := store.KeysWithPrefix(svc.d.KV, pendingPrefix); len(keys) != 0 {
		t.Fatalf("still kept after the answer: %v", keys)
	}
}
