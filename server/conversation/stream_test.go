package conversation

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/refund"
)

func TestReplyPostStreamsIntoOnePost(t *testing.T) {
	synctest.Test(t, testReplyPostStreamsIntoOnePost)
}

func testReplyPostStreamsIntoOnePost(t *testing.T) {
	f := &fakeMM{}
	g := &fakeGate{ok: true}
	r := newReplyPost(context.Background(), f, g, "bot", "gen", "root1", nil)
	clock := time.Unix(1_800_000_000, 0)
	r.now = func() time.Time { return clock }

	steps := []struct {
		write       string
		advance     time.Duration
		wantMessage string
		wantUpdates int
	}{
		{"  ", 0, "", 0}, // nothing visible yet: no post
		{"您好", 0, "", 0}, // the first text is held
		{"您好，这款", streamHold, "您好，这款", 0},               // and posted, as it then reads, after streamHold
		{"您好，这款跑鞋", 100 * time.Millisecond, "您好，这款", 0}, // too soon for an update
		{"您好，这款跑鞋", streamEvery, "您好，这款跑鞋", 1},          // the next one after the interval
		{"您好，这款跑鞋", streamEvery, "您好，这款跑鞋", 1},          // unchanged text: no write
		{"您好，这款跑鞋偏小半码", streamEvery, "您好，这款跑鞋偏小半码", 2},  // updated again
	}
	for i, s := range steps {
		if !r.Write(s.write) {
			t.Fatalf("step %d: Write refused", i)
		}
		time.Sleep(s.advance)
		synctest.Wait()
		clock = clock.Add(s.advance)
		if s.advance >= streamEvery {
			// The update interval is read when the next text comes.
			if !r.Write(s.write) {
				t.Fatalf("step %d: Write refused", i)
			}
		}
		posts := f.botPosts()
		if s.wantMessage == "" {
			if len(posts) != 0 {
				t.Fatalf("step %d: posted %q too early", i, posts[0].Message)
			}
			continue
		}
		if len(posts) != 1 || posts[0].Message != s.wantMessage || posts[0].RootId != "root1" || f.updates != s.wantUpdates {
			t.Fatalf("step %d: posts %v, updates %d; want one post %q after %d updates", i, messages(posts), f.updates, s.wantMessage, s.wantUpdates)
		}
		if posts[0].GetProp(PropStreaming) != true {
			t.Fatalf("step %d: a reply being written lacks the streaming mark", i)
		}
	}
	card := &model.MessageAttachment{Title: "退款"}
	if !r.finish("您好，这款跑鞋偏小半码，建议选39码。", []*model.MessageAttachment{card}, "card-1") {
		t.Fatal("finish refused")
	}
	posts := f.botPosts()
	if len(posts) != 1 || posts[0].Message != "您好，这款跑鞋偏小半码，建议选39码。" || len(posts[0].Attachments()) != 1 {
		t.Fatalf("final: %v with %d attachments", messages(posts), len(posts[0].Attachments()))
	}
	if posts[0].GetProp(PropStreaming) != nil {
		t.Fatal("the final reply still says it is being written")
	}
	if ids, _ := posts[0].GetProp(PropCards).([]string); len(ids) != 1 || ids[0] != "card-1" {
		t.Fatalf("the final reply names cards %v", posts[0].GetProp(PropCards))
	}
	if g.commits != 1 {
		t.Fatalf("committed %d times, want once", g.commits)
	}
}

// A streamed answer complete within streamHold is one post with the final text:
// one write, never marked as being written; nothing is posted after it.
func TestReplyPostWholeWithinTheHoldIsOnePost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeMM{}
		r := newReplyPost(context.Background(), f, &fakeGate{ok: true}, "bot", "gen", "root1", nil)
		for _, text := range []string{"White", "White ones", "White ones are"} {
			if !r.Write(text) {
				t.Fatal("Write refused")
			}
		}
		if !r.finish("White ones are in stock.", nil) {
			t.Fatal("finish refused")
		}
		time.Sleep(streamHold * 2)
		synctest.Wait()
		posts := f.botPosts()
		if len(posts) != 1 || f.n != 1 || f.updates != 0 || posts[0].Message != "White ones are in stock." {
			t.Fatalf("posts %v after %d creates and %d updates; want one created with the final text", messages(posts), f.n, f.updates)
		}
		if posts[0].GetProp(PropStreaming) != nil {
			t.Fatal("a whole reply is marked as being written")
		}
	})
}

// Words held when a later message makes the reply stale are never shown.
func TestReplyPostInterruptedWhileHeldShowsNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeMM{}
		ctx, cancel := context.WithCancel(context.Background())
		r := newReplyPost(ctx, f, &fakeGate{ok: true}, "bot", "gen", "", nil)
		if !r.Write("Our runners run") {
			t.Fatal("Write refused")
		}
		cancel()
		if id := r.interrupt("…updating"); id != "" {
			t.Fatalf("interrupt handed over post %q; nothing was shown", id)
		}
		time.Sleep(streamHold * 2)
		synctest.Wait()
		if posts := f.botPosts(); len(posts) != 0 {
			t.Fatalf("stale words were posted: %v", messages(posts))
		}
	})
}

