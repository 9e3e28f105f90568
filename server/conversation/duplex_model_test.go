package conversation

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// modelPlanner streams the model's answer into the reply, as the LLM planner's step
// does, through the real client: what a stale reply's cancellation reaches is the
// HTTP stream itself.
type modelPlanner struct{ c *llm.Client }

func (p modelPlanner) Plan(ctx context.Context, t agent.Turn) (*agent.Reply, error) {
	s, err := p.c.Stream(ctx, llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: strings.Join(t.Messages, "\n")}}})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var text strings.Builder
	for ev := range s.Events() {
		switch ev.Type {
		case llm.EventText:
			text.WriteString(ev.Text)
			if !t.Stream.Write(text.String()) {
				return nil, context.Canceled
			}
		case llm.EventDone:
			return &agent.Reply{Text: text.String()}, nil
		case llm.EventError:
			return nil, ev.Err
		}
	}
	return nil, errors.New("the stream ended without an answer")
}

// notifyMM tells the test about every bot post written, as it is written.
type notifyMM struct {
	*fakeMM
	written chan *model.Post
}

func (n notifyMM) CreatePost(p *model.Post) (*model.Post, *model.AppError) {
	c, err := n.fakeMM.CreatePost(p)
	if err == nil {
		n.written <- c.Clone()
	}
	return c, err
}

func (n notifyMM) UpdatePost(p *model.Post) (*model.Post, *model.AppError) {
	c, err := n.fakeMM.UpdatePost(p)
	if err == nil {
		n.written <- c.Clone()
	}
	return c, err
}

// nextFinal returns the next bot post written without the streaming mark.
func nextFinal(t testing.TB, written <-chan *model.Post) *model.Post {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case p := <-written:
			if p.GetProp(PropStreaming) == nil {
				return p
			}
		case <-timeout:
			t.Fatal("no final reply")
			return nil
		}
	}
}

// slowModel scripts a model that streams a long first answer slowly and answers a
// turn holding "white" at once.
// (newServer: llmtest.NewServer, or NewPipeServer inside a synctest bubble).
func slowModel(t testing.TB, newServer func(testing.TB) *llmtest.Server) *llmtest.Server {
	srv := newServer(t)
	srv.On(llmtest.LastUserContains("white"), llmtest.Response{Text: "White ones are in stock."})
	srv.On(nil, llmtest.Response{Text: strings.Repeat("Our runners run half a size small. ", 20),
		ChunkRunes: 4, ChunkDelay: 50 * time.Millisecond})
	return srv
}

// interruptStream asks, waits for the streamed reply to show, interrupts it, and
// returns how long after the interruption the model's first stream ended.
func interruptStream(t testing.TB, svc *Service, srv *llmtest.Server, written chan *model.Post, id string, first int) time.Duration {
	t.Helper()
	svc.OnPost(&model.Post{Id: id, UserId: "alice", ChannelId: "gen", Message: "do they run small?"})
	<-written // the first words are showing
	at := time.Now()
	svc.OnPost(&model.Post{Id: id + "b", RootId: id, UserId: "alice", ChannelId: "gen", Message: "and in white?"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e, err := srv.WaitEnded(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Cancelled {
		t.Fatalf("the stale stream was not cancelled: %+v", e)
	}
	if p := nextFinal(t, written); p.Message != "White ones are in stock." || p.RootId != id {
		t.Fatalf("final reply %q in %s, want the answer to the new message in %s", p.Message, p.RootId, id)
	}
	return e.Ended.Sub(at)
}

func modelService(t testing.TB, srv *llmtest.Server) (*Service, *fakeMM, chan *model.Post) {
	svc, f := newService(t)
	written := make(chan *model.Post, 256)
	svc.d.API = notifyMM{fakeMM: f, written: written}
	client := llm.New(llm.Config{BaseURL: srv.URL, Model: "m"}, llm.WithHTTPClient(srv.Client()))
	svc.d.Planner = func() Planner { return modelPlanner{c: client} }
	return svc, f, written
}

// A new message while the model streams ends the model's stream at once (the
// scripted model's log says so) and the one post answers the new message.
// In a synctest bubble over in-memory pipes: "at once" is exact, on the virtual
// clock, before the model's next chunk was due (BenchmarkDuplexInterruptStaleStream
// measures the real time over sockets).
func TestInterruptionEndsTheModelStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slowModel(t, llmtest.NewPipeServer)
		svc, f, written := modelService(t, srv)
		took := interruptStream(t, svc, srv, written, "c1", 1)
		svc.Close()
		if took != 0 {
			t.Fatalf("the stale stream ended %v after the interruption, want at once", took)
		}
		if posts := f.botPosts(); len(posts) != 1 {
			t.Fatalf("bot posts %v, want one reply revised in place", messages(posts))
		}
	})
}

// A streamed reply is posted with the type whose component shows its cards at the
// end: Mattermost keeps a post's type on edit, so the final edit cannot set it.
func TestStreamedReplyTakesTheStreamedType(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slowModel(t, llmtest.NewPipeServer)
		svc, _, written := modelService(t, srv)
		svc.OnPost(&model.Post{Id: "s1", UserId: "alice", ChannelId: "gen", Message: "do they run small?"})
		final := nextFinal(t, written)
		svc.Close()
		if final.Type != cards.TypeStreamed {
			t.Fatalf("streamed reply type %q, want %q", final.Type, cards.TypeStreamed)
		}
	})
}
