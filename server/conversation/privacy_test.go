package conversation

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

func (f *fakeMM) GetDirectChannel(a, b string) (*model.Channel, *model.AppError) {
	for _, c := range f.channels {
		if c.Type == model.ChannelTypeDirect && c.Name == model.GetDMNameFromIds(a, b) {
			return c, nil
		}
	}
	return nil, nf()
}

// ordersPlanner answers as if it had listed the customer's orders and offered a
// card; "price" answers from the catalogue only.
type ordersPlanner struct{}

func (ordersPlanner) Plan(_ context.Context, t agent.Turn) (*agent.Reply, error) {
	if strings.Contains(t.Messages[0], "price") {
		notify(t, tool.GetProduct)
		return &agent.Reply{Text: "It costs ¥449.00", Calls: []tool.Call{{Name: tool.GetProduct, Result: `{"id":"p1"}`}}}, nil
	}
	notify(t, tool.ListOrders)
	return &agent.Reply{Text: "Your order O-1 paid ¥449.00", Offers: offers("card1"),
		Calls: []tool.Call{{Name: tool.ListOrders, Result: `{"orders":[{"id":"O-1","total":44900}]}`}}}, nil
}

type cardPosts struct {
	mu      sync.Mutex
	inDM    map[string]string
	inReply map[string]string
}

func (c *cardPosts) AttachPost(card, post string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inReply[card] = post
	return nil
}
func (c *cardPosts) Attachment(card string) (*model.MessageAttachment, error) {
	return &model.MessageAttachment{Title: "Refund " + card}, nil
}
func (c *cardPosts) MoveToDM(card, channel string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inDM[card] = channel
	return nil
}

func postsIn(f *fakeMM, channel string) []*model.Post {
	var out []*model.Post
	for _, p := range f.botPosts() {
		if p.ChannelId == channel {
			out = append(out, p)
		}
	}
	return out
}

func TestPersonalAnswerInASharedThreadGoesToTheDM(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		cards := &cardPosts{inDM: map[string]string{}, inReply: map[string]string{}}
		svc.d.Planner = func() Planner { return ordersPlanner{} }
		svc.d.Cards = cards
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "my orders"})
		settled(t, "the DM answer", func() bool { return len(postsIn(f, "dm")) == 1 && len(postsIn(f, "gen")) == 1 })

		thread := postsIn(f, "gen")[0]
		if thread.RootId != "c1" || thread.Message != i18n.T(i18n.EN, "privacy.sent_dm") || len(thread.Attachments()) != 0 {
			t.Fatalf("thread reply %q root %s attachments %d", thread.Message, thread.RootId, len(thread.Attachments()))
		}
		dm := postsIn(f, "dm")[0]
		if dm.GetProp(PropFor) != "c1" || !strings.Contains(dm.Message, "O-1") || len(dm.Attachments()) != 1 ||
			dm.Attachments()[0].Title != "Refund card1" {
			t.Fatalf("DM post %q props %v", dm.Message, dm.GetProps())
		}
		cards.mu.Lock()
		defer cards.mu.Unlock()
		if cards.inDM["card1"] != "dm" || cards.inReply["card1"] != dm.Id {
			t.Fatalf("card posts: dm %v reply %v", cards.inDM, cards.inReply)
		}
	})
}

func TestPublicAnswerStaysInTheThreadAndPersonalDMAnswerStaysInTheDM(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.d.Planner = func() Planner { return ordersPlanner{} }
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "price?"})
		svc.OnPost(&model.Post{Id: "d1", UserId: "alice", ChannelId: "dm", Message: "my orders"})
		settled(t, "both answers", func() bool { return len(postsIn(f, "gen")) == 1 && len(postsIn(f, "dm")) == 1 })
		if got := postsIn(f, "gen")[0].Message; got != "It costs ¥449.00" {
			t.Fatalf("thread reply %q", got)
		}
		if dm := postsIn(f, "dm")[0]; dm.GetProp(PropFor) != nil || !strings.Contains(dm.Message, "O-1") {
			t.Fatalf("DM reply %q props %v", dm.Message, dm.GetProps())
		}
	})
}

func TestGateHoldsTheStreamOnceAPersonalToolIsCalled(t *testing.T) {
	var shown []string
	g := &privateGate{inner: streamFunc(func(s string) bool { shown = append(shown, s); return true })}
	g.saw(tool.SearchKnowledge)
	g.Write("Let me check")
	g.saw(tool.ListOrders)
	if !g.Write("Your order O-1") {
		t.Fatal("a held stream is not stale")
	}
	if len(shown) != 1 || shown[0] != "Let me check" {
		t.Fatalf("shown %q", shown)
	}
}

type streamFunc func(string) bool

func (f streamFunc) Write(s string) bool { return f(s) }

func TestTurnRecordAndCounters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.d.Planner = func() Planner { return ordersPlanner{} }
		svc.OnPost(&model.Post{Id: "d1", UserId: "alice", ChannelId: "dm", Message: "my orders"})
		settled(t, "the answer", func() bool { return len(postsIn(f, "dm")) == 1 })
		settled(t, "the record", func() bool {
			rec, err := svc.Record("dm")
			return err == nil && len(rec.Orders) == 1 && rec.Asks[0].Text == "my orders"
		})
	})
}

func notify(t agent.Turn, name string) {
	if t.OnTool != nil {
		t.OnTool(name)
	}
}

// The duplex tests' card log: where a card is posted is what they check.
func (c *cardLog) MoveToDM(string, string) error { return nil }

// historyPlanner answers like ordersPlanner and keeps the history it was given.
type historyPlanner struct {
	ordersPlanner
	mu   sync.Mutex
	seen [][]agent.Message
}

func (h *historyPlanner) Plan(ctx context.Context, t agent.Turn) (*agent.Reply, error) {
	h.mu.Lock()
	h.seen = append(h.seen, t.History)
	h.mu.Unlock()
	return h.ordersPlanner.Plan(ctx, t)
}

// A follow-up in the shared thread is read with the answer that went to the DM.
func TestThreadHistoryIncludesThePrivateAnswers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		hp := &historyPlanner{}
		svc.d.Planner = func() Planner { return hp }
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "my orders"})
		settled(t, "the DM answer", func() bool { return len(postsIn(f, "dm")) == 1 })
		svc.OnPost(&model.Post{Id: "c2", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "refund that one"})
		settled(t, "the second answer", func() bool { return len(postsIn(f, "dm")) == 2 })
		hp.mu.Lock()
		defer hp.mu.Unlock()
		found := false
		for _, m := range hp.seen[1] {
			found = found || (!m.FromCustomer && strings.Contains(m.Text, "O-1"))
		}
		if !found {
			t.Fatalf("the second turn's history lacks the private answer: %+v", hp.seen[1])
		}
	})
}

// offers are reply cards known only by their ids (the fakes render them by id).
func offers(ids ...string) []tool.OfferedCard {
	out := make([]tool.OfferedCard, len(ids))
	for i, id := range ids {
		out[i] = tool.OfferedCard{ID: id}
	}
	return out
}