func TestReplyPostNotShownWhenStale(t *testing.T) {
	f := &fakeMM{}
	r := newReplyPost(context.Background(), f, &fakeGate{}, "bot", "gen", "", nil)
	if r.Write("partial") {
		t.Fatal("Write accepted text for a stale reply")
	}
	if r.finish("final", nil) || len(f.botPosts()) != 0 {
		t.Fatalf("a stale reply was posted: %v", messages(f.botPosts()))
	}
}

// fakeGate answers the reply's questions to its queue.
type fakeGate struct {
	ok      bool
	commits int
}

func (g *fakeGate) Show(context.Context) bool { return g.ok }
func (g *fakeGate) Commit(context.Context) bool {
	if g.ok {
		g.commits++
	}
	return g.ok
}

// A reply made stale after showing text says at once that a new answer is coming,
// and a later reply revises the same post into the final answer: one post in all.
func TestReplyPostInterruptedIsRevisedInPlace(t *testing.T) {
	synctest.Test(t, testReplyPostInterruptedIsRevisedInPlace)
}

func testReplyPostInterruptedIsRevisedInPlace(t *testing.T) {
	f := &fakeMM{}
	ctx, cancel := context.WithCancel(context.Background())
	first := newReplyPost(ctx, f, &fakeGate{ok: true}, "bot", "gen", "", nil)
	if !first.Write("Our runners run") {
		t.Fatal("Write refused")
	}
	time.Sleep(streamHold)
	synctest.Wait() // shown
	cancel()
	if first.Write("Our runners run half a size small") {
		t.Fatal("a stale reply went on writing")
	}
	id := first.interrupt("…updating")
	posts := f.botPosts()
	if id == "" || len(posts) != 1 || posts[0].Message != "…updating" || posts[0].GetProp(PropStreaming) != true {
		t.Fatalf("after the interruption: id %q, posts %v", id, messages(posts))
	}
	second := newReplyPost(context.Background(), f, &fakeGate{ok: true}, "bot", "gen", "", nil)
	second.revise(posts[0])
	if second.started() {
		t.Fatal("the revising reply counts the marker as its own text")
	}
	if !second.Write("White ones") || !second.finish("White ones are in stock.", nil) {
		t.Fatal("the revising reply was refused")
	}
	posts = f.botPosts()
	if len(posts) != 1 || posts[0].Id != id || posts[0].Message != "White ones are in stock." || posts[0].GetProp(PropStreaming) != nil {
		t.Fatalf("final: %v, want the one post %s revised into the new answer", messages(posts), id)
	}
}

func TestReplyPostWithoutStreaming(t *testing.T) {
	f := &fakeMM{}
	r := newReplyPost(context.Background(), f, &fakeGate{ok: true}, "bot", "gen", "", nil)
	if !r.finish("whole reply", nil) {
		t.Fatal("finish refused")
	}
	if posts := f.botPosts(); len(posts) != 1 || posts[0].Message != "whole reply" || f.updates != 0 {
		t.Fatalf("posts %v, updates %d", messages(posts), f.updates)
	}
}

// streamingPlanner writes its reply in pieces, then returns the final text.
type streamingPlanner struct{ pieces []string }

func (p streamingPlanner) Plan(_ context.Context, t agent.Turn) (*agent.Reply, error) {
	text := ""
	for _, piece := range p.pieces {
		text += piece
		if t.Stream != nil && !t.Stream.Write(text) {
			return nil, context.Canceled
		}
		time.Sleep(streamEvery / 2)
	}
	return &agent.Reply{Text: text + "!"}, nil
}

func TestServiceStreamsAReplyAsOnePost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		svc.d.Planner = func() Planner {
			return streamingPlanner{pieces: []string{"Our ", "runners ", "run ", "half ", "a size ", "small"}}
		}
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "do they run small?"})
		waitIdle(t, svc)
		posts := f.botPosts()
		if len(posts) != 1 || posts[0].Message != "Our runners run half a size small!" || posts[0].RootId != "c1" {
			t.Fatalf("posts %v, want the one final reply in thread c1", messages(posts))
		}
		if f.updates < 2 {
			t.Fatalf("%d updates: the reply was not shown while it was written", f.updates)
		}
	})
}

func messages(posts []*model.Post) []string {
	out := make([]string, len(posts))
	for i, p := range posts {
		out[i] = p.Message
	}
	return out
}

// The refund cards read the prop the conversation writes.
func TestPropCardsMatchesRefund(t *testing.T) {
	if PropCards != refund.PropCards {
		t.Fatalf("conversation writes %q, refund reads %q", PropCards, refund.PropCards)
	}
}
