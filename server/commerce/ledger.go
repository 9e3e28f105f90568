package commerce

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// Refund kinds (the offer_refund tool's kind, SPEC §5).
const (
	KindDeposit         = "deposit"
	KindPriceProtection = "price_protection"
	KindReturn          = "return"
)

// Ledger entry states. An entry is written "pending" before the money moves. The
// backend's answer makes it "done" (money moved), "accepted" (the shop took it and
// completes it later, e.g. once the goods are back) or removes it (an explicit
// refusal). An answer that says neither leaves it pending: the outcome is unknown
// and only a retry with the same idempotency key, or staff, may settle it. Every
// state but a removed entry counts against what was paid.
const (
	LedgerPending  = "pending"
	LedgerAccepted = "accepted"
	LedgerDone     = "done"
)

// LedgerEntry records one refund: of an order's deposit, of a whole order (return),
// or of one sku line of an order (price protection, a partial return).
type LedgerEntry struct {
	OrderID        string     `json:"order_id"`
	Kind           string     `json:"kind"`
	SKUID          string     `json:"sku_id,omitempty"` // price protection, a partial return
	User           string     `json:"user"`
	Amount         shop.Money `json:"amount"`
	IdempotencyKey string     `json:"idempotency_key"`
	State          string     `json:"state"`
	Reference      string     `json:"reference,omitempty"` // the backend's id for the refund
	CreatedAt      time.Time  `json:"created_at"`
	DoneAt         *time.Time `json:"done_at,omitempty"`
}

// RefundRecord is every refund of one order in one KV value. Keeping them together
// is what lets the rules that span refunds — the total never above what was paid, a
// return never beside price protection it did not subtract — be checked inside the
// compare-and-set that writes a new refund, so two cards confirmed at the same
// moment cannot both pass.
type RefundRecord struct {
	OrderID string        `json:"order_id"`
	Entries []LedgerEntry `json:"entries"`
}

// Ledger is the plugin's own record of refunds made (SPEC §4). Its records are
// stored (the plugin keeps them in the KV store), so they survive restarts and
// re-imports, and they are what makes each refund happen at most once, whatever
// races the cluster runs. The ledger computes; Records stores.
type Ledger struct{ Records LedgerStore }

// LedgerStore keeps each order's RefundRecord. Update changes one record under
// compare-and-set, retrying when another writer got in between, so that the rules
// spanning an order's refunds are checked against the record as it is written; fn
// returns false to leave it as it is. store.Records implements it.
type LedgerStore interface {
	Get(ctx context.Context, orderID string) (rec RefundRecord, exists bool, err error)
	Update(ctx context.Context, orderID string, fn func(rec *RefundRecord, exists bool) (bool, error)) (RefundRecord, error)
}

// errNoStore: a Ledger that stores nothing would let every refund through twice.
var errNoStore = errors.New("commerce: ledger has no store")

// update is Records.Update, refused when there are no Records.
func (l Ledger) update(ctx context.Context, orderID string, fn func(rec *RefundRecord, exists bool) (bool, error)) (RefundRecord, error) {
	if l.Records == nil {
		return RefundRecord{}, errNoStore
	}
	return l.Records.Update(ctx, orderID, fn)
}

// RecordedError is returned by Reserve when the refund (or a line of it) is already
// recorded under another idempotency key; it matches ErrAlreadyRefunded.
type RecordedError struct{ Existing LedgerEntry }

func (e *RecordedError) Error() string {
	return fmt.Sprintf("refund %s of order %s %s is already recorded (%s)", e.Existing.Kind,
		e.Existing.OrderID, e.Existing.SKUID, e.Existing.State)
}

func (e *RecordedError) Is(target error) bool { return target == ErrAlreadyRefunded }

// LimitError: the refund would break a rule spanning the order's refunds. Nothing
// was written.
type LimitError struct {
	OrderID string
	Rule    string // "exceeds_paid", "return_excludes_price_protection" or "lines_returned"
	Detail  string
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("refund of order %s refused (%s): %s", e.OrderID, e.Rule, e.Detail)
}

// Rules a LimitError names.
const (
	RuleExceedsPaid    = "exceeds_paid"
	RuleReturnExcludes = "return_excludes_price_protection"
	RulePartlyReturned = "lines_returned" // the whole order asked for after some of its lines
)

// Get returns the order's record (empty when it has none).
func (l Ledger) Get(ctx context.Context, orderID string) (RefundRecord, error) {
	if err := ctx.Err(); err != nil {
		return RefundRecord{}, err
	}
	if l.Records == nil {
		return RefundRecord{}, errNoStore
	}
	rec, _, err := l.Records.Get(ctx, orderID)
	if err != nil {
		return RefundRecord{}, err
	}
	rec.OrderID = orderID
	return rec, nil
}

// Entry returns the entry of that kind and sku ("" for a deposit or a whole
// order's return), or nil.
func (r RefundRecord) Entry(kind, skuID string) *LedgerEntry {
	for i := range r.Entries {
		if e := &r.Entries[i]; e.Kind == kind && e.SKUID == skuID {
			return e
		}
	}
	return nil
}

// Total is what the recorded refunds of the given kinds take back (all kinds when
// none is given), whatever their state.
func (r RefundRecord) Total(kinds ...string) shop.Money {
	var sum shop.Money
	for _, e := range r.Entries {
		if len(kinds) == 0 || containsKind(kinds, e.Kind) {
			sum = satAdd(sum, e.Amount)
		}
	}
	return sum
}

