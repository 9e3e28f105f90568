package commerce

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// Refund kinds (the offer_refund tool's kind, SPEC §5).
const (
	KindDeposit         = "deposit"
	KindPriceProtection = "price_protection"
	KindReturn          = "return"
)

// LedgerPrefix is the KV prefix of the refund ledger. It is not under the shop's
// prefixes, so an /orders re-import never touches it.
const LedgerPrefix = "commerce/ledger/"

// Ledger entry states: an entry is written "pending" before the money moves and
// becomes "done" once the backend confirms; either one blocks a second refund.
const (
	LedgerPending = "pending"
	LedgerDone    = "done"
)

// LedgerEntry records one refund: of an order's deposit, of a whole order (return),
// or of one sku line of an order (price protection).
type LedgerEntry struct {
	OrderID        string     `json:"order_id"`
	Kind           string     `json:"kind"`
	SKUID          string     `json:"sku_id,omitempty"` // price protection only
	User           string     `json:"user"`
	Amount         shop.Money `json:"amount"`
	IdempotencyKey string     `json:"idempotency_key"`
	State          string     `json:"state"`
	Reference      string     `json:"reference,omitempty"` // the backend's id for the refund
	CreatedAt      time.Time  `json:"created_at"`
	DoneAt         *time.Time `json:"done_at,omitempty"`
}

// Ledger is the plugin's own record of refunds made, keyed by order id, kind and sku
// (SPEC §4). It lives in the KV store, so it survives restarts and re-imports, and
// it is what makes each refund happen at most once, whatever races the cluster runs.
type Ledger struct{ KV store.KV }

// errNoStore: a Ledger without a KV store would let every refund through twice.
var errNoStore = errors.New("commerce: ledger has no KV store")

// RecordedError is returned by Record when an entry already exists; it matches
// ErrAlreadyRefunded. Existing lets a retry with the same idempotency key go on.
type RecordedError struct{ Existing LedgerEntry }

func (e *RecordedError) Error() string {
	return fmt.Sprintf("refund %s of order %s %s is already recorded (%s)", e.Existing.Kind,
		e.Existing.OrderID, e.Existing.SKUID, e.Existing.State)
}

func (e *RecordedError) Is(target error) bool { return target == ErrAlreadyRefunded }

// LedgerKey is the KV key of one entry. Parts are escaped so that no id can reach
// into another's key space, and long ids are hashed to keep the key within the
// Mattermost limit (150 characters).
func LedgerKey(orderID, kind, skuID string) string {
	return ledgerOrderPrefix(orderID) + keyPart(kind) + "/" + keyPart(skuID)
}

func ledgerOrderPrefix(orderID string) string { return LedgerPrefix + keyPart(orderID) + "/" }

// keyPart keeps [A-Za-z0-9._-] and escapes the rest as %XX; a part longer than 40
// characters becomes "~" + 32 hex digits of its SHA-256 ("~" is always escaped
// otherwise, so a hashed part never equals a plain one).
func keyPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if b.Len() > 40 {
		sum := sha256.Sum256([]byte(s))
		return "~" + hex.EncodeToString(sum[:16])
	}
	return b.String()
}

// Record writes the entry only if none exists for its order, kind and sku
// (compare-and-set from "absent"). An existing entry gives a *RecordedError.
func (l Ledger) Record(ctx context.Context, e LedgerEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.KV == nil {
		return errNoStore
	}
	if e.State == "" {
		e.State = LedgerPending
	}
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode ledger entry: %w", err)
	}
	key := LedgerKey(e.OrderID, e.Kind, e.SKUID)
	for attempt := 0; attempt < 3; attempt++ {
		ok, err := l.KV.CompareAndSet(key, nil, data)
		if err != nil {
			return fmt.Errorf("record refund %s: %w", key, err)
		}
		if ok {
			return nil
		}
		existing, err := l.Get(ctx, e.OrderID, e.Kind, e.SKUID)
		if err != nil {
			return err
		}
		if existing != nil {
			return &RecordedError{Existing: *existing}
		}
		// Released between our write and our read: the slot is free again.
	}
	return fmt.Errorf("record refund %s: %w", key, store.ErrConflict)
}

// Get returns the entry, or nil when there is none.
func (l Ledger) Get(ctx context.Context, orderID, kind, skuID string) (*LedgerEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if l.KV == nil {
		return nil, errNoStore
	}
	var e LedgerEntry
	ok, err := store.GetJSON(l.KV, LedgerKey(orderID, kind, skuID), &e)
	if err != nil || !ok {
		return nil, err
	}
	return &e, nil
}

// Has reports whether a refund of that kind (pending or done) is recorded.
func (l Ledger) Has(ctx context.Context, orderID, kind, skuID string) (bool, error) {
	e, err := l.Get(ctx, orderID, kind, skuID)
	return e != nil, err
}

// List returns every entry of one order.
func (l Ledger) List(ctx context.Context, orderID string) ([]LedgerEntry, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	keys, err := store.KeysWithPrefix(l.KV, ledgerOrderPrefix(orderID))
	if err != nil {
		return nil, fmt.Errorf("list ledger of %s: %w", orderID, err)
	}
	out := make([]LedgerEntry, 0, len(keys))
	for _, k := range keys {
		var e LedgerEntry
		if ok, err := store.GetJSON(l.KV, k, &e); err != nil {
			return nil, err
		} else if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// Complete marks a pending entry done with the backend's reference. Only the holder
// of the idempotency key that wrote the entry can complete it.
func (l Ledger) Complete(ctx context.Context, e LedgerEntry, reference string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	key := LedgerKey(e.OrderID, e.Kind, e.SKUID)
	_, err := store.Update(l.KV, key, func(cur *LedgerEntry, exists bool) (bool, error) {
		if !exists || cur.IdempotencyKey != e.IdempotencyKey {
			return false, fmt.Errorf("complete refund %s: entry missing or owned by another request", key)
		}
		if cur.State == LedgerDone {
			return false, nil
		}
		cur.State, cur.Reference, cur.DoneAt = LedgerDone, reference, &at
		return true, nil
	})
	return err
}

// Release removes a pending entry this request wrote, after the backend refused the
// refund for good, so that a corrected request can be made. A done entry, or one of
// another request, is never removed.
func (l Ledger) Release(ctx context.Context, e LedgerEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	key := LedgerKey(e.OrderID, e.Kind, e.SKUID)
	old, err := l.KV.Get(key)
	if err != nil || old == nil {
		return err
	}
	var cur LedgerEntry
	if err := json.Unmarshal(old, &cur); err != nil {
		return fmt.Errorf("decode %s: %w", key, err)
	}
	if cur.State != LedgerPending || cur.IdempotencyKey != e.IdempotencyKey {
		return nil
	}
	if _, err := l.KV.CompareAndSet(key, bytes.Clone(old), nil); err != nil {
		return fmt.Errorf("release %s: %w", key, err)
	}
	return nil
}
