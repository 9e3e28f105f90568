package conversation

import (
	"sync"

	"github.com/concierge-shop/concierge/server/store"
)

// The customer's latest conversation is where the bot reaches her on its own
// initiative (a proactive card). No reply needs it, and nothing
// that answers a message reads it (the catch-up reads posts and conversation
// records), so it is written after the reply is posted, and only when it
// changed: a KV write fewer before every answer.

func latestKey(userID string) string { return "conv/latest/" + userID }

// latestNotes remembers what this server last wrote per customer. Another
// server may have written since (a customer in two conversations through two
// servers); the next change here writes again, which is as good as "latest" can
// be across servers.
type latestNotes struct {
	mu sync.Mutex
	m  map[string]string
}

// latestMax bounds the memory: past it the notes start again (a write each).
const latestMax = 8192

// noteLatest records convID as the customer's latest conversation if it is not
// already.
func (s *Service) noteLatest(userID, convID string) {
	n := &s.latest
	n.mu.Lock()
	same := n.m[userID] == convID
	n.mu.Unlock()
	if same {
		return
	}
	if err := store.SetJSON(s.d.KV, latestKey(userID), convID); err != nil {
		s.d.API.LogWarn("conversation: cannot record the customer's latest conversation", "user_id", userID, "err", err.Error())
		return
	}
	n.mu.Lock()
	if n.m == nil || len(n.m) >= latestMax {
		n.m = map[string]string{}
	}
	n.m[userID] = convID
	n.mu.Unlock()
}

// Latest returns the customer's most recent conversation, or nil: where the bot
// reaches a customer on its own initiative (a proactive card).
func (s *Service) Latest(userID string) (*Conversation, error) {
	var id string
	ok, err := store.GetJSON(s.d.KV, latestKey(userID), &id)
	if err != nil || !ok {
		return nil, err
	}
	return s.Store.Get(id)
}
