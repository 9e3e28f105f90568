package conversation

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// waitBotPosts returns the bot's posts once every message the service took in has
// been answered. OnPost routes a post before it returns: a post it ignored has no
// reply coming, and one it queued keeps its conversation's queue until the reply is
// posted. So "no queue left" is the positive point after which a post not answered
// never will be: no sleep stands in for it.
func waitBotPosts(t *testing.T, svc *Service, f *fakeMM) []*model.Post {
	t.Helper()
	waitIdle(t, svc)
	return f.botPosts()
}

// waitIdle lets the service run to quiescence (settle) and checks that no
// conversation has a message still waiting for, or being given, a reply.
func waitIdle(t *testing.T, svc *Service) {
	t.Helper()
	settle()
	svc.queues.mu.Lock()
	n := len(svc.queues.queues)
	svc.queues.mu.Unlock()
	if n != 0 {
		t.Fatalf("%d conversations still have replies under way with nothing left to happen", n)
	}
}

// settle, inside a synctest bubble, lets everything under way run to its end:
// virtual time moves a minute on (past every quiet window, flush and typing
// interval; the fakes here take no time), and synctest.Wait returns once every
// goroutine of the bubble is blocked on something only the test can wake. What
// has not happened by then never will: an absence checked after it is an
// absence, not a pause that was too short.
func settle() {
	time.Sleep(time.Minute)
	synctest.Wait()
}

// settled checks cond after settle: the service prepares its answers on the
// queue's goroutine.
func settled(t *testing.T, what string, cond func() bool) {
	t.Helper()
	settle()
	if !cond() {
		t.Fatalf("not %s, with nothing left to happen", what)
	}
}
