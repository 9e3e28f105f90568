//go:build e2e

package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/api"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Issue "commerce": final prices (SPEC §4, POST /quote) on the real server.
// Refund cards are in refund_test.go.

// quoteAs POSTs /quote as user and requires 200.
func quoteAs(t *testing.T, user string, body map[string]any) commerce.Quote {
	t.Helper()
	status, data := pluginHTTP(t, user, http.MethodPost, "/quote", body)
	if status != http.StatusOK {
		t.Fatalf("POST /quote as %s %v: status %d: %s", user, body, status, truncate(data))
	}
	var q commerce.Quote
	if err := json.Unmarshal(data, &q); err != nil {
		t.Fatalf("decode quote %s: %v", truncate(data), err)
	}
	return q
}

// oraclePrice is commerce.Price with its notes worded in English, as the API words
// them for these users (no lang in the body, an English locale).
func oraclePrice(snap *shop.Snapshot, user string, req commerce.QuoteRequest) (*commerce.Quote, error) {
	q, err := commerce.Price(snap, user, req)
	if err == nil {
		q.Notes = i18n.Texts(q.NoteMsgs, i18n.EN)
	}
	return q, err
}

func cartBody(items []commerce.CartLine, coupon string, at *time.Time) map[string]any {
	b := map[string]any{"items": items}
	if coupon != "" {
		b["coupon"] = coupon
	}
	if at != nil {
		b["at"] = at.Format(time.RFC3339Nano)
	}
	return b
}

type stepKey struct {
	Kind, ID string
	Off      int64
}

func stepsOf(q commerce.Quote) []stepKey {
	out := make([]stepKey, 0, len(q.Steps))
	for _, s := range q.Steps {
		out = append(out, stepKey{s.Kind, s.ID, s.Off})
	}
	return out
}

type lineKey struct {
	SKU              string
	Qty, List, Final int64
}

func linesOf(q commerce.Quote) []lineKey {
	out := make([]lineKey, 0, len(q.Lines))
	for _, l := range q.Lines {
		out = append(out, lineKey{l.SKUID, l.Qty, l.List, l.Final})
	}
	return out
}

// sameQuote compares what SPEC §6 fixes of a quote: currency, lines, steps,
// total, notes (in English: the test users' locale).
func sameQuote(t *testing.T, who string, got, want commerce.Quote) {
	t.Helper()
	if got.Total != want.Total || got.Currency != want.Currency ||
		!slices.Equal(linesOf(got), linesOf(want)) || !slices.Equal(stepsOf(got), stepsOf(want)) || !slices.Equal(got.Notes, want.Notes) {
		t.Errorf("%s: quote\n got  total %d %s lines %v steps %v notes %q\n want total %d %s lines %v steps %v notes %q",
			who, got.Total, got.Currency, linesOf(got), stepsOf(got), got.Notes, want.Total, want.Currency, linesOf(want), stepsOf(want), want.Notes)
	}
	var sum int64
	for _, l := range got.Lines {
		sum += l.Final
	}
	if sum != got.Total {
		t.Errorf("%s: total %d is not the sum %d of the lines' finals", who, got.Total, sum)
	}
}

func hasStepKind(q commerce.Quote, kind string) bool {
	return slices.ContainsFunc(q.Steps, func(s commerce.Step) bool { return s.Kind == kind })
}

// Worked by hand from assets/demo at a fixed instant (SPEC §4 steps):
// shoes 599 −20% = 479.20; 满300减50 → 429.20; cart 429.20 + kettle 199 =
// 628.20. alice: C50 shared 34.17 / 15.83 → 395.03 + 183.17; VIP 5% 19.75 +
// 9.16 → 375.28 + 174.01 = 549.29. bob (no tier): B30 shared 20.50 / 9.50 →
// 408.70 + 189.50 = 598.20.
// Phone 3999 (subsidy-eligible, not member-eligible): alice's largest reached
// coupon is C100 → 3899, 国补 15% = 584.85 capped at 500 → 3399; carol
// (nothing held) 3999 − 500 = 3499.
func TestQuoteHandWorked(t *testing.T) {
	ensureShop(t)
	at := time.Date(2026, 11, 28, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))
	shoesAndKettle := []commerce.CartLine{{SKUID: "s-run-1-39-white", Qty: 1}, {SKUID: "s-kettle-1-white", Qty: 1}}
	phone := []commerce.CartLine{{SKUID: "s-phone-1-256-black", Qty: 1}}
	cases := []struct {
		user   string
		items  []commerce.CartLine
		total  int64
		finals []int64
		steps  []stepKey
	}{
		{"alice", shoesAndKettle, 54929, []int64{37528, 17401}, []stepKey{
			{"item_discount", "pr-run-1212", 11980}, {"spend_save", "pr-shoes-apparel-300-50", 5000},
			{"coupon", "C50", 5000}, {"membership", "pr-vip-95", 2891}}},
		{"bob", shoesAndKettle, 59820, []int64{40870, 18950}, []stepKey{
			{"item_discount", "pr-run-1212", 11980}, {"spend_save", "pr-shoes-apparel-300-50", 5000},
			{"coupon", "B30", 3000}}},
		{"alice", phone, 339900, []int64{339900}, []stepKey{{"coupon", "C100", 10000}, {"subsidy", "pr-subsidy-phones", 50000}}},
		{"carol", phone, 349900, []int64{349900}, []stepKey{{"subsidy", "pr-subsidy-phones", 50000}}},
	}
	for _, tc := range cases {
		q := quoteAs(t, tc.user, cartBody(tc.items, "", &at))
		var finals []int64
		for _, l := range q.Lines {
			finals = append(finals, l.Final)
		}
		if q.Total != tc.total || !slices.Equal(finals, tc.finals) || !slices.Equal(stepsOf(q), tc.steps) || q.Currency != "CNY" {
			t.Errorf("%s %v: total %d finals %v steps %v %s; want %d %v %v CNY",
				tc.user, tc.items, q.Total, finals, stepsOf(q), q.Currency, tc.total, tc.finals, tc.steps)
		}
	}
}

