package refund

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/store"
)

// openKey holds the ids of the cards whose money is in motion: processing, in
// doubt, or a return waiting for its goods. It is one small value (such refunds are
// few at any time), so the reconciliation reads it in O(1) instead of listing every
// key of the plugin.
const openKey = "refund/open"

// openCards maps a card id to when it was tracked.
type openCards map[string]time.Time

// track adds a card to the open set before its money starts to move, so that a
// crash at any later point leaves it where the reconciliation finds it.
func (s *Service) track(id string) error {
	_, err := store.Update(s.d.KV, openKey, func(m *openCards, _ bool) (bool, error) {
		if *m == nil {
			*m = openCards{}
		}
		if _, ok := (*m)[id]; ok {
			return false, nil
		}
		(*m)[id] = s.d.Now().UTC()
		return true, nil
	})
	return err
}

// untrack removes a settled card; a failure only costs the reconciliation a look.
func (s *Service) untrack(id string) {
	if _, err := store.Update(s.d.KV, openKey, func(m *openCards, exists bool) (bool, error) {
		if _, ok := (*m)[id]; !ok {
			return false, nil
		}
		delete(*m, id)
		return true, nil
	}); err != nil {
		s.d.API.LogWarn("refund: cannot untrack card", "card_id", id, "err", err.Error())
	}
}

// Open returns the cards whose money is in motion, oldest first.
func (s *Service) Open() ([]*Card, error) {
	var m openCards
	if _, err := store.GetJSON(s.d.KV, openKey, &m); err != nil {
		return nil, err
	}
	out := make([]*Card, 0, len(m))
	for id := range m {
		c, err := s.Get(id)
		if err != nil {
			return nil, err
		}
		if c == nil {
			s.untrack(id)
			continue
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, nil
}

// stuckAfter: a card still processing this long after its last change lost its
// server (a restart mid-refund); an HTTP backend call gives up well before it.
const stuckAfter = 2 * time.Minute

// retryDelay backs off an in-doubt refund: 1, 2, 4 … minutes, at most an hour.
func retryDelay(attempts int) time.Duration {
	d := time.Minute << min(max(attempts-1, 0), 6)
	return min(d, time.Hour)
}

// due reports whether the reconciliation should retry the card now.
func (c *Card) due(now time.Time) bool {
	switch c.State {
	case StateProcessing:
		return now.Sub(c.UpdatedAt) >= stuckAfter
	case StateInDoubt:
		return now.Sub(c.UpdatedAt) >= retryDelay(c.Attempts)
	}
	return false
}

// Reconcile retries, with their own idempotency keys, the refunds whose outcome is
// unknown and those a restart left processing. It runs as a cluster job (one server
// at a time); a claim by compare-and-set keeps a concurrent click or staff retry
// from running the same card twice at once. It returns how many it settled.
func (s *Service) Reconcile(ctx context.Context) (int, error) {
	cards, err := s.Open()
	if err != nil {
		return 0, fmt.Errorf("list open refunds: %w", err)
	}
	settled := 0
	now := s.d.Now()
	for _, c := range cards {
		if ctx.Err() != nil {
			return settled, ctx.Err()
		}
		switch {
		case c.State == StateOffered || c.State == StateAwaitingApproval || (c.Final() && !c.AwaitingGoods()):
			s.untrack(c.ID) // settled elsewhere, or never started
			continue
		case !c.due(now):
			continue
		}
		after, err := s.retry(ctx, c.ID, false)
		if err != nil {
			s.d.API.LogWarn("refund: reconcile", "card_id", c.ID, "err", err.Error())
			continue
		}
		if after.State != StateInDoubt {
			settled++
		}
	}
	return settled, nil
}

// ErrNotOpen: a staff action on a card whose money is not in motion.
var ErrNotOpen = errors.New("refund: the card is not processing, in doubt or awaiting goods")

// retry claims the card and sends its request again with the same key. force
// (staff) skips the wait of a card that is still processing.
func (s *Service) retry(ctx context.Context, id string, force bool) (*Card, error) {
	now := s.d.Now()
	return s.claimAndRun(ctx, id, func(c *Card) bool {
		if (c.State != StateProcessing && c.State != StateInDoubt) || (!force && !c.due(now)) {
			return false
		}
		c.UpdatedAt = now.UTC()
		return true
	})
}

// Retry is the staff's "try again now" on an in-doubt or stuck refund.
func (s *Service) Retry(ctx context.Context, id string) (*Card, error) { return s.retry(ctx, id, true) }

// GoodsReceived is the staff's "the returned goods are here": the return waiting
// for them is sent again, same key, now to be refunded. Its own customer cannot.
func (s *Service) GoodsReceived(ctx context.Context, id, staffUserID, staffName string) (*Card, error) {
	return s.claimAndRun(ctx, id, func(c *Card) bool {
		if !c.AwaitingGoods() || c.UserID == staffUserID {
			return false
		}
		c.GoodsReceived, c.DecidedBy, c.UpdatedAt = true, staffName, s.d.Now().UTC()
		return true
	})
}

// claimAndRun moves the card to processing if claim accepts it (compare-and-set,
// so one claimant wins), then runs its refund again with its own key and shows the
// outcome on its posts.
func (s *Service) claimAndRun(ctx context.Context, id string, claim func(*Card) bool) (*Card, error) {
	claimed := false
	c, err := store.Update(s.d.KV, cardKey(id), func(c *Card, exists bool) (bool, error) {
		if !exists || !claim(c) {
			return false, nil
		}
		c.State, claimed = StateProcessing, true
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if !claimed {
		return &c, ErrNotOpen
	}
	final := s.execute(ctx, &c, false)
	s.refreshPost(final)
	if final.ApprovalPostID != "" {
		s.refreshAttachment(final.ApprovalPostID, final.ApprovalAttachment(), nil)
	}
	return final, nil
}

// Settle is the staff's verdict on a refund in doubt after checking the shop's
// system: done (the money moved; reference is the shop's id for it) or not done
// (no money moved: the reservation is released and the customer may ask again).
func (s *Service) Settle(ctx context.Context, id, staffUserID, staffName string, done bool, reference string) (*Card, error) {
	card, err := s.Get(id)
	if err != nil || card == nil {
		return nil, fmt.Errorf("card %s: %w", id, errors.Join(err, ErrNotOpen))
	}
	if card.UserID == staffUserID {
		return card, ErrOwnRefund
	}
	if card.State != StateInDoubt && card.State != StateProcessing {
		return card, ErrNotOpen
	}
	key := card.ID
	if done {
		if reference == "" {
			reference = "staff:" + staffName
		}
		err = s.d.Ledger.Settle(ctx, card.Offer.OrderID, key, commerce.LedgerDone, reference, s.d.Now())
	} else {
		err = s.d.Ledger.Release(ctx, card.Offer.OrderID, key)
	}
	if err != nil {
		return card, err
	}
	final, err := s.transition(id, []string{StateInDoubt, StateProcessing}, StateFailed, func(c *Card) {
		c.DecidedBy = staffName
		if done {
			c.State, c.Error = StateRefunded, ""
			c.Result = &commerce.RefundResult{Status: commerce.RefundDone, Reference: reference}
		} else {
			c.Error = "no money moved (staff " + staffName + ")"
		}
	})
	if err != nil {
		return final, err
	}
	s.untrack(id)
	s.refreshPost(final)
	return final, nil
}

// ErrOwnRefund: nobody settles or approves a refund that is their own.
var ErrOwnRefund = errors.New("refund: this refund is your own")
