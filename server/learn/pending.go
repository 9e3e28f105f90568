package learn

import (
	"fmt"
	"sort"

	"github.com/concierge-shop/concierge/server/store"
)

// Pending lists the proposals waiting for a staff decision, oldest first: the staff
// panel shows them with a link to their card, where the buttons are.
func (s *Service) Pending() ([]Proposal, error) {
	keys, err := store.KeysWithPrefix(s.d.KV, "learn/proposal/")
	if err != nil {
		return nil, fmt.Errorf("list proposals: %w", err)
	}
	out := []Proposal{}
	for _, k := range keys {
		var p Proposal
		ok, err := store.GetJSON(s.d.KV, k, &p)
		if err != nil {
			return nil, fmt.Errorf("read proposal %s: %w", k, err)
		}
		if ok && p.State == StateProposed {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, nil
}
