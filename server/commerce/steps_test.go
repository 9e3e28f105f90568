package commerce

import (
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// Step 4: coupons. alice holds C50 (≥30000, −5000), C80 (≥50000, −8000, expires
// 2026-12-01T00:00+08:00) and C200 (≥500000, −20000).
func TestPriceCoupon(t *testing.T) {
	runPriceCases(t, []priceCase{
		// 59900: C50 and C80 qualify, C200 does not → the largest off, C80.
		{name: "auto-pick largest qualifying", user: "alice", items: items("s-run-38", 1),
			finals: []shop.Money{51900}, steps: []Step{step(KindCoupon, "C80", 8000)}},
		// Threshold is checked on the sum after step 3: 59900 − 25% = 44925 < 50000 → C50.
		{name: "auto-pick uses sum after step 3", user: "alice", promos: `[{"id":"i25","type":"item_discount","percent_off":25}]`,
			items: items("s-run-38", 1), finals: []shop.Money{39925},
			steps: []Step{step(item, "i25", 14975), step(KindCoupon, "C50", 5000)}},
		// at = expires exactly → C80 is expired → C50.
		{name: "expired at its instant", user: "alice", at: "2026-11-30T16:00:00Z", items: items("s-run-38", 1),
			finals: []shop.Money{54900}, steps: []Step{step(KindCoupon, "C50", 5000)}},
		{name: "valid one second before expiry", user: "alice", at: "2026-11-30T23:59:59+08:00", items: items("s-run-38", 1),
			finals: []shop.Money{51900}, steps: []Step{step(KindCoupon, "C80", 8000)}},
		// Two coupons with the same off → the first in the customer's list.
		{name: "auto-pick tie → first held", user: "alice",
			customers: `[{"user":"alice","coupons":[{"code":"X1","threshold":0,"off":3000},{"code":"X2","threshold":0,"off":3000}]}]`,
			items:     items("s-run-38", 1), finals: []shop.Money{56900}, steps: []Step{step(KindCoupon, "X1", 3000)}},
		// A requested code is used even when another would give more.
		{name: "requested code", user: "alice", coupon: "C50", items: items("s-run-38", 1),
			finals: []shop.Money{54900}, steps: []Step{step(KindCoupon, "C50", 5000)}},
		{name: "requested code, other case", user: "alice", coupon: " c50 ", items: items("s-run-38", 1),
			finals: []shop.Money{54900}, steps: []Step{step(KindCoupon, "C50", 5000)}},
		{name: "requested not held", user: "alice", coupon: "ZZZ", items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"do not hold coupon ZZZ"}},
		{name: "requested not held, zh", user: "alice", coupon: "ZZZ", lang: "zh", items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"您没有优惠券 ZZZ"}},
		// C200 needs 500000; 500000 − 59900 = 440100 short.
		{name: "requested threshold unmet", user: "alice", coupon: "C200", items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"needs a spend of ¥5000.00; the cart comes to ¥599.00 after discounts (¥4401.00 short)"}},
		{name: "requested expired", user: "alice", coupon: "C80", at: "2026-12-02T00:00:00Z", items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"expired"}},
		{name: "unknown customer holds nothing", user: "mallory", coupon: "C50", items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"do not hold"}},
		// Discount = min(off, cart sum): 5000 on a 1500 cart → 1500, total 0.
		{name: "coupon above cart sum", user: "alice",
			customers: `[{"user":"alice","coupons":[{"code":"BIG","threshold":0,"off":5000}]}]`,
			items:     items("s-sock", 1), finals: []shop.Money{0}, steps: []Step{step(KindCoupon, "BIG", 1500)}},
		// 101 over two equal lines of 9999 (tee, cap×3): 50.5 → 50 each, the cent left
		// goes to the earlier line on a tie → 51 + 50.
		{name: "coupon shared, tie to earlier line", user: "alice",
			customers: `[{"user":"alice","coupons":[{"code":"T","threshold":0,"off":101}]}]`,
			items:     items("s-tee", 1, "s-cap", 3), finals: []shop.Money{9948, 9949}, steps: []Step{step(KindCoupon, "T", 101)}},
	})
}

