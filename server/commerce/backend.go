package commerce

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// RefundLine is one sku line of a refund (price protection, a partial return).
type RefundLine struct {
	SKUID  string     `json:"sku_id"`
	Qty    int64      `json:"qty"`
	Amount shop.Money `json:"amount"`
}

// RefundRequest is a confirmed (and, above the limit, approved) refund, sent to the
// shop's order system. IdempotencyKey identifies it across retries: the same key
// must never move money twice. docs/order-backend.md documents its JSON.
type RefundRequest struct {
	IdempotencyKey string       `json:"idempotency_key"`
	OrderID        string       `json:"order_id"`
	User           string       `json:"user"`
	Kind           string       `json:"kind"` // deposit | price_protection | return
	Lines          []RefundLine `json:"lines,omitempty"`
	Amount         shop.Money   `json:"amount"`
	Currency       string       `json:"currency,omitempty"`
	Reason         string       `json:"reason,omitempty"`
	// GoodsReceived: staff confirmed the returned goods arrived (returns only). The
	// built-in backend refunds a shipped or delivered order's return only then.
	GoodsReceived bool `json:"goods_received,omitempty"`
}

// RefundResult is the backend's answer: Status "refunded" (money moved) or "pending"
// (accepted, the shop completes it later), and its own reference for the refund.
type RefundResult struct {
	Status    string `json:"status"`
	Reference string `json:"reference,omitempty"`
	Message   string `json:"message,omitempty"`
}

// Refund result statuses.
const (
	RefundDone    = "refunded"
	RefundPending = "pending"
	// RefundRefused in a 2xx body is the shop's explicit "no" (HTTP backend).
	RefundRefused = "refused"
)

// OrderBackend moves the money of a refund in the shop's system of record.
type OrderBackend interface {
	Refund(ctx context.Context, req RefundRequest) (*RefundResult, error)
}

// BackendError is a refund the backend did not confirm. Permanent means it refused
// the request explicitly (400/403/404/422, a refusal in the body, an order in the
// wrong state): no money moved and retrying cannot succeed. Otherwise the outcome is
// unknown (network, timeouts, 408/409/425/429, 5xx, a redirect): money may have
// moved, so the same request, same idempotency key, must be sent again later.
type BackendError struct {
	StatusCode int           // HTTP status, 0 when none
	Message    string        // the backend's own words
	Permanent  bool          // an explicit refusal: no money moved
	RetryAfter time.Duration // the backend's Retry-After, when it gave one
}

func (e *BackendError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("order backend: HTTP %d: %s", e.StatusCode, e.Message)
	}
	return "order backend: " + e.Message
}

// IsPermanent reports whether err is a refusal that retrying cannot change.
func IsPermanent(err error) bool {
	var be *BackendError
	return errors.As(err, &be) && be.Permanent
}

func refused(format string, args ...any) error {
	return &BackendError{Message: fmt.Sprintf(format, args...), Permanent: true}
}

// OrderUpdater changes one stored order atomically; fn returning an error leaves it
// unchanged. *shop.Repo implements it.
type OrderUpdater interface {
	UpdateOrder(ctx context.Context, orderID string, fn func(*shop.Order) error) (*shop.Order, error)
}

// BuiltIn is the order backend for shops whose system of record is the data they
// import: a refund is written onto the stored order (a deposit or return refund sets
// the status to "refunded", a price-protection refund marks the refunded lines).
// It re-checks the order as it is when the money moves, not as it was offered.
//
// A return of goods that left the warehouse is accepted but waits for them: the
// order does not change until staff mark the goods received (GoodsReceived).
type BuiltIn struct{ Orders OrderUpdater }

// errAwaitGoods leaves the order unchanged while a return waits for its goods.
var errAwaitGoods = errors.New("awaiting the returned goods")

// AwaitingGoods is the RefundResult message of a return waiting for its goods.
const AwaitingGoods = "awaiting_goods"

