package commerce

import (
	"context"
	"testing"
)

// BenchmarkPrice: the all-steps cart of TestPriceAllSteps (4 lines, 5 promotions).
func BenchmarkPrice(b *testing.B) {
	snap := testSnap(b, `[
	 {"id":"i-run","type":"item_discount","percent_off":25,"product_ids":["p-run"]},
	 {"id":"i-tee","type":"item_discount","amount_off":1000,"categories":["apparel"]},
	 {"id":"ss-1","type":"spend_save","threshold":30000,"off":5000,"repeat":true,"max_off":20000},
	 {"id":"m-vip","type":"membership","tier":"vip","percent_off":5},
	 {"id":"sub-1","type":"subsidy","percent":15,"cap_per_unit":50000}]`, testCustomers, "")
	req := QuoteRequest{Items: items("s-run-38", 1, "s-tee", 2, "s-tv", 1, "s-sock", 1), At: testAt}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Price(snap, "alice", req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckPriceProtection(b *testing.B) {
	snap := testSnap(b, run10, testCustomers, testOrders)
	ledger := memLedger()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CheckPriceProtection(ctx, snap, "alice", "O-1", testAt, 30, ledger); err != nil {
			b.Fatal(err)
		}
	}
}