// The same cart costs customers different amounts by tier and coupons; at any
// date, the server agrees with commerce.Price on the demo data at that instant.
func TestQuoteFollowsTierAndCoupons(t *testing.T) {
	ensureShop(t)
	snap := servedSnapshot(t)
	stranger := newCustomer(t) // unknown to /orders: no tier, no coupons
	at := time.Now().Truncate(time.Second)
	carts := [][]commerce.CartLine{
		{{SKUID: "s-run-1-39-white", Qty: 1}, {SKUID: "s-kettle-1-white", Qty: 1}},
		{{SKUID: "s-down-1-L-black", Qty: 2}, {SKUID: "s-tee-1-M-black", Qty: 3}, {SKUID: "s-down-1-L-black", Qty: 1}},
		{{SKUID: "s-ac-1-1hp", Qty: 1}, {SKUID: "s-lea-1-41-brown", Qty: 1}, {SKUID: "s-vac-1-white", Qty: 1}},
	}
	for i, items := range carts {
		totals := map[string]int64{}
		for _, user := range []string{"alice", "bob", "carol", stranger} {
			got := quoteAs(t, user, cartBody(items, "", &at))
			want, err := oraclePrice(snap, user, commerce.QuoteRequest{Items: items, At: at})
			if err != nil {
				t.Fatalf("oracle: %v", err)
			}
			sameQuote(t, user, got, *want)
			if hasStepKind(got, "membership") && user != "alice" {
				t.Errorf("cart %d: %s (no tier) got a membership step: %v", i, user, stepsOf(got))
			}
			totals[user] = got.Total
		}
		if totals["carol"] != totals[stranger] {
			t.Errorf("cart %d: carol (no tier, no coupons) pays %d, an unknown customer %d", i, totals["carol"], totals[stranger])
		}
	}
	// While the demo's VIP promotion runs, the vip pays less than bob for the
	// shoes and kettle, and her steps show the membership.
	vip, _ := oraclePrice(snap, "alice", commerce.QuoteRequest{Items: carts[0], At: at})
	if slices.ContainsFunc(vip.Steps, func(s commerce.Step) bool { return s.Kind == "membership" }) {
		bob := quoteAs(t, "bob", cartBody(carts[0], "", &at))
		alice := quoteAs(t, "alice", cartBody(carts[0], "", &at))
		if !hasStepKind(alice, "membership") || alice.Total >= bob.Total {
			t.Errorf("vip total %d (steps %v), bob %d: want the vip cheaper with a membership step", alice.Total, stepsOf(alice), bob.Total)
		}
	}
}

// Without "at" the quote is for the server's now: it matches the oracle at an
// instant between just before and just after the call.
func TestQuoteDefaultsToNow(t *testing.T) {
	ensureShop(t)
	snap := servedSnapshot(t)
	items := []commerce.CartLine{{SKUID: "s-run-1-39-white", Qty: 2}, {SKUID: "s-down-1-M-khaki", Qty: 1}}
	before := time.Now()
	got := quoteAs(t, "alice", cartBody(items, "", nil))
	after := time.Now()
	var wants []int64
	for _, at := range []time.Time{before, after} {
		want, err := oraclePrice(snap, "alice", commerce.QuoteRequest{Items: items, At: at})
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, want.Total)
	}
	if !slices.Contains(wants, got.Total) {
		t.Errorf("quote without at: total %d, want %v (oracle just before / after)", got.Total, wants)
	}
}

