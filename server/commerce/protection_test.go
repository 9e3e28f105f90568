package commerce

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// run10: run shoes are 10% off now → 59900 − 5990 = 53910 a unit after step 2.
// The spend_save and membership must not count: price protection stops at step 2.
const run10 = `[{"id":"r10","type":"item_discount","percent_off":10,"product_ids":["p-run"]},
 {"id":"ss","type":"spend_save","threshold":100,"off":100000},
 {"id":"m","type":"membership","tier":"vip","percent_off":50}]`

func TestCheckPriceProtection(t *testing.T) {
	ctx := context.Background()
	snap := testSnap(t, run10, testCustomers, testOrders)
	// O-1 paid 2026-11-01T10:00Z; 30 days → the window ends 2026-12-01T10:00Z, included.
	cases := []struct {
		name     string
		order    string
		now      string
		days     int
		eligible bool
		reason   string
		refunds  []shop.Money
		statuses []string
		total    shop.Money
	}{
		// run: (59900 − 53910) × 1 = 5990; tee: 9999 now = 9999 paid → 0.
		{"inside", "O-1", "2026-11-11T12:00:00+08:00", 30, true, "",
			[]shop.Money{5990, 0}, []string{LineRefund, LineNoDrop}, 5990},
		{"last instant", "O-1", "2026-12-01T10:00:00Z", 30, true, "",
			[]shop.Money{5990, 0}, []string{LineRefund, LineNoDrop}, 5990},
		{"last instant, other offset", "O-1", "2026-12-01T18:00:00+08:00", 30, true, "",
			[]shop.Money{5990, 0}, []string{LineRefund, LineNoDrop}, 5990},
		{"one second late", "O-1", "2026-12-01T10:00:01Z", 30, false, ReasonWindow,
			[]shop.Money{0, 0}, []string{LineOrderIneligible, LineOrderIneligible}, 0},
		// O-5 paid 2026-10-01: 41 days before 11 Nov → outside 30, inside 45.
		{"older order outside", "O-5", "2026-11-11T00:00:00Z", 30, false, ReasonWindow,
			[]shop.Money{0, 0}, []string{LineOrderIneligible, LineOrderIneligible}, 0},
		// s-gone gets nothing; run × 2: (59900 − 53910) × 2 = 11980.
		{"gone sku, qty 2", "O-5", "2026-11-11T00:00:00Z", 45, true, "",
			[]shop.Money{0, 11980}, []string{LineSKUGone, LineRefund}, 11980},
		{"deposit order", "O-2", "2026-11-11T00:00:00Z", 30, false, ReasonStatus,
			[]shop.Money{0}, []string{LineOrderIneligible}, 0},
		{"cancelled order", "O-6", "2026-11-11T00:00:00Z", 30, false, ReasonStatus,
			[]shop.Money{0}, []string{LineOrderIneligible}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pp, err := CheckPriceProtection(ctx, snap, "alice", tc.order, mustTime(tc.now), tc.days,
				memLedger())
			if err != nil {
				t.Fatal(err)
			}
			if pp.Eligible != tc.eligible || pp.Reason != tc.reason || pp.RefundTotal != tc.total ||
				len(pp.Lines) != len(tc.refunds) || (!tc.eligible && pp.ReasonMsg.In(i18n.ZH) == "") {
				t.Fatalf("got %+v", pp)
			}
			for i, l := range pp.Lines {
				if l.Refund != tc.refunds[i] || l.Status != tc.statuses[i] {
					t.Errorf("line %d = %+v, want refund %d status %s", i, l, tc.refunds[i], tc.statuses[i])
				}
			}
		})
	}
	pp, _ := CheckPriceProtection(ctx, snap, "alice", "O-5", mustTime("2026-11-11T00:00:00Z"), 45, memLedger())
	if pp.Lines[0].NowUnit != nil || pp.Lines[1].NowUnit == nil || *pp.Lines[1].NowUnit != 53910 || pp.Lines[1].PaidUnit != 59900 {
		t.Errorf("now/paid units: %+v", pp.Lines)
	}
}