func (b BuiltIn) Refund(ctx context.Context, req RefundRequest) (*RefundResult, error) {
	_, err := b.Orders.UpdateOrder(ctx, req.OrderID, func(o *shop.Order) error { return applyRefund(o, req) })
	switch {
	case errors.Is(err, errAwaitGoods):
		return &RefundResult{Status: RefundPending, Reference: "builtin:" + req.IdempotencyKey, Message: AwaitingGoods}, nil
	case err != nil:
		return nil, fmt.Errorf("built-in refund of order %s: %w", req.OrderID, err)
	}
	return &RefundResult{Status: RefundDone, Reference: "builtin:" + req.IdempotencyKey}, nil
}

// applyRefund writes a refund onto the order. A retry of a refund already written is
// a no-op, so the backend is idempotent as the interface requires.
func applyRefund(o *shop.Order, req RefundRequest) error {
	if o.User != req.User {
		return refused("order %s not found", req.OrderID) // never confirm whose it is
	}
	switch req.Kind {
	case KindDeposit:
		if o.Status == shop.StatusRefunded {
			return nil
		}
		if o.Status != shop.StatusDepositPaid || o.Deposit == nil || !o.Deposit.Refundable {
			return refused("order %s has no refundable deposit (status %s)", o.ID, o.Status)
		}
		if req.Amount != o.Deposit.Amount {
			return refused("deposit of order %s is %d, not %d", o.ID, o.Deposit.Amount, req.Amount)
		}
		o.Status = shop.StatusRefunded
	case KindReturn:
		return applyReturn(o, req)
	case KindPriceProtection:
		if !protected(o.Status) {
			return refused("order %s is not under price protection (status %s)", o.ID, o.Status)
		}
		for _, l := range req.Lines {
			if err := markLine(o, l); err != nil {
				return err
			}
		}
	default:
		return refused("unknown refund kind %q", req.Kind)
	}
	return nil
}

// applyReturn takes back the order (no lines) or the lines named; once every line
// is back, the order is refunded. A retry of lines already back is a no-op.
func applyReturn(o *shop.Order, req RefundRequest) error {
	if o.Status == shop.StatusRefunded {
		return nil
	}
	if !protected(o.Status) {
		return refused("order %s cannot be returned (status %s)", o.ID, o.Status)
	}
	var kept shop.Money
	for _, it := range o.Items {
		if !it.Returned {
			kept = satAdd(kept, lineCost(it)-it.Refunded)
		}
	}
	if req.Amount > kept {
		return refused("return of %d exceeds the %d paid on order %s", req.Amount, kept, o.ID)
	}
	if o.Status != shop.StatusPaid && !req.GoodsReceived {
		return errAwaitGoods
	}
	if len(req.Lines) == 0 {
		o.Status = shop.StatusRefunded
		return nil
	}
	for _, l := range req.Lines {
		i := slices.IndexFunc(o.Items, func(it shop.Item) bool { return it.SKUID == l.SKUID })
		switch {
		case i < 0:
			return refused("order %s has no line %s", o.ID, l.SKUID)
		case o.Items[i].Returned:
			continue // a retry
		case l.Amount > lineCost(o.Items[i])-o.Items[i].Refunded:
			return refused("return %d is more than line %s of order %s cost", l.Amount, l.SKUID, o.ID)
		}
		o.Items[i].Returned = true
	}
	if !slices.ContainsFunc(o.Items, func(it shop.Item) bool { return !it.Returned }) {
		o.Status = shop.StatusRefunded
	}
	return nil
}

// markLine records a price-protection refund on the first item of that sku.
func markLine(o *shop.Order, l RefundLine) error {
	for i := range o.Items {
		it := &o.Items[i]
		if it.SKUID != l.SKUID {
			continue
		}
		switch {
		case it.Refunded == l.Amount:
			return nil // a retry
		case it.Returned:
			return refused("line %s of order %s was returned", l.SKUID, o.ID)
		case it.Refunded != 0:
			return refused("line %s of order %s was already refunded %d", l.SKUID, o.ID, it.Refunded)
		case l.Amount <= 0 || l.Amount > satMul(it.UnitPrice, it.Qty):
			return refused("refund %d is outside what line %s of order %s cost", l.Amount, l.SKUID, o.ID)
		}
		it.Refunded = l.Amount
		return nil
	}
	return refused("order %s has no line %s", o.ID, l.SKUID)
}
