package conversation

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/store"
)

// The customer's latest conversation is written after the reply, and once per
// conversation, not before every answer.
func TestLatestConversationIsWrittenAfterTheReplyOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		kv := store.NewMemory()
		var mu sync.Mutex
		writes, repliesAtFirstWrite := 0, -1
		kv.FailSet = func(key string) bool {
			if strings.HasPrefix(key, "conv/latest/") {
				mu.Lock()
				writes++
				if repliesAtFirstWrite < 0 {
					repliesAtFirstWrite = len(f.botPosts())
				}
				mu.Unlock()
			}
			return false
		}
		svc.d.KV = kv
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "hi"})
		waitIdle(t, svc)
		svc.OnPost(&model.Post{Id: "c2", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "and?"})
		waitIdle(t, svc)
		if got := len(f.botPosts()); got != 2 {
			t.Fatalf("%d replies, want 2", got)
		}
		mu.Lock()
		defer mu.Unlock()
		if writes != 1 || repliesAtFirstWrite != 1 {
			t.Fatalf("latest written %d times, first with %d replies posted; want once, after the first reply", writes, repliesAtFirstWrite)
		}
		if latest, _ := svc.Latest("alice"); latest == nil || latest.ID != "c1" {
			t.Fatalf("latest conversation of alice: %+v", latest)
		}
	})
}

// historyReads counts the reads a turn's history costs.
type historyReads struct {
	*fakeMM
	mu    sync.Mutex
	reads int
}

func (h *historyReads) GetPostThread(id string) (*model.PostList, *model.AppError) {
	h.count()
	return h.fakeMM.GetPostThread(id)
}

func (h *historyReads) GetPostsForChannel(ch string, page, perPage int) (*model.PostList, *model.AppError) {
	h.count()
	return h.fakeMM.GetPostsForChannel(ch, page, perPage)
}

func (h *historyReads) count() {
	h.mu.Lock()
	h.reads++
	h.mu.Unlock()
}

// A new thread's first turn has no history to read; its second one does.
func TestFirstTurnOfAThreadReadsNoHistory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		svc, f := newService(t)
		h := &historyReads{fakeMM: f}
		svc.d.API = h
		svc.OnPost(&model.Post{Id: "c1", UserId: "alice", ChannelId: "gen", Message: "hi"})
		waitIdle(t, svc)
		h.mu.Lock()
		first := h.reads
		h.mu.Unlock()
		svc.OnPost(&model.Post{Id: "c2", UserId: "alice", ChannelId: "gen", RootId: "c1", Message: "and?"})
		waitIdle(t, svc)
		h.mu.Lock()
		defer h.mu.Unlock()
		if first != 0 || h.reads == 0 {
			t.Fatalf("history reads: %d for the first turn (want 0), %d for the second (want some)", first, h.reads-first)
		}
	})
}