// Step 5: membership. alice is vip, bob gold; run/tee/cap are eligible, tv/sock not.
func TestPriceMembership(t *testing.T) {
	vip5 := `[{"id":"m5","type":"membership","tier":"vip","percent_off":5}]`
	onlyTier := `[{"user":"alice","tier":"vip"},{"user":"bob","tier":"gold"}]`
	runPriceCases(t, []priceCase{
		// 59900 × 5% = 2995.
		{name: "tier matches", user: "alice", customers: onlyTier, promos: vip5, items: items("s-run-38", 1),
			finals: []shop.Money{56905}, steps: []Step{step(mem, "m5", 2995)}},
		{name: "other tier", user: "bob", customers: onlyTier, promos: vip5, items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}},
		{name: "no tier", user: "nobody", customers: onlyTier, promos: vip5, items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}},
		// tv is not membership_eligible: only run takes 2995.
		{name: "ineligible product skipped", user: "alice", customers: onlyTier, promos: vip5,
			items: items("s-tv", 1, "s-run-38", 1), finals: []shop.Money{399900, 56905}, steps: []Step{step(mem, "m5", 2995)}},
		// m5 = 2995; m8 = 4792 capped to 1000 → m5 is the best single.
		{name: "best single after caps", user: "alice", customers: onlyTier, promos: `[
		  {"id":"m8","type":"membership","tier":"vip","percent_off":8,"max_off":1000},
		  {"id":"m5","type":"membership","tier":"vip","percent_off":5}]`,
			items: items("s-run-38", 1), finals: []shop.Money{56905}, steps: []Step{step(mem, "m5", 2995)}},
		{name: "membership tie → first", user: "alice", customers: onlyTier, promos: `[
		  {"id":"mA","type":"membership","tier":"vip","percent_off":5},
		  {"id":"mB","type":"membership","tier":"vip","percent_off":5}]`,
			items: items("s-run-38", 1), finals: []shop.Money{56905}, steps: []Step{step(mem, "mA", 2995)}},
		// tee is brought to 0 by an amount_off of 10000 ≥ 9999. vip10 per line: run 5990,
		// tee 0, cap 333.3 → 333; sum 6323 > max_off 3000 → 3000 shared over
		// [59900, 0, 3333] (A = 63233): run 2841.87 → 2841, tee 0, cap 158.13 → 158;
		// 1 cent left → run (largest) → 2842. The line at 0 is covered and gets 0.
		{name: "capped, shared, line at 0", user: "alice", customers: onlyTier, promos: `[
		  {"id":"tee-free","type":"item_discount","amount_off":10000,"product_ids":["p-tee"]},
		  {"id":"vip10","type":"membership","tier":"vip","percent_off":10,"max_off":3000}]`,
			items: items("s-run-38", 1, "s-tee", 1, "s-cap", 1), finals: []shop.Money{57058, 0, 3175},
			steps: []Step{step(item, "tee-free", 9999), step(mem, "vip10", 3000)}},
		// Weights are the amounts after step 4, not the list: run 59900 − 50% = 29950,
		// tee 9999. Uncapped 2995 + 1000 = 3995 > 1000 → 1000 over [29950, 9999]
		// (A = 39949): 749.7 → 749, 250.3 → 250, 1 left → run → 750 / 250.
		// (List weights would give 857 / 143.)
		{name: "capped weights after step 4", user: "alice", customers: onlyTier, promos: `[
		  {"id":"half","type":"item_discount","percent_off":50,"product_ids":["p-run"]},
		  {"id":"vip10","type":"membership","tier":"vip","percent_off":10,"max_off":1000}]`,
			items: items("s-run-38", 1, "s-tee", 1), finals: []shop.Money{29200, 9749},
			steps: []Step{step(item, "half", 29950), step(mem, "vip10", 1000)}},
		// Scope: apparel only → run untouched; tee 9999 × 5% = 499.95 → 500.
		{name: "membership scope", user: "alice", customers: onlyTier,
			promos: `[{"id":"m5","type":"membership","tier":"vip","percent_off":5,"categories":["apparel"]}]`,
			items:  items("s-run-38", 1, "s-tee", 1), finals: []shop.Money{59900, 9499}, steps: []Step{step(mem, "m5", 500)}},
	})
}