func TestPriceProtectionOnceAndPrivate(t *testing.T) {
	ctx := context.Background()
	snap := testSnap(t, run10, testCustomers, testOrders)
	ledger := memLedger()
	if _, err := CheckPriceProtection(ctx, snap, "alice", "O-3", testAt, 30, ledger); !isNotFound(err) {
		t.Errorf("bob's order for alice: %v", err)
	}
	req := ppReq("k", RefundLine{SKUID: "s-run-38", Qty: 1, Amount: 5990})
	if _, err := ledger.Reserve(ctx, req, paidO1, testAt); err != nil {
		t.Fatal(err)
	}
	pp, err := CheckPriceProtection(ctx, snap, "alice", "O-1", testAt, 30, ledger)
	if err != nil || pp.RefundTotal != 0 || pp.Lines[0].Status != LineRefundPending {
		t.Errorf("while a refund is pending: %+v, %v", pp, err)
	}
	if err := ledger.Settle(ctx, "O-1", "k", LedgerDone, "R", testAt); err != nil {
		t.Fatal(err)
	}
	pp, err = CheckPriceProtection(ctx, snap, "alice", "O-1", testAt, 30, ledger)
	if err != nil || pp.RefundTotal != 0 || pp.Lines[0].Status != LineAlreadyRefunded {
		t.Errorf("after a recorded refund: %+v, %v", pp, err)
	}
	// A line marked on the order (by the built-in backend) also counts.
	snap.Orders.Orders[0].Items[0].Refunded = 5990
	pp, _ = CheckPriceProtection(ctx, snap, "alice", "O-1", testAt, 30, memLedger())
	if pp.RefundTotal != 0 || pp.Lines[0].Status != LineAlreadyRefunded {
		t.Errorf("marked line: %+v", pp)
	}
}

func isNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

