package commerce

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// reason is the NotEligibleError's reason, "" for another error or none.
func reason(err error) string {
	var ne *NotEligibleError
	if errors.As(err, &ne) {
		return ne.Reason
	}
	return ""
}

// O-1 (alice, paid): s-run-38 1 × 59900 and s-tee 2 × 9999 = 19998; 79898 in all.
// The run shoes are 10% off now (run10): price protection would give back 5990.
func TestPartialReturnLineByLine(t *testing.T) {
	ctx := context.Background()
	snap := testSnap(t, run10, testCustomers, testOrders)
	ledger, orders := memLedger(), newFakeOrders(t)
	backend := BuiltIn{Orders: orders}
	paid := Paid(snap.OrderOf("alice", "O-1"))

	// The T-shirts alone: that line's 19998, the card listing it.
	tee, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, ledger, "s-tee")
	if err != nil {
		t.Fatal(err)
	}
	if tee.Amount != 19998 || !slices.Equal(tee.Lines, []RefundLine{{SKUID: "s-tee", Qty: 2, Amount: 19998}}) {
		t.Fatalf("tee return: %d %+v, want 19998 for the s-tee line", tee.Amount, tee.Lines)
	}
	if _, err := ExecuteRefund(ctx, ledger, backend, tee.Request("card-tee", "alice", "too small"), paid, testAt); err != nil {
		t.Fatal(err)
	}
	o := orders.orders["O-1"]
	if o.Status != "paid" || !o.Items[1].Returned || o.Items[0].Returned {
		t.Fatalf("after the tee return: status %s, returned %v/%v; want paid, only the tee line back", o.Status, o.Items[0].Returned, o.Items[1].Returned)
	}

	// The same line again is refused; the shoes keep their price protection.
	if _, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, ledger, "s-tee"); reason(err) != ReasonAlreadyRefunded {
		t.Errorf("tee again: %v, want already refunded", err)
	}
	pp, err := CheckPriceProtection(ctx, snap, "alice", "O-1", testAt, 30, ledger)
	if err != nil {
		t.Fatal(err)
	}
	if pp.RefundTotal != 5990 || pp.Lines[0].Status != LineRefund || pp.Lines[1].Status != LineReturned {
		t.Errorf("price protection after the tee return: %d, %s/%s; want 5990 for the shoes, the tee line returned",
			pp.RefundTotal, pp.Lines[0].Status, pp.Lines[1].Status)
	}

	// "Return the order" now offers what is kept: the shoes, 59900; then the order is refunded.
	rest, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, ledger)
	if err != nil {
		t.Fatal(err)
	}
	if rest.Amount != 59900 || !slices.Equal(rest.ReturnedSKUs(), []string{"s-run-38"}) {
		t.Fatalf("the rest: %d %+v, want 59900 for the shoes", rest.Amount, rest.Lines)
	}
	if _, err := ExecuteRefund(ctx, ledger, backend, rest.Request("card-rest", "alice", "changed my mind"), paid, testAt); err != nil {
		t.Fatal(err)
	}
	if o := orders.orders["O-1"]; o.Status != "refunded" {
		t.Errorf("every line back: status %s, want refunded", o.Status)
	}
	rec, _ := ledger.Get(ctx, "O-1")
	if rec.Total(KindReturn) != paid {
		t.Errorf("returns total %d, want what was paid, %d", rec.Total(KindReturn), paid)
	}
}

