package commerce

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/concierge-shop/concierge/server/store"
)

func TestLedgerKey(t *testing.T) {
	long := strings.Repeat("订单", 60)
	cases := []struct{ order, kind, sku, want string }{
		{"O-1001", KindPriceProtection, "s-run-1-38", "commerce/ledger/O-1001/price_protection/s-run-1-38"},
		{"O-1001", KindDeposit, "", "commerce/ledger/O-1001/deposit/"},
		// "/" cannot reach into another order's space: it is escaped.
		{"O-1/deposit", KindReturn, "", "commerce/ledger/O-1%2Fdeposit/return/"},
		{"~x", KindReturn, "", "commerce/ledger/%7Ex/return/"},
	}
	for _, tc := range cases {
		if got := LedgerKey(tc.order, tc.kind, tc.sku); got != tc.want {
			t.Errorf("LedgerKey(%q, %q, %q) = %q, want %q", tc.order, tc.kind, tc.sku, got, tc.want)
		}
	}
	k := LedgerKey(long, KindPriceProtection, long)
	if len(k) > 150 || !strings.Contains(k, "/~") {
		t.Errorf("long ids: key %q (%d chars)", k, len(k))
	}
	if LedgerKey(long, KindReturn, "") == LedgerKey(long+"x", KindReturn, "") {
		t.Error("different long ids share a key")
	}
}

func TestLedgerRecordOnce(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	e := LedgerEntry{OrderID: "O-1", Kind: KindPriceProtection, SKUID: "s-1", Amount: 500, IdempotencyKey: "k1", CreatedAt: testAt}
	if err := l.Record(ctx, e); err != nil {
		t.Fatal(err)
	}
	e2 := e
	e2.IdempotencyKey, e2.Amount = "k2", 700
	err := l.Record(ctx, e2)
	var re *RecordedError
	if !errors.Is(err, ErrAlreadyRefunded) || !errors.As(err, &re) || re.Existing.IdempotencyKey != "k1" || re.Existing.Amount != 500 {
		t.Fatalf("second record: %v", err)
	}
	// Other keys of the same order are independent; O-10 is not O-1.
	for _, other := range []LedgerEntry{
		{OrderID: "O-1", Kind: KindPriceProtection, SKUID: "s-2", Amount: 1, IdempotencyKey: "k3"},
		{OrderID: "O-1", Kind: KindDeposit, Amount: 2, IdempotencyKey: "k4"},
		{OrderID: "O-10", Kind: KindDeposit, Amount: 3, IdempotencyKey: "k5"},
	} {
		if err := l.Record(ctx, other); err != nil {
			t.Fatalf("record %+v: %v", other, err)
		}
	}
	list, err := l.List(ctx, "O-1")
	if err != nil || len(list) != 3 {
		t.Fatalf("List(O-1) = %+v, %v", list, err)
	}
	for _, x := range list {
		if x.OrderID != "O-1" || x.State != LedgerPending {
			t.Errorf("listed %+v", x)
		}
	}
	if has, _ := l.Has(ctx, "O-1", KindPriceProtection, "s-1"); !has {
		t.Error("Has = false after Record")
	}
	if has, _ := l.Has(ctx, "O-1", KindReturn, ""); has {
		t.Error("Has(return) = true")
	}
}

// concurrently runs fn(0..n-1) all at once and counts the calls that returned nil.
func concurrently(n int, fn func(i int) error) int {
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if fn(i) == nil {
				wins.Add(1)
			}
		}(i)
	}
	wg.Wait()
	return int(wins.Load())
}

func TestLedgerConcurrentRecord(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	wins := concurrently(32, func(i int) error {
		err := l.Record(ctx, LedgerEntry{OrderID: "O-1", Kind: KindDeposit, IdempotencyKey: string(rune('a' + i))})
		if err != nil && !errors.Is(err, ErrAlreadyRefunded) {
			t.Error(err)
		}
		return err
	})
	if wins != 1 {
		t.Errorf("%d writers won, want exactly 1", wins)
	}
}

func TestLedgerCompleteAndRelease(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	e := LedgerEntry{OrderID: "O-1", Kind: KindDeposit, Amount: 5000, IdempotencyKey: "mine"}
	if err := l.Record(ctx, e); err != nil {
		t.Fatal(err)
	}
	// Another request can neither release nor complete it.
	other := e
	other.IdempotencyKey = "theirs"
	if err := l.Release(ctx, other); err != nil {
		t.Fatal(err)
	}
	if has, _ := l.Has(ctx, "O-1", KindDeposit, ""); !has {
		t.Fatal("released by another key")
	}
	if err := l.Complete(ctx, other, "R", testAt); err == nil {
		t.Fatal("completed by another key")
	}
	if err := l.Complete(ctx, e, "R-1", testAt); err != nil {
		t.Fatal(err)
	}
	got, _ := l.Get(ctx, "O-1", KindDeposit, "")
	if got.State != LedgerDone || got.Reference != "R-1" || got.DoneAt == nil {
		t.Fatalf("after Complete: %+v", got)
	}
	// A done entry is never released.
	if err := l.Release(ctx, e); err != nil {
		t.Fatal(err)
	}
	if has, _ := l.Has(ctx, "O-1", KindDeposit, ""); !has {
		t.Fatal("a done entry was released")
	}
}

func TestLedgerFailures(t *testing.T) {
	ctx := context.Background()
	if err := (Ledger{}).Record(ctx, LedgerEntry{OrderID: "O"}); err == nil {
		t.Error("a ledger without a store accepted a record")
	}
	if _, err := (Ledger{}).Has(ctx, "O", KindDeposit, ""); err == nil {
		t.Error("a ledger without a store answered Has")
	}
	m := store.NewMemory()
	m.FailSet = func(string) bool { return true }
	if err := (Ledger{KV: m}).Record(ctx, LedgerEntry{OrderID: "O", Kind: KindDeposit}); err == nil || errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("store failure: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := (Ledger{KV: store.NewMemory()}).Record(cancelled, LedgerEntry{OrderID: "O"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