func TestOfferRefund(t *testing.T) {
	ctx := context.Background()
	now := testAt
	cases := []struct {
		name, promos, order, kind string
		prior                     *RefundRequest
		priorPending              bool // the prior refund is not confirmed yet
		at                        time.Time
		amount                    shop.Money
		reason                    string
	}{
		{name: "deposit", order: "O-2", kind: KindDeposit, amount: 5000},
		{name: "deposit not refundable", order: "O-4", kind: KindDeposit, reason: ReasonNotRefundable},
		{name: "deposit of a paid order", order: "O-1", kind: KindDeposit, reason: ReasonStatus},
		{name: "deposit twice", order: "O-2", kind: KindDeposit, reason: ReasonAlreadyRefunded,
			prior: &RefundRequest{OrderID: "O-2", Kind: KindDeposit, Amount: 5000, IdempotencyKey: "x"}},
		// Not "already refunded" while the shop's system has not confirmed it.
		{name: "deposit in progress", order: "O-2", kind: KindDeposit, reason: ReasonPending, priorPending: true,
			prior: &RefundRequest{OrderID: "O-2", Kind: KindDeposit, Amount: 5000, IdempotencyKey: "x"}},
		{name: "price protection", promos: run10, order: "O-1", kind: KindPriceProtection, amount: 5990},
		{name: "price protection, no drop", order: "O-1", kind: KindPriceProtection, reason: ReasonNothing},
		{name: "price protection, late", promos: run10, order: "O-5", kind: KindPriceProtection, reason: ReasonWindow},
		// 59900 + 9999 × 2 = 79898.
		{name: "return", order: "O-1", kind: KindReturn, amount: 79898},
		// Less the 5990 already paid back by price protection: 73908.
		{name: "return after price protection", order: "O-1", kind: KindReturn, amount: 73908,
			prior: &RefundRequest{OrderID: "O-1", Kind: KindPriceProtection, Lines: []RefundLine{{SKUID: "s-run-38", Qty: 1, Amount: 5990}}, Amount: 5990, IdempotencyKey: "x"}},
		// O-5 was delivered (no delivered_at: paid_at 2026-10-01T00:00Z counts): the
		// 7-day window ends 2026-10-08T00:00Z, its last instant included.
		{name: "return, delivered long ago", order: "O-5", kind: KindReturn, reason: ReasonWindow},
		{name: "return, last instant of the window", order: "O-5", kind: KindReturn, at: mustTime("2026-10-08T00:00:00Z"), amount: 121800},
		{name: "return, just after the window", order: "O-5", kind: KindReturn, at: mustTime("2026-10-08T00:00:01Z"), reason: ReasonWindow},
		{name: "return of a cancelled order", order: "O-6", kind: KindReturn, reason: ReasonStatus},
		{name: "unknown kind", order: "O-1", kind: "gift", reason: ReasonKind},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			snap := testSnap(t, tc.promos, testCustomers, testOrders)
			ledger := memLedger()
			if tc.prior != nil {
				if _, err := ledger.Reserve(ctx, *tc.prior, paidO1, testAt); err != nil {
					t.Fatal(err)
				}
				if !tc.priorPending {
					if err := ledger.Settle(ctx, tc.prior.OrderID, tc.prior.IdempotencyKey, LedgerDone, "R", testAt); err != nil {
						t.Fatal(err)
					}
				}
			}
			at := now
			if !tc.at.IsZero() {
				at = tc.at
			}
			offer, err := OfferRefund(ctx, snap, "alice", tc.order, tc.kind, at, testPolicy, ledger)
			if tc.reason != "" {
				var ne *NotEligibleError
				if !errors.As(err, &ne) || ne.Reason != tc.reason || ne.In(i18n.ZH) == "" {
					t.Fatalf("got %+v, %v; want reason %s", offer, err, tc.reason)
				}
				if tc.reason == ReasonNotRefundable && !strings.Contains(ne.In(i18n.ZH), tc.order) {
					t.Errorf("the refusal names the order: %q", ne.In(i18n.ZH))
				}
				return
			}
			if err != nil || offer.Amount != tc.amount || offer.Kind != tc.kind || offer.OrderID != tc.order {
				t.Fatalf("got %+v, %v; want %d", offer, err, tc.amount)
			}
			var sum shop.Money
			for _, l := range offer.Lines {
				sum += l.Amount
			}
			if tc.kind == KindPriceProtection && sum != offer.Amount {
				t.Errorf("lines %+v do not add up to %d", offer.Lines, offer.Amount)
			}
		})
	}
	snap := testSnap(t, "", testCustomers, testOrders)
	if _, err := OfferRefund(ctx, snap, "alice", "O-3", KindReturn, now, testPolicy, memLedger()); !isNotFound(err) {
		t.Errorf("bob's order: %v", err)
	}
	// Shipped, not delivered: the return window has not started, months later.
	if offer, err := OfferRefund(ctx, snap, "bob", "O-3", KindReturn, mustTime("2027-06-01T00:00:00Z"), testPolicy, memLedger()); err != nil || offer.Amount != 59900 {
		t.Errorf("return of a shipped order: %+v, %v", offer, err)
	}
	// delivered_at starts the window when the shop gives it.
	snap.Orders.Orders[4].DeliveredAt = ptrTime(mustTime("2026-11-10T00:00:00Z"))
	if _, err := OfferRefund(ctx, snap, "alice", "O-5", KindReturn, now, testPolicy, memLedger()); err != nil {
		t.Errorf("return the day after delivery: %v", err)
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

func TestDecideApproval(t *testing.T) {
	for _, tc := range []struct {
		amount, limit shop.Money
		need          bool
	}{{49999, 50000, false}, {50000, 50000, false}, {50001, 50000, true}, {1, 0, true}, {0, 0, false}} {
		if got := DecideApproval(tc.amount, tc.limit); got != tc.need {
			t.Errorf("DecideApproval(%d, %d) = %v", tc.amount, tc.limit, got)
		}
	}
}