func TestPartialReturnChoices(t *testing.T) {
	ctx := context.Background()
	snap := testSnap(t, run10, testCustomers, testOrders)
	// Every line named is the whole order: one entry, no lines.
	all, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, memLedger(), "s-tee", "s-run-38")
	if err != nil || all.Amount != 79898 || all.Lines != nil {
		t.Errorf("every line named: %+v %v, want the whole order, 79898", all, err)
	}
	// A line the order does not have; another customer's order is not found.
	if _, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, memLedger(), "s-sock"); reason(err) != ReasonNoLine {
		t.Errorf("a line not in the order: %v, want %s", err, ReasonNoLine)
	}
	if _, err := OfferRefund(ctx, snap, "alice", "O-3", KindReturn, testAt, testPolicy, memLedger(), "s-run-38"); !isNotFound(err) {
		t.Errorf("bob's order: %v, want not found", err)
	}
	// A line that got price protection pays back the rest of it: 59900 − 5990.
	ledger := memLedger()
	pp, err := OfferRefund(ctx, snap, "alice", "O-1", KindPriceProtection, testAt, testPolicy, ledger)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ExecuteRefund(ctx, ledger, BuiltIn{Orders: newFakeOrders(t)}, pp.Request("card-pp", "alice", "price drop"), 79898, testAt); err != nil {
		t.Fatal(err)
	}
	shoes, err := OfferRefund(ctx, snap, "alice", "O-1", KindReturn, testAt, testPolicy, ledger, "s-run-38")
	if err != nil || shoes.Amount != 53910 {
		t.Errorf("shoes after price protection: %+v %v, want 53910", shoes, err)
	}
}

// The ledger holds the rules whatever cards were offered: a line is returned once,
// never beside the whole order's return, and gets no price protection once back.
func TestLedgerPartialReturnRules(t *testing.T) {
	ctx := context.Background()
	line := func(key, sku string, amount int64) RefundRequest {
		return RefundRequest{IdempotencyKey: key, OrderID: "O-1", User: "alice", Kind: KindReturn, Amount: amount,
			Lines: []RefundLine{{SKUID: sku, Qty: 1, Amount: amount}}}
	}
	whole := RefundRequest{IdempotencyKey: "whole", OrderID: "O-1", User: "alice", Kind: KindReturn, Amount: 79898}

	l := memLedger()
	if _, err := l.Reserve(ctx, whole, 79898, testAt); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Reserve(ctx, line("tee", "s-tee", 19998), 79898, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("a line after the whole order: %v, want already refunded", err)
	}

	l = memLedger()
	if _, err := l.Reserve(ctx, line("tee", "s-tee", 19998), 79898, testAt); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Reserve(ctx, line("tee-2", "s-tee", 19998), 79898, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Errorf("the line on a second card: %v, want already refunded", err)
	}
	var limit *LimitError
	if _, err := l.Reserve(ctx, whole, 79898, testAt); !errors.As(err, &limit) || limit.Rule != RulePartlyReturned {
		t.Errorf("the whole order after a line: %v, want %s", err, RulePartlyReturned)
	}
	ppTee := RefundRequest{IdempotencyKey: "pp", OrderID: "O-1", User: "alice", Kind: KindPriceProtection, Amount: 100,
		Lines: []RefundLine{{SKUID: "s-tee", Qty: 2, Amount: 100}}}
	if _, err := l.Reserve(ctx, ppTee, 79898, testAt); !errors.As(err, &limit) || limit.Rule != RuleReturnExcludes {
		t.Errorf("price protection on a returned line: %v, want %s", err, RuleReturnExcludes)
	}
	if _, err := l.Reserve(ctx, line("shoes", "s-run-38", 79898), 79898, testAt); !errors.As(err, &limit) || limit.Rule != RuleExceedsPaid {
		t.Errorf("lines above what was paid: %v, want %s", err, RuleExceedsPaid)
	}
}

func TestBuiltInPartialReturnChecksTheLine(t *testing.T) {
	ctx := context.Background()
	orders := newFakeOrders(t)
	over := RefundRequest{IdempotencyKey: "k", OrderID: "O-1", User: "alice", Kind: KindReturn, Amount: 20000,
		Lines: []RefundLine{{SKUID: "s-tee", Qty: 2, Amount: 20000}}}
	if _, err := (BuiltIn{Orders: orders}).Refund(ctx, over); !IsPermanent(err) {
		t.Errorf("a line returned for more than it cost: %v, want a refusal", err)
	}
	if orders.orders["O-1"].Items[1].Returned {
		t.Error("a refused return marked the line returned")
	}
}
