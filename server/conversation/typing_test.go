package conversation

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// typingMM counts the bot's typing events.
type typingMM struct {
	*fakeMM
	n atomic.Int32
}

func (m *typingMM) PublishUserTyping(string, string, string) *model.AppError {
	m.n.Add(1)
	return nil
}

func TestTypingOnlyForASlowReply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mm := &typingMM{fakeMM: &fakeMM{}}
		s := &Service{d: Deps{API: mm, BotID: "bot"}}
		r := &replyPost{}

		// A reply done before typingAfter: no indicator at all.
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { s.keepTyping("ch", "", r, stop); close(done) }()
		time.Sleep(typingAfter - time.Millisecond)
		close(stop)
		<-done
		if n := mm.n.Load(); n != 0 {
			t.Fatalf("a reply ready within %v sent %d typing events, want none", typingAfter, n)
		}

		// A slow reply: "typing…" from typingAfter on, again every typingEvery.
		stop = make(chan struct{})
		done = make(chan struct{})
		go func() { s.keepTyping("ch", "", r, stop); close(done) }()
		time.Sleep(typingAfter + time.Millisecond)
		synctest.Wait()
		if n := mm.n.Load(); n != 1 {
			t.Fatalf("after %v: %d typing events, want 1", typingAfter, n)
		}
		time.Sleep(typingEvery)
		synctest.Wait()
		if n := mm.n.Load(); n != 2 {
			t.Fatalf("after %v more: %d typing events, want 2", typingEvery, n)
		}
		close(stop)
		<-done
	})
}
