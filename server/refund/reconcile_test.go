package refund

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// scriptedShop is the shop's order system: it answers with a script of outcomes
// (nil = refund; an error = that error), then refunds; it records the keys it saw
// and moves money once per key.
type scriptedShop struct {
	mu     sync.Mutex
	script []error
	keys   []string
	paid   map[string]int64
}

func (s *scriptedShop) Refund(_ context.Context, req commerce.RefundRequest) (*commerce.RefundResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, req.IdempotencyKey)
	var err error
	if len(s.script) > 0 {
		err, s.script = s.script[0], s.script[1:]
	}
	var be *commerce.BackendError
	if err != nil && (errors.As(err, &be) && be.Permanent) {
		return nil, err
	}
	if s.paid == nil {
		s.paid = map[string]int64{}
	}
	s.paid[req.IdempotencyKey] = req.Amount // idempotent: money moves once per key
	if err != nil {
		return nil, err // refunded, but the answer got lost
	}
	return &commerce.RefundResult{Status: commerce.RefundDone, Reference: "R-" + req.IdempotencyKey}, nil
}

var timeout = &commerce.BackendError{StatusCode: 504, Message: "gateway timeout"}

// Issue #14.3: an unknown outcome leaves the card "pending" (in doubt), never
// "already refunded"; the reconciliation retries it with the same key once due.
func TestInDoubtRefundReconciled(t *testing.T) {
	f := newFixture(t, 50000)
	shopSys := &scriptedShop{script: []error{timeout, timeout}}
	f.backend = shopSys
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	resp := f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if f.state(t, c.ID) != StateInDoubt || !strings.Contains(lastField(resp.Update), "confirming") {
		t.Fatalf("after a timeout: %s, card %q", f.state(t, c.ID), lastField(resp.Update))
	}
	// Asking again: "in progress", not "already refunded", and no second card.
	_, err := f.svc.Offer(ctx, OfferInput{UserID: "u-alice", Username: "alice", OrderID: "O-1", Kind: commerce.KindDeposit, Lang: "en"})
	var ne *commerce.NotEligibleError
	if !errors.As(err, &ne) || ne.Reason != commerce.ReasonPending {
		t.Fatalf("asking again: %v", err)
	}
	// Not due yet: nothing is sent.
	if n, _ := f.svc.Reconcile(ctx); n != 0 || len(shopSys.keys) != 1 {
		t.Fatalf("early reconcile: settled %d, %d calls", n, len(shopSys.keys))
	}
	f.now = f.now.Add(time.Minute)
	if n, _ := f.svc.Reconcile(ctx); n != 0 || f.state(t, c.ID) != StateInDoubt {
		t.Fatalf("second timeout: settled %d, state %s", n, f.state(t, c.ID))
	}
	f.now = f.now.Add(2 * time.Minute)
	if n, err := f.svc.Reconcile(ctx); n != 1 || err != nil {
		t.Fatalf("reconcile: settled %d, %v", n, err)
	}
	if f.state(t, c.ID) != StateRefunded || statusOf(t, f, postID) != "Refunded ¥50.00 ✅" {
		t.Fatalf("after reconcile: %s, card %q", f.state(t, c.ID), statusOf(t, f, postID))
	}
	for _, k := range shopSys.keys {
		if k != c.ID {
			t.Fatalf("keys %v: a retry used another key", shopSys.keys)
		}
	}
	if len(shopSys.paid) != 1 {
		t.Fatalf("money moved under %d keys", len(shopSys.paid))
	}
	if open, _ := f.svc.Open(); len(open) != 0 {
		t.Fatalf("still open: %+v", open)
	}
}

