package conversation

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/store"
)

// catchUpService is newService on a KV store where the catch-up has run before
// (its floor an hour ago), so that what the test posts "while down" is in scope.
func catchUpService(t *testing.T) (*Service, *fakeMM) {
	t.Helper()
	svc, f := newService(t)
	if err := store.SetJSON(svc.d.KV, floorKey, time.Now().Add(-time.Hour).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	return svc, f
}

// restarted is the plugin after a restart: a new service on the same Mattermost
// and stores (the old one's queues are gone with its process).
func restarted(t *testing.T, old *Service, f *fakeMM) *Service {
	t.Helper()
	hand := &fakeHandoff{}
	svc := New(Deps{API: f, KV: old.d.KV, Rows: old.d.Rows, BotID: "bot", Config: old.d.Config, Planner: old.d.Planner, Handoff: hand})
	hand.svc = svc
	t.Cleanup(svc.Close)
	return svc
}

// posted adds a post the plugin never saw (it was not running), ago before now.
func (f *fakeMM) posted(p *model.Post, ago time.Duration) *model.Post {
	f.mu.Lock()
	defer f.mu.Unlock()
	p.CreateAt = time.Now().Add(-ago).UnixMilli()
	f.posts = append(f.posts, p)
	return p
}

// catchUp runs the catch-up and waits for the replies it queued.
func catchUp(t *testing.T, svc *Service) []string {
	t.Helper()
	return catchUpWith(t, svc, CatchUpOptions{})
}

func catchUpWith(t *testing.T, svc *Service, opt CatchUpOptions) []string {
	t.Helper()
	ids, err := svc.CatchUp(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := svc.WaitAnswered(ctx, ids); err != nil {
		t.Fatalf("caught-up messages not answered: %v", err)
	}
	return ids
}

// live posts a message through the hook and waits for its reply: the positive
// event after which a test counts replies (nothing else is still coming).
func live(t *testing.T, svc *Service, f *fakeMM, p *model.Post) {
	t.Helper()
	f.mu.Lock()
	f.posts = append(f.posts, p)
	f.mu.Unlock()
	svc.OnPost(p)
	settled(t, "the reply to "+p.Id, func() bool { return len(answersOf(f, p.Id)) == 1 })
}

// answersOf is the bot's final posts that name id in PropAnswers.
func answersOf(f *fakeMM, id string) []*model.Post {
	var out []*model.Post
	for _, p := range f.botPosts() {
		if p.GetProp(PropStreaming) == nil && slices.Contains(propIDs(p.GetProp(PropAnswers)), id) {
			out = append(out, p)
		}
	}
	return out
}

func TestCatchUpAnswersMissedMessagesOnceInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		first, f := catchUpService(t)
		svc := restarted(t, first, f)
		f.posted(&model.Post{Id: "m1", UserId: "alice", ChannelId: "dm", Message: "在吗"}, 2*time.Minute)
		f.posted(&model.Post{Id: "m2", UserId: "alice", ChannelId: "dm", Message: "鞋子有货吗？"}, time.Minute)
		f.posted(&model.Post{Id: "t1", UserId: "bob", ChannelId: "gen", Message: "how much?"}, time.Minute)
		f.posted(&model.Post{Id: "u1", UserId: "alice", ChannelId: "random", Message: "unwatched"}, time.Minute)
		f.posted(&model.Post{Id: "j1", UserId: "alice", ChannelId: "gen", Type: model.PostTypeJoinChannel}, time.Minute)

		if got := catchUp(t, svc); len(got) != 2 {
			t.Fatalf("queued conversations %v, want the DM and bob's thread", got)
		}
		dm := answersOf(f, "m2")
		if len(dm) != 1 || dm[0].Message != "re: 在吗+鞋子有货吗？" || dm[0].ChannelId != "dm" {
			t.Fatalf("DM replies %v, want one covering both messages in order", messages(dm))
		}
		if th := answersOf(f, "t1"); len(th) != 1 || th[0].RootId != "t1" {
			t.Fatalf("thread replies %v, want one in bob's thread", messages(th))
		}
		if n := len(f.botPosts()); n != 2 {
			t.Fatalf("%d bot posts, want 2 (nothing for the unwatched channel or the system post)", n)
		}

		// Restarted again: nothing is answered twice. The marker's reply comes after
		// anything the catch-up could have queued.
		again := restarted(t, svc, f)
		if got := catchUp(t, again); len(got) != 0 {
			t.Fatalf("second catch-up queued %v", got)
		}
		live(t, again, f, &model.Post{Id: "m3", UserId: "alice", ChannelId: "dm", Message: "谢谢！", CreateAt: model.GetMillis()})
		if n := len(f.botPosts()); n != 3 {
			t.Fatalf("%d bot posts after the marker, want 3: %v", n, messages(f.botPosts()))
		}
	})
}

