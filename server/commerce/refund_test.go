package commerce

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// fakeOrders is an OrderUpdater over the test orders, atomic like shop.Repo's.
type fakeOrders struct {
	mu     sync.Mutex
	orders map[string]shop.Order
}

func newFakeOrders(t *testing.T) *fakeOrders {
	snap := testSnap(t, "", testCustomers, testOrders)
	f := &fakeOrders{orders: map[string]shop.Order{}}
	for _, o := range snap.Orders.Orders {
		f.orders[o.ID] = o
	}
	return f
}

func (f *fakeOrders) UpdateOrder(_ context.Context, id string, fn func(*shop.Order) error) (*shop.Order, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	o, ok := f.orders[id]
	if !ok {
		return nil, fmt.Errorf("order %s not found", id)
	}
	o.Items = append([]shop.Item(nil), o.Items...)
	if o.Deposit != nil {
		d := *o.Deposit
		o.Deposit = &d
	}
	if err := fn(&o); err != nil {
		return nil, err
	}
	f.orders[id] = o
	return &o, nil
}

func (f *fakeOrders) get(id string) shop.Order {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.orders[id]
}

// counting counts backend calls and can fail the first `fail` of them transiently.
type counting struct {
	inner OrderBackend
	calls atomic.Int32
	fail  int32
}

func (c *counting) Refund(ctx context.Context, req RefundRequest) (*RefundResult, error) {
	if n := c.calls.Add(1); n <= c.fail {
		return nil, &BackendError{StatusCode: 503, Message: "try later"}
	}
	return c.inner.Refund(ctx, req)
}

func depositReq(key string) RefundRequest {
	return RefundRequest{IdempotencyKey: key, OrderID: "O-2", User: "alice", Kind: KindDeposit, Amount: 5000}
}

func TestExecuteDepositRefundOnce(t *testing.T) {
	ctx := context.Background()
	orders := newFakeOrders(t)
	b := &counting{inner: BuiltIn{Orders: orders}}
	ledger := memLedger()

	res, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt)
	if err != nil || res.Status != RefundDone || res.Reference != "builtin:card-1" {
		t.Fatalf("first refund: %+v, %v", res, err)
	}
	if st := orders.get("O-2").Status; st != shop.StatusRefunded {
		t.Fatalf("order status %s, want refunded", st)
	}
	rec, _ := ledger.Get(ctx, "O-2")
	if e := rec.Entry(KindDeposit, ""); e == nil || e.State != LedgerDone || e.Amount != 5000 || e.User != "alice" {
		t.Fatalf("ledger record %+v", rec)
	}
	// The same card again: the recorded result, no second call.
	if res, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt); err != nil || res.Reference != "builtin:card-1" {
		t.Fatalf("same key: %+v, %v", res, err)
	}
	// Another card for the same deposit: refused before the backend.
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-2"), 5000, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Fatalf("second card: %v", err)
	}
	if n := b.calls.Load(); n != 1 {
		t.Errorf("backend called %d times, want 1", n)
	}
}

func TestExecuteRefundConcurrent(t *testing.T) {
	ctx := context.Background()
	b := &counting{inner: BuiltIn{Orders: newFakeOrders(t)}}
	ledger := memLedger()
	ok := concurrently(16, func(i int) error {
		_, err := ExecuteRefund(ctx, ledger, b, depositReq(fmt.Sprint("card-", i)), 5000, testAt)
		return err
	})
	if ok != 1 || b.calls.Load() != 1 {
		t.Errorf("%d refunds succeeded, backend called %d times; want 1 and 1", ok, b.calls.Load())
	}
}

func TestExecuteRefundRefusedReleases(t *testing.T) {
	ctx := context.Background()
	orders := newFakeOrders(t)
	ledger := memLedger()
	bad := depositReq("card-1")
	bad.Amount = 9999 // not the deposit: the backend refuses for good
	_, err := ExecuteRefund(ctx, ledger, BuiltIn{Orders: orders}, bad, 9999, testAt)
	if !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent refusal", err)
	}
	if has, _ := ledger.Has(ctx, "O-2", KindDeposit, ""); has {
		t.Fatal("a refused refund stayed in the ledger")
	}
	if orders.get("O-2").Status != shop.StatusDepositPaid {
		t.Fatal("a refused refund changed the order")
	}
	// The corrected request goes through.
	if _, err := ExecuteRefund(ctx, ledger, BuiltIn{Orders: orders}, depositReq("card-2"), 5000, testAt); err != nil {
		t.Fatal(err)
	}
}

