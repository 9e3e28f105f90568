package commerce

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// ErrOutcomeUnknown is matched by an ExecuteRefund error after which nobody can say
// whether money moved (a timeout, a 5xx, 408/409/425/429, a restart): the ledger
// entries stay pending, blocking any other refund of the same thing, and the same
// request with the same idempotency key must be sent again (the reconciliation job,
// or staff) until the backend answers for sure.
var ErrOutcomeUnknown = errors.New("commerce: refund outcome unknown")

type unknownOutcome struct{ err error }

func (e *unknownOutcome) Error() string { return "refund outcome unknown: " + e.err.Error() }
func (e *unknownOutcome) Unwrap() error { return e.err }
func (e *unknownOutcome) Is(target error) bool {
	return target == ErrOutcomeUnknown
}

// Paid is the most any refunds of the order may take back together: the deposit of
// an order still at the deposit stage, otherwise what its lines cost.
func Paid(o *shop.Order) shop.Money {
	if o.Status == shop.StatusDepositPaid {
		if o.Deposit == nil {
			return 0
		}
		return o.Deposit.Amount
	}
	var sum shop.Money
	for _, it := range o.Items {
		sum = satAdd(sum, lineCost(it))
	}
	return sum
}

// ExecuteRefund moves the money of a confirmed refund at most once:
//  1. it reserves the refund in the order's ledger record — one compare-and-set that
//     also enforces "total refunded ≤ paid" and "a return excludes price protection";
//     a second card, a double click or another server finds the entry and gets
//     ErrAlreadyRefunded, a refund that no longer fits gets a *LimitError;
//  2. it asks the backend to refund, with the request's idempotency key;
//  3. it marks the entries done (or accepted: the shop completes it later). Only an
//     explicit refusal releases them. Any other failure is ErrOutcomeUnknown: the
//     entries stay pending and calling ExecuteRefund again with the same request
//     retries safely.
//
// A request whose entries are all done returns the recorded result without calling
// the backend again. Orders have one line per sku (the import enforces it).
func ExecuteRefund(ctx context.Context, ledger Ledger, backend OrderBackend, req RefundRequest, paid shop.Money, now time.Time) (*RefundResult, error) {
	if req.IdempotencyKey == "" {
		return nil, errors.New("refund: an idempotency key is required")
	}
	rec, err := ledger.Reserve(ctx, req, paid, now)
	if err != nil {
		return nil, fmt.Errorf("refund %s of order %s: %w", req.Kind, req.OrderID, err)
	}
	if rec.Settled(req.IdempotencyKey) {
		return &RefundResult{Status: RefundDone, Reference: referenceOf(rec, req.IdempotencyKey)}, nil
	}
	res, err := backend.Refund(ctx, req)
	if err != nil {
		if !IsPermanent(err) {
			return nil, &unknownOutcome{err: err}
		}
		// A KV failure here leaves the entry pending: it still blocks a second refund,
		// and a retry with this key gets the same refusal and releases it then.
		if rerr := ledger.Release(context.WithoutCancel(ctx), req.OrderID, req.IdempotencyKey); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return nil, err
	}
	state := LedgerDone
	if res.Status == RefundPending {
		state = LedgerAccepted
	}
	if err := ledger.Settle(context.WithoutCancel(ctx), req.OrderID, req.IdempotencyKey, state, res.Reference, now); err != nil {
		// The money moved (or is moving); the entry stays pending, which still blocks a second refund.
		return res, fmt.Errorf("refund made (ref %s) but not recorded: %w", res.Reference, err)
	}
	return res, nil
}

func referenceOf(rec RefundRecord, key string) string {
	for _, e := range rec.Entries {
		if e.IdempotencyKey == key && e.Reference != "" {
			return e.Reference
		}
	}
	return ""
}

// ledgerEntries: a deposit and a whole order's return are one entry per order;
// price protection and a partial return one per sku line, with that line's amount.
func ledgerEntries(req RefundRequest, now time.Time) ([]LedgerEntry, error) {
	base := LedgerEntry{OrderID: req.OrderID, Kind: req.Kind, User: req.User,
		IdempotencyKey: req.IdempotencyKey, State: LedgerPending, CreatedAt: now}
	if req.Amount <= 0 {
		return nil, fmt.Errorf("refund amount %d is not positive", req.Amount)
	}
	switch {
	case req.Kind == KindDeposit || req.Kind == KindReturn && len(req.Lines) == 0:
		base.Amount = req.Amount
		return []LedgerEntry{base}, nil
	case req.Kind == KindPriceProtection || req.Kind == KindReturn:
		if len(req.Lines) == 0 {
			return nil, errors.New("price-protection refund without lines")
		}
		out := make([]LedgerEntry, 0, len(req.Lines))
		var sum int64
		seen := map[string]bool{}
		for _, l := range req.Lines {
			if l.Amount <= 0 || l.SKUID == "" || seen[l.SKUID] {
				return nil, fmt.Errorf("%s line %q: amount %d, or repeated", req.Kind, l.SKUID, l.Amount)
			}
			seen[l.SKUID] = true
			e := base
			e.SKUID, e.Amount = l.SKUID, l.Amount
			out = append(out, e)
			sum += l.Amount
		}
		if sum != req.Amount {
			return nil, fmt.Errorf("%s lines sum to %d, not the amount %d", req.Kind, sum, req.Amount)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown refund kind %q", req.Kind)
}