func TestCatchUpRecognisesReplyWithoutMark(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The crash came after the reply post and before HandledThrough was written:
		// the reply's PropAnswers alone says the message is answered.
		first, f := catchUpService(t)
		f.posted(&model.Post{Id: "m1", UserId: "alice", ChannelId: "dm", Message: "hi?"}, time.Minute)
		reply := &model.Post{Id: "r1", UserId: "bot", ChannelId: "dm", Message: "hello"}
		reply.AddProp(PropAnswers, []any{"m1"}) // as read back from the database
		f.posted(reply, 50*time.Second)
		if got := catchUp(t, restarted(t, first, f)); len(got) != 0 {
			t.Fatalf("an answered message was queued again: %v", got)
		}
		if n := len(f.botPosts()); n != 1 {
			t.Fatalf("%d bot posts, want the one reply", n)
		}
	})
}

func TestCatchUpRevisesReplyCutOffMidStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		first, f := catchUpService(t)
		f.posted(&model.Post{Id: "m1", UserId: "alice", ChannelId: "dm", Message: "price?"}, time.Minute)
		cut := &model.Post{Id: "r1", UserId: "bot", ChannelId: "dm", Message: "The price is"}
		cut.AddProp(PropStreaming, true)
		cut.AddProp(PropAnswers, []string{"m1"})
		f.posted(cut, 50*time.Second)
		catchUp(t, restarted(t, first, f))
		posts := f.botPosts()
		if len(posts) != 1 || posts[0].Id != "r1" || posts[0].Message != "re: price?" || posts[0].GetProp(PropStreaming) != nil {
			t.Fatalf("bot posts %v, want the cut-off reply revised in place into the answer", messages(posts))
		}
	})
}

func TestCatchUpLeavesStaffConversationsQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := catchUpService(t)
		// A conversation handed off before the restart.
		live(t, svc, f, &model.Post{Id: "h1", UserId: "alice", ChannelId: "gen", Message: "我要人工", CreateAt: model.GetMillis()})
		settled(t, "the handoff", func() bool { c, _ := svc.Store.Get("h1"); return c != nil && c.State == StateWaitingHuman })
		f.posted(&model.Post{Id: "h2", UserId: "alice", ChannelId: "gen", RootId: "h1", Message: "hello?"}, -time.Second)
		// A conversation staff took over while the plugin was down.
		live(t, svc, f, &model.Post{Id: "b1", UserId: "bob", ChannelId: "gen", Message: "size?", CreateAt: model.GetMillis()})
		f.posted(&model.Post{Id: "b2", UserId: "bob", ChannelId: "gen", RootId: "b1", Message: "and colour?"}, -2*time.Second)
		f.posted(&model.Post{Id: "s1", UserId: "staff", ChannelId: "gen", RootId: "b1", Message: "I'll help"}, -3*time.Second)
		before := len(f.botPosts())

		again := restarted(t, svc, f)
		if got := catchUp(t, again); len(got) != 0 {
			t.Fatalf("queued %v, want nothing", got)
		}
		if c, _ := again.Store.Get("b1"); c == nil || c.State != StateHuman {
			t.Fatalf("the staff post did not take the conversation over: %+v", c)
		}
		if n := len(f.botPosts()); n != before {
			t.Fatalf("the bot spoke in conversations staff have: %v", messages(f.botPosts()[before:]))
		}
	})
}

func TestCatchUpHonoursWindowFirstRunAndLegacyRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		f.posted(&model.Post{Id: "old", UserId: "alice", ChannelId: "dm", Message: "before the first run"}, time.Minute)
		if got := catchUp(t, svc); len(got) != 0 {
			t.Fatalf("the first run caught up %v; it only records when it ran", got)
		}
		var floor int64
		if ok, _ := store.GetJSON(svc.d.KV, floorKey, &floor); !ok || floor < time.Now().Add(-time.Minute).UnixMilli() {
			t.Fatalf("floor %d not recorded", floor)
		}

		svc, f = catchUpService(t)
		f.posted(&model.Post{Id: "stale", UserId: "alice", ChannelId: "dm", Message: "two days ago"}, 48*time.Hour)
		// A record from before HandledThrough was kept: its last change stands for it.
		if _, err := svc.Store.Update("solo", func(c *Conversation, _ bool) (bool, error) {
			*c = Conversation{ID: "solo", Kind: KindChannel, CustomerID: "alice", ChannelID: "solo", State: StateBot, UpdatedAt: time.Now()}
			return true, nil
		}); err != nil {
			t.Fatal(err)
		}
		f.posted(&model.Post{Id: "o1", UserId: "alice", ChannelId: "solo", Message: "answered by the old version"}, time.Minute)
		if got := catchUp(t, restarted(t, svc, f)); len(got) != 0 {
			t.Fatalf("queued %v, want nothing", got)
		}
		if n := len(f.botPosts()); n != 0 {
			t.Fatalf("bot posts %v", messages(f.botPosts()))
		}
	})
}

