package commerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/concierge-shop/concierge/server/store"
)

func TestLedgerKey(t *testing.T) {
	long := strings.Repeat("订单", 60)
	cases := []struct{ order, want string }{
		{"O-1001", "commerce/refunds/O-1001"},
		// "/" cannot reach into another order's space: it is escaped.
		{"O-1/deposit", "commerce/refunds/O-1%2Fdeposit"},
		{"~x", "commerce/refunds/%7Ex"},
	}
	for _, tc := range cases {
		if got := LedgerKey(tc.order); got != tc.want {
			t.Errorf("LedgerKey(%q) = %q, want %q", tc.order, got, tc.want)
		}
	}
	k := LedgerKey(long)
	if len(k) > store.MaxKeyLen || !strings.Contains(k, "/~") {
		t.Errorf("long id: key %q (%d chars)", k, len(k))
	}
	if LedgerKey(long) == LedgerKey(long+"x") {
		t.Error("different long ids share a key")
	}
}

func ppReq(key string, lines ...RefundLine) RefundRequest {
	var sum int64
	for _, l := range lines {
		sum += l.Amount
	}
	return RefundRequest{IdempotencyKey: key, OrderID: "O-1", User: "alice", Kind: KindPriceProtection, Lines: lines, Amount: sum}
}

func returnReq(key string, amount int64) RefundRequest {
	return RefundRequest{IdempotencyKey: key, OrderID: "O-1", User: "alice", Kind: KindReturn, Amount: amount}
}

// paidO1 is what alice paid for O-1: 59900 + 2 × 9999.
const paidO1 = 79898

func TestReserveOnce(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	first := ppReq("k1", RefundLine{SKUID: "s-1", Qty: 1, Amount: 500})
	if _, err := l.Reserve(ctx, first, paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	// The same line under another key is refused; the same key is a retry.
	_, err := l.Reserve(ctx, ppReq("k2", RefundLine{SKUID: "s-1", Qty: 1, Amount: 700}), paidO1, testAt)
	var re *RecordedError
	if !errors.Is(err, ErrAlreadyRefunded) || !errors.As(err, &re) || re.Existing.IdempotencyKey != "k1" || re.Existing.Amount != 500 {
		t.Fatalf("second key: %v", err)
	}
	rec, err := l.Reserve(ctx, first, paidO1, testAt)
	if err != nil || len(rec.Entries) != 1 {
		t.Fatalf("retry: %+v, %v", rec, err)
	}
	// Another line of the same order is independent; O-10 is not O-1.
	if _, err := l.Reserve(ctx, ppReq("k3", RefundLine{SKUID: "s-2", Qty: 1, Amount: 1}), paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	other := depositReq("k5")
	other.OrderID = "O-10"
	if _, err := l.Reserve(ctx, other, 5000, testAt); err != nil {
		t.Fatal(err)
	}
	rec, _ = l.Get(ctx, "O-1")
	if len(rec.Entries) != 2 || rec.Total() != 501 || rec.Entry(KindPriceProtection, "s-1").State != LedgerPending {
		t.Fatalf("record: %+v", rec)
	}
	if has, _ := l.Has(ctx, "O-1", KindReturn, ""); has {
		t.Error("Has(return) = true")
	}
}

// concurrently runs fn(0..n-1) all at once and counts the calls that returned nil.
func concurrently(n int, fn func(i int) error) int {
	var wins atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			if fn(i) == nil {
				wins.Add(1)
			}
		}(i)
	}
	close(start)
	wg.Wait()
	return int(wins.Load())
}

func TestReserveConcurrent(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	wins := concurrently(32, func(i int) error {
		_, err := l.Reserve(ctx, depositReq(fmt.Sprint("k", i)), 5000, testAt)
		if err != nil && !errors.Is(err, ErrAlreadyRefunded) {
			t.Error(err)
		}
		return err
	})
	if wins != 1 {
		t.Errorf("%d writers won, want exactly 1", wins)
	}
}

