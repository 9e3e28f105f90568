package shop

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/store"
)

// FAQs learnt from staff (issue 17): entries staff approved from their own answers.
// They are kept apart from the imported catalog, so that a catalog re-import (the
// shop's document) does not lose them, and laid over every catalog the repo serves:
// searched, and answered, like the shop's own FAQs.

const learnedKey = "shop/learned_faqs"

// LearnedPrefix starts the id of every learnt FAQ; a catalog's own FAQ with the
// same id wins.
const LearnedPrefix = "learned-"

// AddLearnedFAQ stores an approved FAQ and serves it at once on this node (the
// caller tells the cluster, as after an import). The id must start with
// LearnedPrefix; storing an id again replaces that entry.
func (r *Repo) AddLearnedFAQ(ctx context.Context, f FAQ) error {
	f.ID, f.Question, f.Answer = strings.TrimSpace(f.ID), strings.TrimSpace(f.Question), strings.TrimSpace(f.Answer)
	if !strings.HasPrefix(f.ID, LearnedPrefix) || f.Question == "" || f.Answer == "" {
		return errors.New("a learnt FAQ needs a learned- id, a question and an answer")
	}
	if err := r.lock.LockWithContext(ctx); err != nil {
		return fmt.Errorf("lock catalog for a learnt FAQ: %w", err)
	}
	defer r.lock.Unlock()
	learned, err := store.Update(r.kv, learnedKey, func(list *[]FAQ, _ bool) (bool, error) {
		*list = slices.DeleteFunc(*list, func(o FAQ) bool { return o.ID == f.ID })
		*list = append(*list, f)
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("store learnt FAQ: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.snap.Load()
	r.snap.Store(s.withCatalog(withLearned(s.Catalog, learned)))
	return nil
}

func (r *Repo) learned() ([]FAQ, error) {
	var list []FAQ
	if _, err := store.GetJSON(r.kv, learnedKey, &list); err != nil {
		return nil, fmt.Errorf("read learnt FAQs: %w", err)
	}
	return list, nil
}

// withLearned is c with the learnt FAQs it lacks appended (a shallow copy: the
// catalog itself is shared and never changed).
func withLearned(c *Catalog, learned []FAQ) *Catalog {
	if len(learned) == 0 {
		return c
	}
	if c == nil {
		c = &Catalog{}
	}
	n := *c
	n.FAQs = slices.DeleteFunc(slices.Clone(c.FAQs), func(q FAQ) bool { return strings.HasPrefix(q.ID, LearnedPrefix) })
	for _, f := range learned {
		if !slices.ContainsFunc(n.FAQs, func(q FAQ) bool { return q.ID == f.ID }) {
			n.FAQs = append(n.FAQs, f)
		}
	}
	return &n
}
