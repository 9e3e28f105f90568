package commerce

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ExecuteRefund moves the money of a confirmed refund exactly once:
//  1. it reserves the refund in the ledger (one entry per order+kind, or per sku line
//     for price protection), "only if absent" — a second card, a double click or
//     another server in the cluster finds the entry and gets ErrAlreadyRefunded;
//  2. it asks the backend to refund, with the request's idempotency key;
//  3. it marks the entries done, or, when the backend refused for good, releases them
//     so that a corrected request can be made. When the outcome is unknown (timeout,
//     5xx after retries) the entries stay pending: calling ExecuteRefund again with
//     the same request and key retries safely, and nothing else can refund them.
//
// A call with a key whose entries are all done returns the recorded result without
// calling the backend again. Orders have one line per sku (the import enforces it).
func ExecuteRefund(ctx context.Context, ledger Ledger, backend OrderBackend, req RefundRequest, now time.Time) (*RefundResult, error) {
	if req.IdempotencyKey == "" {
		return nil, errors.New("refund: an idempotency key is required")
	}
	entries, err := ledgerEntries(req, now)
	if err != nil {
		return nil, err
	}
	var fresh []LedgerEntry // written by this call: released if a later line conflicts
	done, ref := 0, ""
	for _, e := range entries {
		err := ledger.Record(ctx, e)
		var re *RecordedError
		switch {
		case err == nil:
			fresh = append(fresh, e)
		case errors.As(err, &re) && re.Existing.IdempotencyKey == req.IdempotencyKey:
			if re.Existing.State == LedgerDone {
				done, ref = done+1, re.Existing.Reference
			}
		default:
			for _, f := range fresh {
				_ = ledger.Release(ctx, f) // best effort: a leftover pending entry only blocks a retry of a refused refund
			}
			return nil, fmt.Errorf("refund %s of order %s: %w", req.Kind, req.OrderID, err)
		}
	}
	if done == len(entries) {
		return &RefundResult{Status: RefundDone, Reference: ref}, nil
	}
	res, err := backend.Refund(ctx, req)
	if err != nil {
		if IsPermanent(err) {
			for _, e := range entries {
				if rerr := ledger.Release(ctx, e); rerr != nil {
					err = errors.Join(err, rerr)
				}
			}
		}
		return nil, err
	}
	for _, e := range entries {
		if cerr := ledger.Complete(ctx, e, res.Reference, now); cerr != nil {
			// The money moved; the entry stays pending, which still blocks a second refund.
			return res, fmt.Errorf("refund made (ref %s) but not marked done: %w", res.Reference, cerr)
		}
	}
	return res, nil
}

// ledgerEntries: deposit and return are one entry per order; price protection one
// per sku line, with that line's amount.
func ledgerEntries(req RefundRequest, now time.Time) ([]LedgerEntry, error) {
	base := LedgerEntry{OrderID: req.OrderID, Kind: req.Kind, User: req.User,
		IdempotencyKey: req.IdempotencyKey, State: LedgerPending, CreatedAt: now}
	switch req.Kind {
	case KindDeposit, KindReturn:
		base.Amount = req.Amount
		return []LedgerEntry{base}, nil
	case KindPriceProtection:
		if len(req.Lines) == 0 {
			return nil, errors.New("price-protection refund without lines")
		}
		out := make([]LedgerEntry, 0, len(req.Lines))
		var sum int64
		for _, l := range req.Lines {
			e := base
			e.SKUID, e.Amount = l.SKUID, l.Amount
			out = append(out, e)
			sum += l.Amount
		}
		if sum != req.Amount {
			return nil, fmt.Errorf("price-protection lines sum to %d, not the amount %d", sum, req.Amount)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown refund kind %q", req.Kind)
}
