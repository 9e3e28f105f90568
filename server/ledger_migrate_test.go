package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/store"
)

// Entries written by the per-line ledger of earlier versions keep blocking refunds.
func TestMigrateLegacy(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	old := []commerce.LedgerEntry{
		{OrderID: "O-1", Kind: commerce.KindPriceProtection, SKUID: "s-run-38", Amount: 5990, IdempotencyKey: "a", State: commerce.LedgerDone},
		{OrderID: "O-2", Kind: commerce.KindDeposit, Amount: 5000, IdempotencyKey: "b", State: commerce.LedgerPending},
	}
	for _, e := range old {
		data, _ := json.Marshal(e)
		_ = kv.Set(legacyLedgerPrefix+store.KeyPart(e.OrderID)+"/"+e.Kind+"/"+store.KeyPart(e.SKUID), data)
	}
	for run := 0; run < 2; run++ {
		n, err := migrateLegacyLedger(ctx, kv)
		if err != nil || n != []int{2, 0}[run] {
			t.Fatalf("run %d: moved %d, %v", run, n, err)
		}
	}
	if keys, _ := store.KeysWithPrefix(kv, legacyLedgerPrefix); len(keys) != 0 {
		t.Errorf("legacy keys left: %v", keys)
	}
	l := commerce.Ledger{Records: ledgerRecords(kv)}
	at := time.Date(2026, 11, 11, 12, 0, 0, 0, time.UTC)
	deposit := commerce.RefundRequest{IdempotencyKey: "c", OrderID: "O-2", User: "alice", Kind: commerce.KindDeposit, Amount: 5000}
	if _, err := l.Reserve(ctx, deposit, 5000, at); !errors.Is(err, commerce.ErrAlreadyRefunded) {
		t.Errorf("migrated deposit did not block a second refund: %v", err)
	}
	// O-1 was paid 79898; a whole return beside the 5990 of price protection is too much.
	const paid = 79898
	whole := commerce.RefundRequest{IdempotencyKey: "d", OrderID: "O-1", User: "alice", Kind: commerce.KindReturn, Amount: paid}
	if _, err := l.Reserve(ctx, whole, paid, at); !errors.As(err, new(*commerce.LimitError)) {
		t.Errorf("migrated price protection did not cut the return: %v", err)
	}
}
