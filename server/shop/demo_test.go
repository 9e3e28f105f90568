package shop

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// The demo shop in assets/demo is what a new install imports and what the e2e suite
// and the docs talk about; it must validate and keep the scenarios it exists for.

var demoNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

func loadDemo(t *testing.T) (*Catalog, *Orders) {
	t.Helper()
	dir := filepath.Join("..", "..", "assets", "demo")
	cf, err := os.Open(filepath.Join(dir, "catalog.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	cat, err := DecodeCatalog(cf)
	if err != nil {
		t.Fatalf("catalog.json: %v", err)
	}
	of, err := os.Open(filepath.Join(dir, "orders.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	ord, err := DecodeOrders(of, NewSnapshot(cat, nil))
	if err != nil {
		t.Fatalf("orders.json: %v", err)
	}
	return cat, ord
}

func TestDemoShopValidatesAndIsComplete(t *testing.T) {
	cat, ord := loadDemo(t)
	if n := len(cat.Products); n < 15 {
		t.Errorf("%d products, want 15+", n)
	}
	langs := map[string]int{}
	for _, f := range cat.FAQs {
		langs[f.Lang]++
	}
	if len(cat.FAQs) < 25 || langs["zh"] == 0 || langs["zh"] != langs["en"] {
		t.Errorf("faqs: %d, by language %v: want 25+, as many in zh as in en", len(cat.FAQs), langs)
	}
	clear(langs)
	for _, p := range cat.Policies {
		langs[p.Lang]++
	}
	if langs["zh"] < 6 || langs["en"] < 6 {
		t.Errorf("policies by language %v, want 6+ in each", langs)
	}

	active, expired := map[string]bool{}, 0
	for i := range cat.Promotions {
		p := &cat.Promotions[i]
		if p.ActiveAt(demoNow) {
			active[p.Type] = true
		} else if p.Ends != nil && !demoNow.Before(*p.Ends) {
			expired++
		}
	}
	for _, typ := range promoTypes {
		if !active[typ] {
			t.Errorf("no %s promotion live on %s", typ, demoNow.Format(time.DateOnly))
		}
	}
	if expired == 0 {
		t.Error("want one expired promotion")
	}

	statuses := map[string]bool{}
	refundableDeposit := false
	for _, o := range ord.Orders {
		statuses[o.Status] = true
		refundableDeposit = refundableDeposit || (o.Deposit != nil && o.Deposit.Refundable)
	}
	for _, s := range orderStatuses {
		if !statuses[s] {
			t.Errorf("no order in status %s", s)
		}
	}
	if !refundableDeposit {
		t.Error("want a deposit_paid order with a refundable deposit")
	}
	s := NewSnapshot(cat, ord)
	if c := s.Customer("alice"); c.Tier != "vip" || len(c.Coupons) == 0 {
		t.Errorf("alice = %+v, want a vip with coupons", c)
	}
	if c := s.Customer("bob"); c.Tier != "" || len(c.Coupons) == 0 || c.Coupons[0].Expires == nil {
		t.Errorf("bob = %+v, want no tier and a coupon with an expiry", c)
	}
	if len(s.OrdersOf("carol")) == 0 {
		t.Error("carol has no orders")
	}
}

// "我平时穿38码皮鞋，跑鞋买多大": CN 38 leather shoes give a foot length, and the
// running shoes' own charts answer it (SPEC §4 size advice). The cushioned runner
// runs small (fit_mm), so it needs a bigger size than the true-to-size racer.
func TestDemoSizeQuestionHasAnAnswer(t *testing.T) {
	cat, _ := loadDemo(t)
	foot := 0
	for _, ss := range cat.SizeSystems {
		if ss.Category == "leather-shoes" && ss.System == "CN" {
			for _, r := range ss.Rows {
				if r.Size == "38" {
					foot = r.FootMM
				}
			}
		}
	}
	if foot == 0 {
		t.Fatal("no leather-shoes CN size 38 in size_systems")
	}
	s := NewSnapshot(cat, nil)
	for id, want := range map[string]string{"p-run-1": "39", "p-run-2": "38"} {
		p := s.Product(id)
		if p == nil || p.SizeChart == nil {
			t.Fatalf("%s has no size chart", id)
		}
		got, best := "", 0
		for _, r := range p.SizeChart.Rows {
			if r.FootMM >= foot+p.SizeChart.FitMM && (got == "" || r.FootMM < best) {
				got, best = r.Size, r.FootMM
			}
		}
		if got != want {
			t.Errorf("%s: CN 38 leather shoes (%d mm) → size %q, want %q", id, foot, got, want)
		}
	}
}

// The refund scenarios the demo orders exist for: one price-protection refund under
// the 50000 auto-approve limit and one above it, each within 30 days of demoNow.
func TestDemoPriceProtectionScenarios(t *testing.T) {
	cat, ord := loadDemo(t)
	s := NewSnapshot(cat, ord)
	refund := func(id string) Money {
		o := s.OrderOf(map[string]string{"O-1001": "alice", "O-3001": "carol", "O-2001": "bob"}[id], id)
		if o == nil || o.PaidAt == nil || !slices.Contains(paidStatuses, o.Status) {
			t.Fatalf("%s: %+v", id, o)
		}
		if demoNow.Sub(*o.PaidAt) > 30*24*time.Hour {
			return 0
		}
		var total Money
		for _, it := range o.Items {
			sku, p := s.SKU(it.SKUID)
			now := sku.Price - bestItemOff(cat, p, sku.Price)
			total += max(0, it.UnitPrice-now) * it.Qty
		}
		return total
	}
	if got := refund("O-1001"); got <= 0 || got > 50000 {
		t.Errorf("O-1001 price protection %d, want 1..50000", got)
	}
	if got := refund("O-3001"); got <= 50000 {
		t.Errorf("O-3001 price protection %d, want above 50000", got)
	}
	if got := refund("O-2001"); got != 0 {
		t.Errorf("O-2001 is outside the window, got %d", got)
	}
}

// bestItemOff is SPEC §4 step 2 for one unit, enough to check the demo's intent.
func bestItemOff(cat *Catalog, p *Product, price Money) Money {
	var best Money
	for i := range cat.Promotions {
		pr := &cat.Promotions[i]
		if pr.Type != PromoItemDiscount || !pr.ActiveAt(demoNow) || !pr.Covers(p) {
			continue
		}
		var off Money
		if pr.PercentOff != nil {
			off = (price**pr.PercentOff + 50) / 100
		} else {
			off = min(price, *pr.AmountOff)
		}
		best = max(best, off)
	}
	return best
}