// Step 6: subsidy on subsidy_eligible products (only the tv).
func TestPriceSubsidy(t *testing.T) {
	s15 := `[{"id":"s15","type":"subsidy","percent":15,"cap_per_unit":50000,"categories":["appliances"]}]`
	runPriceCases(t, []priceCase{
		// 399900 × 15% = 59985 > cap 50000 → 50000.
		{name: "capped per unit", promos: s15, items: items("s-tv", 1), finals: []shop.Money{349900}, steps: []Step{step(sub, "s15", 50000)}},
		// 799800 × 15% = 119970 > 50000 × 2 = 100000 → 100000.
		{name: "cap × qty", promos: s15, items: items("s-tv", 2), finals: []shop.Money{699800}, steps: []Step{step(sub, "s15", 100000)}},
		{name: "no cap", promos: `[{"id":"s15","type":"subsidy","percent":15}]`, items: items("s-tv", 1),
			finals: []shop.Money{339915}, steps: []Step{step(sub, "s15", 59985)}},
		// s15 capped = 50000; s13 = 399900 × 13% = 51987 → s13 takes more.
		{name: "best single per line", promos: `[
		  {"id":"s15","type":"subsidy","percent":15,"cap_per_unit":50000},
		  {"id":"s13","type":"subsidy","percent":13}]`,
			items: items("s-tv", 1), finals: []shop.Money{347913}, steps: []Step{step(sub, "s13", 51987)}},
		{name: "ineligible product", promos: `[{"id":"s15","type":"subsidy","percent":15}]`, items: items("s-run-38", 1),
			finals: []shop.Money{59900}, steps: []Step{}},
	})
}

// Every step at once, worked by hand. Cart: run 59900, tee 9999 × 2 = 19998,
// tv 399900, sock 1500 (list 481298). alice: vip; C50, C80, C200.
func TestPriceAllSteps(t *testing.T) {
	promos := `[
	 {"id":"i-run","type":"item_discount","percent_off":25,"product_ids":["p-run"]},
	 {"id":"i-tee","type":"item_discount","amount_off":1000,"categories":["apparel"]},
	 {"id":"ss-1","type":"spend_save","threshold":30000,"off":5000,"repeat":true,"max_off":20000,"categories":["running-shoes","apparel"]},
	 {"id":"m-vip","type":"membership","tier":"vip","percent_off":5},
	 {"id":"sub-1","type":"subsidy","percent":15,"cap_per_unit":50000,"categories":["appliances"]}]`
	runPriceCases(t, []priceCase{{
		name: "double eleven", user: "alice", promos: promos,
		items: items("s-run-38", 1, "s-tee", 2, "s-tv", 1, "s-sock", 1),
		// 2: run 59900 × 25% = 14975 → 44925; tee min(19998, 1000 × 2) → 17998.
		// 3: S = 44925 + 17998 = 62923 → ⌊62923/30000⌋ = 2 → 10000 (≤ 20000):
		//    run 7139.68 → 7139, tee 2860.32 → 2860, 1 left → run 7140 → 37785, 15138.
		// 4: sum 37785 + 15138 + 399900 + 1500 = 454323 → C80 (C200 needs 500000).
		//    8000 × a/454323: 665.34, 266.56, 7041.69, 26.41 → 665, 266, 7041, 26 (7998);
		//    2 left → tv, run → 666, 266, 7042, 26 → 37119, 14872, 392858, 1474.
		// 5: run 37119 × 5% = 1855.95 → 1856; tee 14872 × 5% = 743.6 → 744 (2600)
		//    → 35263, 14128; tv and sock are not membership eligible.
		// 6: tv 392858 × 15% = 58928.7 → 58929 > 50000 → 50000 → 342858.
		// Total 35263 + 14128 + 342858 + 1474 = 393723 = 481298 − 87575.
		finals: []shop.Money{35263, 14128, 342858, 1474},
		steps: []Step{step(item, "i-run", 14975), step(item, "i-tee", 2000), step(ss, "ss-1", 10000),
			step(KindCoupon, "C80", 8000), step(mem, "m-vip", 2600), step(sub, "sub-1", 50000)},
	}, {
		// s-run-39 has stock 0, sock has 1 but 2 are asked: notes, price unchanged.
		name: "stock notes", items: items("s-run-39", 1, "s-sock", 2), lang: "en",
		finals: []shop.Money{59900, 3000}, steps: []Step{},
		notes: []string{"Run (39) is out of stock", "only 1 in stock"},
	}, {
		name: "stock notes zh", items: items("s-run-39", 1), lang: "zh",
		finals: []shop.Money{59900}, steps: []Step{}, notes: []string{"缺货"},
	}})
}