// Settled reports whether every entry of the idempotency key is done.
func (r RefundRecord) Settled(key string) bool {
	n := 0
	for _, e := range r.Entries {
		if e.IdempotencyKey == key {
			if e.State != LedgerDone {
				return false
			}
			n++
		}
	}
	return n > 0
}

func containsKind(kinds []string, k string) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Has reports whether a refund of that kind (in any state) is recorded.
func (l Ledger) Has(ctx context.Context, orderID, kind, skuID string) (bool, error) {
	rec, err := l.Get(ctx, orderID)
	return rec.Entry(kind, skuID) != nil, err
}

// Reserve writes the entries of a refund request in one compare-and-set, after
// checking, against the record as it is at that instant:
//   - no entry of the same kind and sku exists under another key (*RecordedError;
//     a whole order's return holds each of its lines);
//   - a return is never recorded beside price protection it did not subtract, and
//     price protection never after a return of the order or of that line; the whole
//     order is not returned after some of its lines were (*LimitError);
//   - everything recorded plus this refund stays within paid (*LimitError).
//
// Entries already recorded under the request's own key are left as they are (a
// retry); the returned record is the one written (or found).
func (l Ledger) Reserve(ctx context.Context, req RefundRequest, paid shop.Money, now time.Time) (RefundRecord, error) {
	if err := ctx.Err(); err != nil {
		return RefundRecord{}, err
	}
	entries, err := ledgerEntries(req, now)
	if err != nil {
		return RefundRecord{}, err
	}
	return l.update(ctx, req.OrderID, func(rec *RefundRecord, _ bool) (bool, error) {
		rec.OrderID = req.OrderID
		var fresh []LedgerEntry
		for _, e := range entries {
			cur := rec.Entry(e.Kind, e.SKUID)
			if e.Kind == KindReturn && e.SKUID != "" && cur == nil {
				cur = rec.Entry(KindReturn, "") // the whole order's return holds every line
			}
			switch {
			case cur == nil:
				fresh = append(fresh, e)
			case cur.IdempotencyKey != req.IdempotencyKey:
				return false, &RecordedError{Existing: *cur}
			}
		}
		if len(fresh) == 0 {
			return false, nil // a retry: everything is recorded under this key already
		}
		if err := checkLimits(*rec, req, fresh, paid); err != nil {
			return false, err
		}
		rec.Entries = append(rec.Entries, fresh...)
		return true, nil
	})
}

// checkLimits enforces the rules that span an order's refunds.
func checkLimits(rec RefundRecord, req RefundRequest, fresh []LedgerEntry, paid shop.Money) error {
	var adding shop.Money
	for _, e := range fresh {
		adding = satAdd(adding, e.Amount)
	}
	switch req.Kind {
	case KindReturn:
		// A return pays back what was paid less the price protection already given.
		if pp := rec.Total(KindPriceProtection); pp > 0 && satAdd(adding, pp) > paid {
			return &LimitError{OrderID: req.OrderID, Rule: RuleReturnExcludes,
				Detail: fmt.Sprintf("return %d + price protection %d > paid %d", adding, pp, paid)}
		}
		// The whole order after some of its lines: those lines would be paid twice.
		if n := returnedLines(rec); len(req.Lines) == 0 && n > 0 {
			return &LimitError{OrderID: req.OrderID, Rule: RulePartlyReturned,
				Detail: fmt.Sprintf("%d lines were returned already", n)}
		}
	case KindPriceProtection:
		if rec.Entry(KindReturn, "") != nil {
			return &LimitError{OrderID: req.OrderID, Rule: RuleReturnExcludes, Detail: "the order is being or was returned"}
		}
		for _, l := range req.Lines {
			if rec.Entry(KindReturn, l.SKUID) != nil {
				return &LimitError{OrderID: req.OrderID, Rule: RuleReturnExcludes, Detail: "line " + l.SKUID + " is being or was returned"}
			}
		}
	}
	if total := satAdd(rec.Total(), adding); total > paid {
		return &LimitError{OrderID: req.OrderID, Rule: RuleExceedsPaid,
			Detail: fmt.Sprintf("refunds would total %d of %d paid", total, paid)}
	}
	return nil
}

// Settle sets the state of the entries of one idempotency key: done or accepted
// with the backend's reference. A done entry stays done.
func (l Ledger) Settle(ctx context.Context, orderID, key, state, reference string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := l.update(ctx, orderID, func(rec *RefundRecord, _ bool) (bool, error) {
		changed := false
		for i := range rec.Entries {
			e := &rec.Entries[i]
			if e.IdempotencyKey != key || e.State == LedgerDone || (e.State == state && e.Reference == reference) {
				continue
			}
			e.State, e.Reference = state, reference
			if state == LedgerDone {
				e.DoneAt = &at
			}
			changed = true
		}
		return changed, nil
	})
	if err != nil {
		return fmt.Errorf("settle refund %s of order %s: %w", key, orderID, err)
	}
	return nil
}

// Release removes the entries of one idempotency key that are not done, after the
// backend refused the refund explicitly (or staff found that no money moved), so
// that a corrected request can be made. A done entry is never removed.
func (l Ledger) Release(ctx context.Context, orderID, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := l.update(ctx, orderID, func(rec *RefundRecord, exists bool) (bool, error) {
		kept := rec.Entries[:0]
		for _, e := range rec.Entries {
			if e.IdempotencyKey != key || e.State == LedgerDone {
				kept = append(kept, e)
			}
		}
		changed := len(kept) != len(rec.Entries)
		rec.Entries = kept
		return exists && changed, nil
	})
	if err != nil {
		return fmt.Errorf("release refund %s of order %s: %w", key, orderID, err)
	}
	return nil
}
