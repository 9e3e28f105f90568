package conversation

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/store"
)

// Messages a customer sent while a reply was being prepared when the plugin stopped
// (a restart, an upgrade, a disable) are kept in the KV store and answered on the
// next activation (SPEC §7: every customer message is covered by one reply).
const pendingPrefix = "conv/pending/"

// Close stops the queues (replies being prepared are cancelled) and keeps what was
// left unanswered for the next activation.
func (s *Service) Close() {
	for id, p := range s.queues.Close() {
		if err := store.SetJSON(s.d.KV, pendingPrefix+id, p); err != nil {
			s.d.API.LogError("conversation: cannot keep unanswered messages over the restart",
				"conversation_id", id, "messages", len(p.Messages), "err", err.Error())
		}
	}
}

// Resume answers the messages a previous run left unanswered and returns the
// conversations it queued. On a cluster each conversation is claimed by one server
// with a compare-and-set.
func (s *Service) Resume() ([]string, error) {
	keys, err := store.KeysWithPrefix(s.d.KV, pendingPrefix)
	if err != nil {
		return nil, fmt.Errorf("list unanswered messages: %w", err)
	}
	var queued []string
	for _, k := range keys {
		raw, err := s.d.KV.Get(k)
		if err != nil || len(raw) == 0 {
			continue
		}
		// Deleting it if unchanged is the claim: only one server answers them.
		if ok, err := s.d.KV.CompareAndSet(k, raw, nil); err != nil || !ok {
			continue
		}
		var p Pending
		if err := json.Unmarshal(raw, &p); err != nil {
			s.d.API.LogError("conversation: unreadable unanswered messages", "key", k, "err", err.Error())
			continue
		}
		id := strings.TrimPrefix(k, pendingPrefix)
		if conv, err := s.Store.Get(id); err != nil || conv == nil || conv.State != StateBot {
			continue // staff have it now
		}
		// The catch-up's scan sees them unanswered too: queued here, not there.
		msgs := p.Messages[:0]
		for _, m := range p.Messages {
			if s.taken.claim(m.PostID) {
				msgs = append(msgs, m)
			}
		}
		p.Messages = msgs
		s.queues.Restore(id, p)
		queued = append(queued, id)
	}
	return queued, nil
}
