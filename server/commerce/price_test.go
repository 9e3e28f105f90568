package commerce

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

func step(kind, id string, off shop.Money) Step { return Step{Kind: kind, ID: id, Off: off} }

const (
	item = shop.PromoItemDiscount
	ss   = shop.PromoSpendSave
	mem  = shop.PromoMembership
	sub  = shop.PromoSubsidy
)

// Steps 1 and 2: list, item promotions, time windows.
func TestPriceListAndItemDiscount(t *testing.T) {
	window := `[{"id":"d11","type":"item_discount","percent_off":10,"product_ids":["p-run"],
	  "starts":"2026-11-11T00:00:00+08:00","ends":"2026-11-12T00:00:00+08:00"}]`
	runPriceCases(t, []priceCase{
		// 59900 × 2 = 119800; nothing applies.
		{name: "list only, qty 2", items: items("s-run-38", 2), finals: []shop.Money{119800}, steps: []Step{}},
		// 10% of 50 = 5; 10% of 45 = 4.5 → 5 (half up); 10% of 44 = 4.4 → 4.
		{name: "percent rounds half up", promos: `[{"id":"p10","type":"item_discount","percent_off":10,"product_ids":["p-odd"]}]`,
			items: items("s-50", 1, "s-45", 1, "s-44", 1), finals: []shop.Money{45, 40, 40},
			steps: []Step{step(item, "p10", 14)}},
		// 25% of 50 = 12.5 → 13; 50 − 13 = 37.
		{name: "half a cent rounds up", promos: `[{"id":"p25","type":"item_discount","percent_off":25}]`,
			items: items("s-50", 1), finals: []shop.Money{37}, steps: []Step{step(item, "p25", 13)}},
		// amount_off is per unit: tee 9999 × 3 = 29997; off = min(29997, 3000 × 3 = 9000) → 20997.
		{name: "amount_off per unit × qty", promos: `[{"id":"a30","type":"item_discount","amount_off":3000,"categories":["apparel"]}]`,
			items: items("s-tee", 3), finals: []shop.Money{20997}, steps: []Step{step(item, "a30", 9000)}},
		// sock 1500 × 2 = 3000; off = min(3000, 2000 × 2 = 4000) = 3000 → 0, never below.
		{name: "amount_off capped by line", promos: `[{"id":"a20","type":"item_discount","amount_off":2000}]`,
			items: items("s-sock", 2), finals: []shop.Money{0}, steps: []Step{step(item, "a20", 3000)},
			notes: []string{"only 1 in stock"}},
		// 10% of 59900 = 5990 vs 6000 per unit: 6000 is more, the two do not stack.
		{name: "best item promotion wins, no stacking", promos: `[
		  {"id":"pct","type":"item_discount","percent_off":10,"product_ids":["p-run"]},
		  {"id":"amt","type":"item_discount","amount_off":6000,"categories":["running-shoes"]}]`,
			items: items("s-run-38", 1), finals: []shop.Money{53900}, steps: []Step{step(item, "amt", 6000)}},
		// 10% of 59900 = 5990 = amount_off 5990: a tie goes to the first in the document.
		{name: "item tie → first in document (amount first)", promos: `[
		  {"id":"amt","type":"item_discount","amount_off":5990},
		  {"id":"pct","type":"item_discount","percent_off":10}]`,
			items: items("s-run-38", 1), finals: []shop.Money{53910}, steps: []Step{step(item, "amt", 5990)}},
		{name: "item tie → first in document (percent first)", promos: `[
		  {"id":"pct","type":"item_discount","percent_off":10},
		  {"id":"amt","type":"item_discount","amount_off":5990}]`,
			items: items("s-run-38", 1), finals: []shop.Money{53910}, steps: []Step{step(item, "pct", 5990)}},
		// Different lines take different promotions; the step lists each once, in
		// document order: tee 9999 × 2 = 19998 − 1000 × 2 = 17998; run 59900 × 20% =
		// 11980 → 47920; sock is out of scope of both.
		{name: "per-line best, mixed scope", promos: `[
		  {"id":"shoe20","type":"item_discount","percent_off":20,"categories":["running-shoes"]},
		  {"id":"tee10","type":"item_discount","amount_off":1000,"product_ids":["p-tee"]}]`,
			items: items("s-tee", 2, "s-run-38", 1, "s-sock", 1), finals: []shop.Money{17998, 47920, 1500},
			steps: []Step{step(item, "shoe20", 11980), step(item, "tee10", 2000)}},
		// starts is inclusive: 2026-11-10T16:00:00Z is the instant 2026-11-11T00:00+08:00.
		{name: "window starts inclusive across offsets", promos: window, at: "2026-11-10T16:00:00Z",
			items: items("s-run-38", 1), finals: []shop.Money{53910}, steps: []Step{step(item, "d11", 5990)}},
		{name: "one second before start", promos: window, at: "2026-11-10T15:59:59Z",
			items: items("s-run-38", 1), finals: []shop.Money{59900}, steps: []Step{}},
		// ends is exclusive: 2026-11-11T16:00:00Z is exactly the end.
		{name: "window ends exclusive", promos: window, at: "2026-11-11T16:00:00Z",
			items: items("s-run-38", 1), finals: []shop.Money{59900}, steps: []Step{}},
		{name: "one second before end", promos: window, at: "2026-11-11T23:59:59+08:00",
			items: items("s-run-38", 1), finals: []shop.Money{53910}, steps: []Step{step(item, "d11", 5990)}},
		// [run×1, tee×1, run×2] is one run line of qty 3 at the first position:
		// run 59900 × 3 = 179700 − 10% (17970) = 161730; tee untouched.
		{name: "duplicate sku merged at first position", promos: `[{"id":"r10","type":"item_discount","percent_off":10,"product_ids":["p-run"]}]`,
			items: items("s-run-38", 1, "s-tee", 1, "s-run-38", 2), finals: []shop.Money{161730, 9999},
			steps: []Step{step(item, "r10", 17970)}},
	})
}