// A requested coupon is used only if held, unexpired and reached; otherwise no
// coupon, and a note says why.
func TestQuoteRequestedCoupon(t *testing.T) {
	ensureShop(t)
	snap := servedSnapshot(t)
	at := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	items := []commerce.CartLine{{SKUID: "s-run-1-39-white", Qty: 1}, {SKUID: "s-kettle-1-white", Qty: 1}}
	cases := []struct {
		coupon     string
		wantCoupon bool
		note       string // a word the note must contain
	}{
		{"C50", true, ""},
		{"B30", false, "B30"},      // bob's, not alice's
		{"C100", false, "C100"},    // threshold 1000 not reached
		{"C20-1111", false, "C20"}, // expired
	}
	for _, tc := range cases {
		got := quoteAs(t, "alice", cartBody(items, tc.coupon, &at))
		want, err := oraclePrice(snap, "alice", commerce.QuoteRequest{Items: items, Coupon: tc.coupon, At: at})
		if err != nil {
			t.Fatal(err)
		}
		sameQuote(t, "alice with "+tc.coupon, got, *want)
		used := slices.ContainsFunc(got.Steps, func(s commerce.Step) bool { return s.Kind == "coupon" && s.ID == tc.coupon })
		if used != tc.wantCoupon || (!tc.wantCoupon && hasStepKind(got, "coupon")) {
			t.Errorf("coupon %s: steps %v, want coupon used = %v", tc.coupon, stepsOf(got), tc.wantCoupon)
		}
		if tc.note != "" && !slices.ContainsFunc(got.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
			t.Errorf("coupon %s: notes %q do not explain it", tc.coupon, got.Notes)
		}
	}
}

func TestQuoteRejectsBadInput(t *testing.T) {
	ensureShop(t)
	ok := map[string]any{"sku_id": "s-run-1-39-white", "qty": 1}
	cases := []struct {
		name string
		body any
		path string // details[].path, "" = any 400
		word string // the error message names this
	}{
		{"empty cart", map[string]any{"items": []any{}}, "items", "items"},
		{"no items", map[string]any{}, "items", "items"},
		{"qty 0", map[string]any{"items": []any{map[string]any{"sku_id": "s-run-1-39-white", "qty": 0}}}, "items[0].qty", "qty"},
		{"negative qty second", map[string]any{"items": []any{ok, map[string]any{"sku_id": "s-kettle-1-white", "qty": -2}}}, "items[1].qty", "qty"},
		{"unknown sku", map[string]any{"items": []any{ok, map[string]any{"sku_id": "s-nope-1", "qty": 1}}}, "items[1].sku_id", "s-nope-1"},
		{"blank sku", map[string]any{"items": []any{map[string]any{"sku_id": " ", "qty": 1}}}, "items[0].sku_id", "sku_id"},
		{"qty not a number", map[string]any{"items": []any{map[string]any{"sku_id": "s-run-1-39-white", "qty": "two"}}}, "", "qty"},
		{"at not a time", map[string]any{"items": []any{ok}, "at": "tomorrow"}, "", ""},
		{"malformed JSON", []byte(`{"items": [`), "", ""},
		{"not an object", []byte(`[1, 2]`), "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, data := pluginHTTP(t, "bob", http.MethodPost, "/quote", tc.body)
			if status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", status, truncate(data))
			}
			var e api.ErrorBody
			if err := json.Unmarshal(data, &e); err != nil || e.Error == "" {
				t.Fatalf("400 body %s: want {\"error\": ...} (%v)", truncate(data), err)
			}
			if tc.path != "" && !slices.ContainsFunc(e.Details, func(d api.Detail) bool { return d.Path == tc.path }) {
				t.Errorf("details %+v do not name %s", e.Details, tc.path)
			}
			if tc.word != "" && !strings.Contains(e.Error, tc.word) && !strings.Contains(string(data), tc.word) {
				t.Errorf("error %s does not mention %q", truncate(data), tc.word)
			}
		})
	}
	if status, data := pluginHTTP(t, "", http.MethodPost, "/quote", map[string]any{"items": []any{ok}}); status != http.StatusUnauthorized {
		t.Errorf("POST /quote without a session: status %d, want 401: %s", status, truncate(data))
	}
	// A body over 10 MiB is refused before it is read.
	big := bytes.Repeat([]byte(" "), 10<<20+1)
	if status, data := pluginHTTP(t, "bob", http.MethodPost, "/quote", big); status != http.StatusRequestEntityTooLarge {
		t.Errorf("POST /quote of 10 MiB + 1: status %d, want 413: %s", status, truncate(data))
	}
}