func TestShare(t *testing.T) {
	cases := []struct {
		name    string
		d       shop.Money
		amounts []shop.Money
		want    []shop.Money
	}{
		// 10/3 = 3.33 each → 3, 3, 3; 1 left, all tied → the first line.
		{"three-way tie", 10, []shop.Money{10, 10, 10}, []shop.Money{4, 3, 3}},
		// A = 700: 0.71 → 0, 2.14 → 2, 2.14 → 2; 1 left → largest (300), earlier one.
		{"leftover to largest, tie to earlier", 5, []shop.Money{100, 300, 300}, []shop.Money{0, 3, 2}},
		// A = 10: 1.5 → 1 each; 1 left → the first 5; the 0 line gets nothing.
		{"line at 0 gets 0", 3, []shop.Money{0, 5, 5}, []shop.Money{0, 2, 1}},
		// 2 left over: largest first (9), then the next largest (7), not the first line.
		{"two cents left", 5, []shop.Money{3, 9, 7}, []shop.Money{0, 3, 2}},
		{"exact", 600, []shop.Money{100, 200, 300}, []shop.Money{100, 200, 300}},
		{"zero discount", 0, []shop.Money{5, 5}, []shop.Money{0, 0}},
		{"more than the lines hold is clamped", 50, []shop.Money{10, 20}, []shop.Money{10, 20}},
		{"all zero", 5, []shop.Money{0, 0}, []shop.Money{0, 0}},
		{"empty", 5, nil, []shop.Money{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Share(tc.d, tc.amounts)
			if len(got) != len(tc.want) {
				t.Fatalf("Share(%d, %v) = %v, want %v", tc.d, tc.amounts, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("Share(%d, %v) = %v, want %v", tc.d, tc.amounts, got, tc.want)
				}
			}
		})
	}
}

func TestPercent(t *testing.T) {
	cases := []struct{ amount, p, want shop.Money }{
		{50, 25, 13},   // 12.5 → 13
		{45, 10, 5},    // 4.5 → 5
		{44, 10, 4},    // 4.4 → 4
		{1, 50, 1},     // 0.5 → 1
		{1, 49, 0},     // 0.49 → 0
		{9999, 5, 500}, // 499.95 → 500
		{100, 150, 100},
		{100, -5, 0},
		{-100, 5, 0},
		{1<<63 - 1, 100, 1<<63 - 1},
		{1<<63 - 1, 50, 1 << 62}, // (2⁶³−1)/2 = 2⁶²−0.5 → 2⁶²
	}
	for _, tc := range cases {
		if got := Percent(tc.amount, tc.p); got != tc.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tc.amount, tc.p, got, tc.want)
		}
	}
}