// Step 3: spend-and-save.
func TestPriceSpendSave(t *testing.T) {
	runPriceCases(t, []priceCase{
		// S = 59900 × 2 = 119800; ⌊119800 / 30000⌋ = 3 → 3 × 5000 = 15000.
		{name: "repeat", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000,"repeat":true,"categories":["running-shoes"]}]`,
			items: items("s-run-38", 2), finals: []shop.Money{104800}, steps: []Step{step(ss, "ss", 15000)}},
		// Same with max_off 10000: 15000 capped to 10000.
		{name: "repeat capped by max_off", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000,"repeat":true,"max_off":10000}]`,
			items: items("s-run-38", 2), finals: []shop.Money{109800}, steps: []Step{step(ss, "ss", 10000)}},
		// Without repeat: S ≥ threshold → once, 5000.
		{name: "no repeat", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000}]`,
			items: items("s-run-38", 2), finals: []shop.Money{114800}, steps: []Step{step(ss, "ss", 5000)}},
		// S = 1500 ≥ 100 → 5000, capped by S = 1500 → 0.
		{name: "capped by S", promos: `[{"id":"ss","type":"spend_save","threshold":100,"off":5000}]`,
			items: items("s-sock", 1), finals: []shop.Money{0}, steps: []Step{step(ss, "ss", 1500)}},
		// S = 9999 × 3 = 29997 < 30000: nothing, not even partly.
		{name: "threshold not reached", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000}]`,
			items: items("s-tee", 3), finals: []shop.Money{29997}, steps: []Step{}},
		// S = 59900 + 9999 = 69899 → ⌊69899/30000⌋ = 2 → 10000, shared by amount:
		// run 10000×59900/69899 = 8569.5 → 8569, tee 10000×9999/69899 = 1430.5 → 1430,
		// 1 cent left → the larger line (run) → 8570. Finals 51330, 8569.
		{name: "shared with leftover cent", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000,"repeat":true}]`,
			items: items("s-run-38", 1, "s-tee", 1), finals: []shop.Money{51330, 8569}, steps: []Step{step(ss, "ss", 10000)}},
		// Scope running-shoes only: S = 59900 → 5000 all on run; sock untouched.
		{name: "ineligible line untouched", promos: `[{"id":"ss","type":"spend_save","threshold":30000,"off":5000,"categories":["running-shoes"]}]`,
			items: items("s-sock", 1, "s-run-38", 1), finals: []shop.Money{1500, 54900}, steps: []Step{step(ss, "ss", 5000)}},
		// Best single: A gives 5000 (once), B gives ⌊119800/50000⌋ × 4000 = 8000 → B only.
		{name: "largest spend_save only", promos: `[
		  {"id":"A","type":"spend_save","threshold":30000,"off":5000},
		  {"id":"B","type":"spend_save","threshold":50000,"off":4000,"repeat":true}]`,
			items: items("s-run-38", 2), finals: []shop.Money{111800}, steps: []Step{step(ss, "B", 8000)}},
		// Tie on 5000 each → first in the document.
		{name: "spend_save tie → first", promos: `[
		  {"id":"A","type":"spend_save","threshold":30000,"off":5000},
		  {"id":"B","type":"spend_save","threshold":10000,"off":5000}]`,
			items: items("s-run-38", 1), finals: []shop.Money{54900}, steps: []Step{step(ss, "A", 5000)}},
		// S is after step 2: 59900 − 25% (14975) = 44925 < 50000 → the 50000 threshold
		// is not met although the list price is above it.
		{name: "threshold on the amount after step 2", promos: `[
		  {"id":"i25","type":"item_discount","percent_off":25},
		  {"id":"ss","type":"spend_save","threshold":50000,"off":5000}]`,
			items: items("s-run-38", 1), finals: []shop.Money{44925}, steps: []Step{step(item, "i25", 14975)}},
		// Expired spend_save does nothing (ends before at).
		{name: "inactive spend_save", promos: `[{"id":"ss","type":"spend_save","threshold":100,"off":500,"ends":"2026-11-01T00:00:00Z"}]`,
			items: items("s-run-38", 1), finals: []shop.Money{59900}, steps: []Step{}},
	})
}

func TestPriceInputErrors(t *testing.T) {
	snap := testSnap(t, "", testCustomers, "")
	cases := []struct {
		name  string
		items []CartLine
		path  string
	}{
		{"empty cart", nil, "items"},
		{"unknown sku", items("s-run-38", 1, "nope", 1), "items[1].sku_id"},
		{"blank sku", []CartLine{{SKUID: " ", Qty: 1}}, "items[0].sku_id"},
		{"qty 0", items("s-run-38", 1, "s-tee", 0), "items[1].qty"},
		{"qty negative", items("s-run-38", -3), "items[0].qty"},
		{"amount too large", []CartLine{{SKUID: "s-run-38", Qty: 1 << 62}}, "items[0].qty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Price(snap, "alice", QuoteRequest{Items: tc.items, At: testAt})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *InputError", err)
			}
			if ie.Path != tc.path || ie.IsZero() {
				t.Errorf("got %+v, want path %q", ie, tc.path)
			}
		})
	}
	_, err := Price(snap, "alice", QuoteRequest{At: testAt})
	if err == nil || !strings.Contains(i18n.ErrorText(err, i18n.ZH), "购物车") {
		t.Errorf("zh empty-cart error = %v, want Chinese", err)
	}
}

// A quote without promotions or notes still encodes every list as [] (never null).
func TestQuoteJSONShape(t *testing.T) {
	snap := testSnap(t, "", "", "")
	q, err := Price(snap, "nobody", QuoteRequest{Items: items("s-tee", 1), At: testAt})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(q)
	for _, want := range []string{`"currency":"CNY"`, `"steps":[]`, `"notes":[]`, `"total":9999`,
		`"sku_id":"s-tee"`, `"qty":1`, `"list":9999`, `"final":9999`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("quote JSON %s lacks %s", data, want)
		}
	}
}