func TestExecuteRefundUnknownOutcomeStaysPending(t *testing.T) {
	ctx := context.Background()
	ledger := memLedger()
	b := &counting{inner: BuiltIn{Orders: newFakeOrders(t)}, fail: 1}
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt); !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("first try: %v, want an unknown outcome", err)
	}
	rec, _ := ledger.Get(ctx, "O-2")
	if e := rec.Entry(KindDeposit, ""); e == nil || e.State != LedgerPending {
		t.Fatalf("entry after an unknown outcome: %+v", rec)
	}
	// Nobody else can refund it meanwhile; the same card retries and completes.
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-2"), 5000, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Fatalf("other card during pending: %v", err)
	}
	if res, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt); err != nil || res.Status != RefundDone {
		t.Fatalf("retry: %+v, %v", res, err)
	}
	if rec, _ := ledger.Get(ctx, "O-2"); !rec.Settled("card-1") {
		t.Fatalf("entry after retry: %+v", rec)
	}
}

// A price-protection refund marks the lines on the order and in the ledger; the
// ledger still blocks a second refund after /orders is re-imported without marks.
func TestPriceProtectionRefundSurvivesReimport(t *testing.T) {
	ctx := context.Background()
	snap := testSnap(t, run10, testCustomers, testOrders)
	orders := newFakeOrders(t)
	ledger := memLedger()
	offer, err := OfferRefund(ctx, snap, "alice", "O-1", KindPriceProtection, testAt, testPolicy, ledger)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ExecuteRefund(ctx, ledger, BuiltIn{Orders: orders}, offer.Request("card-pp", "alice", "price drop"), paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	if it := orders.get("O-1").Items[0]; it.Refunded != 5990 {
		t.Fatalf("line not marked: %+v", it)
	}
	fresh := testSnap(t, run10, testCustomers, testOrders) // re-imported: no marks
	if _, err := OfferRefund(ctx, fresh, "alice", "O-1", KindPriceProtection, testAt, testPolicy, ledger); err == nil {
		t.Fatal("price protection offered twice after a re-import")
	}
	// A mismatched line sum never reaches the backend.
	bad := offer.Request("card-x", "alice", "")
	bad.Amount++
	if _, err := ExecuteRefund(ctx, memLedger(), BuiltIn{Orders: orders}, bad, paidO1, testAt); err == nil {
		t.Fatal("lines not adding up were accepted")
	}
}

func TestBuiltInRefusals(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		req  RefundRequest
	}{
		{"another customer's order", RefundRequest{OrderID: "O-3", User: "alice", Kind: KindReturn, Amount: 100}},
		{"not refundable deposit", RefundRequest{OrderID: "O-4", User: "alice", Kind: KindDeposit, Amount: 5000}},
		{"return of a cancelled order", RefundRequest{OrderID: "O-6", User: "alice", Kind: KindReturn, Amount: 1500}},
		{"return above what was paid", RefundRequest{OrderID: "O-1", User: "alice", Kind: KindReturn, Amount: 79899}},
		{"price protection on a deposit order", RefundRequest{OrderID: "O-2", User: "alice", Kind: KindPriceProtection,
			Lines: []RefundLine{{SKUID: "s-tv", Qty: 1, Amount: 10}}, Amount: 10}},
		{"line not in the order", RefundRequest{OrderID: "O-1", User: "alice", Kind: KindPriceProtection,
			Lines: []RefundLine{{SKUID: "s-tv", Qty: 1, Amount: 10}}, Amount: 10}},
		{"line above its cost", RefundRequest{OrderID: "O-1", User: "alice", Kind: KindPriceProtection,
			Lines: []RefundLine{{SKUID: "s-run-38", Qty: 1, Amount: 59901}}, Amount: 59901}},
		{"unknown kind", RefundRequest{OrderID: "O-1", User: "alice", Kind: "gift"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			orders := newFakeOrders(t)
			before := fmt.Sprintf("%+v", orders.get(tc.req.OrderID))
			if _, err := (BuiltIn{Orders: orders}).Refund(ctx, tc.req); !IsPermanent(err) {
				t.Fatalf("err = %v, want a permanent refusal", err)
			}
			if after := fmt.Sprintf("%+v", orders.get(tc.req.OrderID)); after != before {
				t.Errorf("refused refund changed the order: %s → %s", before, after)
			}
		})
	}
}

// testPolicy: price protection 30 days, returns 7 days from delivery.
var testPolicy = Policy{ProtectionDays: 30, ReturnDays: 7}

// The shop's repository is the built-in backend's store.
var _ OrderUpdater = (*shop.Repo)(nil)