// The rules spanning an order's refunds hold inside the write, whatever order the
// cards are confirmed in.
func TestReserveLimits(t *testing.T) {
	ctx := context.Background()
	pp := ppReq("pp", RefundLine{SKUID: "s-run-38", Qty: 1, Amount: 5990})
	cases := []struct {
		name        string
		first, then RefundRequest
		rule        string
	}{
		{"full return after price protection", pp, returnReq("ret", paidO1), RuleReturnExcludes},
		{"price protection after a return", returnReq("ret", paidO1-5990), pp, RuleReturnExcludes},
		{"return above what was paid", RefundRequest{}, returnReq("ret", paidO1+1), RuleExceedsPaid},
		{"deposit above the deposit", RefundRequest{}, func() RefundRequest { r := depositReq("d"); r.Amount = 5001; return r }(), RuleExceedsPaid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := Ledger{KV: store.NewMemory()}
			paid := int64(paidO1)
			if tc.then.Kind == KindDeposit {
				paid = 5000
			}
			if tc.first.Kind != "" {
				if _, err := l.Reserve(ctx, tc.first, paid, testAt); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := l.Get(ctx, tc.then.OrderID)
			_, err := l.Reserve(ctx, tc.then, paid, testAt)
			var le *LimitError
			if !errors.As(err, &le) || le.Rule != tc.rule {
				t.Fatalf("err = %v, want rule %s", err, tc.rule)
			}
			if after, _ := l.Get(ctx, tc.then.OrderID); len(after.Entries) != len(before.Entries) {
				t.Fatalf("a refused refund was written: %+v", after)
			}
		})
	}
	// What fits goes through: paid less the price protection already given.
	l := Ledger{KV: store.NewMemory()}
	if _, err := l.Reserve(ctx, pp, paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Reserve(ctx, returnReq("ret", paidO1-5990), paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	if rec, _ := l.Get(ctx, "O-1"); rec.Total() != paidO1 {
		t.Fatalf("total %d, want %d", rec.Total(), paidO1)
	}
}

// Issue #14.1: the return and the price-protection cards confirmed at the same
// moment against a shop backend that refunds whatever it is sent: the total never
// exceeds what was paid.
func TestReturnAndPriceProtectionRace(t *testing.T) {
	ctx := context.Background()
	for round := 0; round < 50; round++ {
		l := Ledger{KV: store.NewMemory()}
		var refunded atomic.Int64
		shop := backendFunc(func(_ context.Context, req RefundRequest) (*RefundResult, error) {
			refunded.Add(req.Amount)
			return &RefundResult{Status: RefundDone, Reference: req.IdempotencyKey}, nil
		})
		reqs := []RefundRequest{returnReq("ret", paidO1), ppReq("pp", RefundLine{SKUID: "s-run-38", Qty: 1, Amount: 5990})}
		wins := concurrently(2, func(i int) error {
			_, err := ExecuteRefund(ctx, l, shop, reqs[i], paidO1, testAt)
			return err
		})
		if wins != 1 || refunded.Load() > paidO1 {
			t.Fatalf("round %d: %d refunds went through, %d refunded of %d paid", round, wins, refunded.Load(), paidO1)
		}
	}
}

type backendFunc func(context.Context, RefundRequest) (*RefundResult, error)

func (f backendFunc) Refund(ctx context.Context, req RefundRequest) (*RefundResult, error) {
	return f(ctx, req)
}

func TestLedgerSettleAndRelease(t *testing.T) {
	ctx := context.Background()
	l := Ledger{KV: store.NewMemory()}
	if _, err := l.Reserve(ctx, depositReq("mine"), 5000, testAt); err != nil {
		t.Fatal(err)
	}
	// Another request can neither release nor settle it.
	if err := l.Release(ctx, "O-2", "theirs"); err != nil {
		t.Fatal(err)
	}
	if err := l.Settle(ctx, "O-2", "theirs", LedgerDone, "R", testAt); err != nil {
		t.Fatal(err)
	}
	if rec, _ := l.Get(ctx, "O-2"); rec.Entry(KindDeposit, "") == nil || rec.Entry(KindDeposit, "").State != LedgerPending {
		t.Fatalf("changed by another key: %+v", rec)
	}
	if err := l.Settle(ctx, "O-2", "mine", LedgerAccepted, "R-0", testAt); err != nil {
		t.Fatal(err)
	}
	if err := l.Settle(ctx, "O-2", "mine", LedgerDone, "R-1", testAt); err != nil {
		t.Fatal(err)
	}
	rec, _ := l.Get(ctx, "O-2")
	if e := rec.Entry(KindDeposit, ""); e.State != LedgerDone || e.Reference != "R-1" || e.DoneAt == nil || !rec.Settled("mine") {
		t.Fatalf("after Settle: %+v", e)
	}
	// A done entry is never released, nor set back.
	if err := l.Release(ctx, "O-2", "mine"); err != nil {
		t.Fatal(err)
	}
	_ = l.Settle(ctx, "O-2", "mine", LedgerAccepted, "R-2", testAt)
	if rec, _ := l.Get(ctx, "O-2"); rec.Entry(KindDeposit, "") == nil || rec.Entry(KindDeposit, "").State != LedgerDone {
		t.Fatal("a done entry was released or changed")
	}
}

func TestLedgerFailures(t *testing.T) {
	ctx := context.Background()
	if _, err := (Ledger{}).Reserve(ctx, depositReq("k"), 5000, testAt); err == nil {
		t.Error("a ledger without a store accepted a refund")
	}
	if _, err := (Ledger{}).Has(ctx, "O", KindDeposit, ""); err == nil {
		t.Error("a ledger without a store answered Has")
	}
	m := store.NewMemory()
	m.FailSet = func(string) bool { return true }
	if _, err := (Ledger{KV: m}).Reserve(ctx, depositReq("k"), 5000, testAt); err == nil || errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("store failure: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := (Ledger{KV: store.NewMemory()}).Reserve(cancelled, depositReq("k"), 5000, testAt); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := (Ledger{KV: store.NewMemory()}).Reserve(ctx, RefundRequest{IdempotencyKey: "k", OrderID: "O", Kind: KindDeposit}, 5000, testAt); err == nil {
		t.Error("a refund of 0 was accepted")
	}
}

// Entries written by the per-line ledger of earlier versions keep blocking refunds.
func TestMigrateLegacy(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	old := []LedgerEntry{
		{OrderID: "O-1", Kind: KindPriceProtection, SKUID: "s-run-38", Amount: 5990, IdempotencyKey: "a", State: LedgerDone},
		{OrderID: "O-2", Kind: KindDeposit, Amount: 5000, IdempotencyKey: "b", State: LedgerPending},
	}
	for _, e := range old {
		data, _ := json.Marshal(e)
		_ = kv.Set(legacyLedgerPrefix+store.KeyPart(e.OrderID)+"/"+e.Kind+"/"+store.KeyPart(e.SKUID), data)
	}
	l := Ledger{KV: kv}
	for run := 0; run < 2; run++ {
		n, err := l.MigrateLegacy(ctx)
		if err != nil || n != []int{2, 0}[run] {
			t.Fatalf("run %d: moved %d, %v", run, n, err)
		}
	}
	if keys, _ := store.KeysWithPrefix(kv, legacyLedgerPrefix); len(keys) != 0 {
		t.Errorf("legacy keys left: %v", keys)
	}
	if _, err := l.Reserve(ctx, depositReq("c"), 5000, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("migrated deposit did not block a second refund: %v", err)
	}
	if _, err := l.Reserve(ctx, returnReq("d", paidO1), paidO1, testAt); !errors.As(err, new(*LimitError)) {
		t.Errorf("migrated price protection did not cut the return: %v", err)
	}
}
