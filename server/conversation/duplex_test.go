package conversation

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

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

// waitFinal checks, after settle, that the bot's final (no longer streaming) text is want.
func waitFinal(t *testing.T, f *fakeMM, want string) {
	t.Helper()
	settle()
	for _, p := range f.botPosts() {
		if p.Message == want && p.GetProp(PropStreaming) == nil {
			return
		}
	}
	t.Fatalf("no final reply %q; bot posts %v", want, messages(f.botPosts()))
}

// A new message while the reply streams cancels it, and the post that showed the
// stale start becomes the answer to both messages: one reply, revised in place.
func TestServiceInterruptionRevisesTheStreamedPost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
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
	})
}

// A merge pending when the plugin stops is kept in the KV store and answered by the
// next activation, in the post the interrupted reply had shown.
func TestServicePendingMergeAnsweredAfterRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
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
		if _, err := next.Resume(); err != nil {
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
	})
}

// cardPlanner offers a card with every reply; its first turn is slow and keeps no
// watch on ctx, as a planner busy in a tool might not.
type cardPlanner struct {
	started chan struct{}
	release chan struct{}
}

func (p *cardPlanner) Plan(_ context.Context, t agent.Turn) (*agent.Reply, error) {
	if len(t.Messages) == 1 && t.Messages[0] == "refund my deposit" {
		close(p.started)
		<-p.release
		return &agent.Reply{Text: "stale card", Offers: offers("card-stale")}, nil
	}
	return &agent.Reply{Text: "card for: " + strings.Join(t.Messages, " / "), Offers: offers("card-" + t.Messages[len(t.Messages)-1])}, nil
}

type cardLog struct {
	mu       sync.Mutex
	attached map[string]string
}

func (c *cardLog) Attachment(cardID string) (*model.MessageAttachment, error) {
	return &model.MessageAttachment{Title: cardID}, nil
}

func (c *cardLog) AttachPost(cardID, postID string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.attached[cardID] = postID
	return nil
}

// A card is offered only by the reply that is posted: the card of a reply made
// stale is never shown, and a card already posted stays on its post when the
// customer writes again.
func TestServiceCardsOfferedOnceAndKept(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		p := &cardPlanner{started: make(chan struct{}), release: make(chan struct{})}
		cards := &cardLog{attached: map[string]string{}}
		svc.d.Planner, svc.d.Cards = func() Planner { return p }, cards
		svc.OnPost(&model.Post{Id: "d1", UserId: "alice", ChannelId: "dm", Message: "refund my deposit"})
		<-p.started
		svc.OnPost(&model.Post{Id: "d2", UserId: "alice", ChannelId: "dm", Message: "order O-1"})
		close(p.release)
		waitFinal(t, f, "card for: refund my deposit / order O-1")
		svc.OnPost(&model.Post{Id: "d3", UserId: "alice", ChannelId: "dm", Message: "thanks"})
		waitFinal(t, f, "card for: thanks")
		svc.Close()
		posts := f.botPosts()
		if len(posts) != 2 || posts[0].Message != "card for: refund my deposit / order O-1" {
			t.Fatalf("bot posts %v", messages(posts))
		}
		if ids, _ := posts[0].GetProp(PropCards).([]string); len(ids) != 1 || ids[0] != "card-order O-1" {
			t.Fatalf("the first reply carries cards %v, want only its own", posts[0].GetProp(PropCards))
		}
		if atts := posts[0].Attachments(); len(atts) != 1 || atts[0].Title != "card-order O-1" {
			t.Fatalf("the first reply shows %d cards, want its own rendered", len(atts))
		}
		if _, ok := cards.attached["card-stale"]; ok || cards.attached["card-order O-1"] != posts[0].Id || cards.attached["card-thanks"] != posts[1].Id {
			t.Fatalf("cards attached %v", cards.attached)
		}
	})
}