// gatedPlanner answers once released: a live reply still being prepared while
// the catch-up scans.
type gatedPlanner struct {
	release chan struct{}
	once    sync.Once
}

func (g *gatedPlanner) Plan(ctx context.Context, t agent.Turn) (*agent.Reply, error) {
	select {
	case <-g.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return echoPlanner{}.Plan(ctx, t)
}

func TestCatchUpAndHookTakeAMessageOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		first, f := catchUpService(t)
		g := &gatedPlanner{release: make(chan struct{})}
		svc := New(Deps{API: f, KV: first.d.KV, Rows: first.d.Rows, BotID: "bot", Config: first.d.Config, Planner: func() Planner { return g }})
		t.Cleanup(svc.Close)
		// Delivered by the hook right after activation; its reply is not posted yet
		// when the catch-up reads the channel and finds it unanswered.
		p := f.posted(&model.Post{Id: "m1", UserId: "alice", ChannelId: "dm", Message: "hi?"}, time.Second)
		svc.OnPost(p)
		ids, err := svc.CatchUp(context.Background(), CatchUpOptions{})
		if err != nil || len(ids) != 0 {
			t.Fatalf("catch-up queued %v (%v) a message the hook had", ids, err)
		}
		g.once.Do(func() { close(g.release) })
		settled(t, "the reply", func() bool { return len(answersOf(f, "m1")) == 1 })
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := svc.WaitAnswered(ctx, []string{"dm"}); err != nil {
			t.Fatal(err)
		}
		if n := len(f.botPosts()); n != 1 {
			t.Fatalf("%d bot posts, want 1: %v", n, messages(f.botPosts()))
		}
		// And a post the hook sees after the catch-up took it is dropped.
		p2 := f.posted(&model.Post{Id: "m2", UserId: "alice", ChannelId: "dm", Message: "still there?"}, 0)
		again := restarted(t, svc, f)
		catchUp(t, again)
		again.OnPost(p2)
		live(t, again, f, &model.Post{Id: "m3", UserId: "alice", ChannelId: "dm", Message: "marker?", CreateAt: model.GetMillis()})
		if n := len(answersOf(f, "m2")); n != 1 {
			t.Fatalf("m2 answered %d times", n)
		}
	})
}

// otherNode answers m1 in the channel right after the catch-up's first reading
// of it, as another server of a cluster that had it live would.
type otherNode struct {
	*fakeMM
	reads int
}

func (o *otherNode) GetPostsForChannel(ch string, page, perPage int) (*model.PostList, *model.AppError) {
	list, appErr := o.fakeMM.GetPostsForChannel(ch, page, perPage)
	if o.reads++; o.reads == 1 {
		r := &model.Post{Id: "r1", UserId: "bot", ChannelId: ch, Message: "answered elsewhere"}
		r.AddProp(PropAnswers, []string{"m1"})
		o.posted(r, 0)
	}
	return list, appErr
}

func TestCatchUpOnAClusterLetsYoungMessagesSettle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		first, f := catchUpService(t)
		o := &otherNode{fakeMM: f}
		svc := New(Deps{API: o, KV: first.d.KV, Rows: first.d.Rows, BotID: "bot", Config: first.d.Config, Planner: first.d.Planner})
		t.Cleanup(svc.Close)
		f.posted(&model.Post{Id: "m1", UserId: "alice", ChannelId: "dm", Message: "being answered elsewhere?"}, 0)
		ids, err := svc.CatchUp(context.Background(), CatchUpOptions{Settle: 200 * time.Millisecond})
		if err != nil || len(ids) != 0 {
			t.Fatalf("queued %v (%v): m1 was answered by the other server meanwhile", ids, err)
		}
		if o.reads < 2 {
			t.Fatalf("the channel was read %d times, want a second look after the settle time", o.reads)
		}

		// A message nobody answers is answered after the second look.
		f.posted(&model.Post{Id: "m2", UserId: "alice", ChannelId: "dm", Message: "anyone?"}, 0)
		again := restarted(t, svc, f)
		if got := catchUpWith(t, again, CatchUpOptions{Settle: 200 * time.Millisecond}); len(got) != 1 {
			t.Fatalf("queued %v, want the DM", got)
		}
		if n := len(answersOf(f, "m2")); n != 1 {
			t.Fatalf("m2 answered %d times", n)
		}
		if n := len(answersOf(f, "m1")); n != 1 {
			t.Fatalf("m1 answered %d times", n)
		}
	})
}