// Issue #14.3: a restart between confirming and the shop's answer leaves the card
// processing; the reconciliation finds it and finishes it with the same key.
func TestRefundStuckByRestartIsFinished(t *testing.T) {
	f := newFixture(t, 50000)
	shopSys := &scriptedShop{}
	f.backend = shopSys
	ctx := context.Background()
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	// What a confirm does up to the crash: tracked, processing, reserved.
	if err := f.svc.track(c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.transition(c.ID, []string{StateOffered}, StateProcessing, nil); err != nil {
		t.Fatal(err)
	}
	req := c.Offer.Request(c.ID, "alice", c.Reason)
	if _, err := (commerce.Ledger{Records: store.Records[commerce.RefundRecord]{KV: f.kv, Prefix: "commerce/refunds/"}}).Reserve(ctx, req, 5000, f.now); err != nil {
		t.Fatal(err)
	}
	// A click meanwhile does nothing more.
	f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
	if n, _ := f.svc.Reconcile(ctx); n != 0 || len(shopSys.keys) != 0 {
		t.Fatal("a card still within its processing time was retried")
	}
	f.now = f.now.Add(stuckAfter)
	if n, err := f.svc.Reconcile(ctx); n != 1 || err != nil || f.state(t, c.ID) != StateRefunded {
		t.Fatalf("settled %d, %v, state %s", n, err, f.state(t, c.ID))
	}
	if len(shopSys.keys) != 1 || shopSys.keys[0] != c.ID {
		t.Fatalf("keys %v", shopSys.keys)
	}
}

// Staff settle a refund in doubt after checking the shop's system: "not done"
// releases it (the customer may ask again), "done" records it.
func TestStaffSettleInDoubt(t *testing.T) {
	for _, done := range []bool{false, true} {
		f := newFixture(t, 50000)
		f.backend = &scriptedShop{script: []error{timeout}}
		ctx := context.Background()
		c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
		f.svc.click(ctx, "u-alice", c.ID, "confirm", postID)
		if _, err := f.svc.Settle(ctx, c.ID, "u-alice", "alice", done, ""); !errors.Is(err, ErrOwnRefund) {
			t.Fatalf("the customer settled their own refund: %v", err)
		}
		final, err := f.svc.Settle(ctx, c.ID, "u-staff", "staff1", done, "SHOP-42")
		if err != nil {
			t.Fatal(err)
		}
		entries := f.entries(t, "O-1")
		_, offerErr := f.svc.Offer(ctx, OfferInput{UserID: "u-alice", Username: "alice", OrderID: "O-1", Kind: commerce.KindDeposit, Lang: "en"})
		if done {
			if final.State != StateRefunded || len(entries) != 1 || entries[0].State != commerce.LedgerDone || entries[0].Reference != "SHOP-42" || offerErr == nil {
				t.Fatalf("done: %+v, %+v, offer %v", final, entries, offerErr)
			}
		} else if final.State != StateFailed || len(entries) != 0 || offerErr != nil {
			t.Fatalf("not done: %+v, %+v, offer %v", final, entries, offerErr)
		}
		if _, err := f.svc.Settle(ctx, c.ID, "u-staff", "staff1", done, ""); !errors.Is(err, ErrNotOpen) {
			t.Fatalf("settled twice: %v", err)
		}
		if f.repo.Snapshot().OrderOf("alice", "O-1").Status != shop.StatusDepositPaid {
			t.Fatal("the scripted backend does not touch the order")
		}
	}
}

// The error a card keeps for staff (/concierge refund list) carries no secret.
func TestCardErrorIsCleaned(t *testing.T) {
	f := newFixture(t, 50000)
	f.backend = &scriptedShop{script: []error{&commerce.BackendError{Message: `Post "https://shop/refunds?key=s3cret": timeout`}}}
	c, postID := f.offerAndPost(t, "O-1", commerce.KindDeposit)
	f.svc.click(context.Background(), "u-alice", c.ID, "confirm", postID)
	got, _ := f.svc.Get(c.ID)
	if got.State != StateInDoubt || strings.Contains(got.Error, "s3cret") || !strings.Contains(got.Error, "***") {
		t.Fatalf("card error %q (state %s)", got.Error, got.State)
	}
}
