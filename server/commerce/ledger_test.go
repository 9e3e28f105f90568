package commerce

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/concierge-shop/concierge/server/store"
)

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
	l := memLedger()
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
	l := memLedger()
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
			l := memLedger()
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
	l := memLedger()
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
		l := memLedger()
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
	l := memLedger()
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
	if _, err := kvLedger(m).Reserve(ctx, depositReq("k"), 5000, testAt); err == nil || errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("store failure: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := (memLedger()).Reserve(cancelled, depositReq("k"), 5000, testAt); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := (memLedger()).Reserve(ctx, RefundRequest{IdempotencyKey: "k", OrderID: "O", Kind: KindDeposit}, 5000, testAt); err == nil {
		t.Error("a refund of 0 was accepted")
	}
}

// memLedger is a Ledger over an in-memory KV store, stored as the plugin stores it.
func memLedger() Ledger { return kvLedger(store.NewMemory()) }

func kvLedger(kv store.KV) Ledger {
	return Ledger{Records: store.Records[RefundRecord]{KV: kv, Prefix: "commerce/refunds/"}}
}
