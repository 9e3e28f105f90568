package commerce

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// fuzzBytes turns fuzzer input into choices; past the end it answers 0, so every
// input, however short, is a valid scenario.
type fuzzBytes struct {
	b []byte
	i int
}

func (f *fuzzBytes) next() int {
	if f.i >= len(f.b) {
		return 0
	}
	f.i++
	return int(f.b[f.i-1])
}

func (f *fuzzBytes) pick(n int) int { return f.next() % n }

// money gives amounts from 0 to ~650000 with many small and "round" values.
func (f *fuzzBytes) money() shop.Money {
	return shop.Money(f.next()) * shop.Money([]int{1, 10, 100, 2500}[f.pick(4)])
}

func (f *fuzzBytes) ptr(v shop.Money) *shop.Money {
	if f.pick(2) == 0 {
		return nil
	}
	return &v
}

func (f *fuzzBytes) when() *time.Time {
	offsets := []time.Duration{0, -48 * time.Hour, 48 * time.Hour, 0}
	k := f.pick(len(offsets) + 1)
	if k == len(offsets) || k == 0 {
		return nil // absent, or (k == 0) also absent: windows are mostly open
	}
	t := testAt.Add(offsets[k])
	return &t
}

// fuzzScenario builds random promotions, a customer and a cart over the test shop.
func fuzzScenario(t testing.TB, data []byte) (*shop.Snapshot, QuoteRequest) {
	f := &fuzzBytes{b: data}
	snap := testSnap(t, "", "", "")
	types := []string{item, ss, mem, sub}
	cats := []string{"running-shoes", "apparel", "appliances", "accessories", "misc"}
	for n := f.pick(7); n > 0; n-- {
		pr := shop.Promotion{ID: string(rune('a' + n)), Type: types[f.pick(4)], Starts: f.when(), Ends: f.when()}
		switch f.pick(3) {
		case 1:
			pr.Categories = []string{cats[f.pick(len(cats))]}
		case 2:
			pr.ProductIDs = []string{snap.Catalog.Products[f.pick(len(snap.Catalog.Products))].ID}
		}
		pct := int64(f.pick(101))
		switch pr.Type {
		case item:
			if f.pick(2) == 0 {
				pr.PercentOff = &pct
			} else {
				off := f.money()
				pr.AmountOff = &off
			}
		case ss:
			pr.Threshold, pr.Off, pr.Repeat, pr.MaxOff = f.money()+1, f.money(), f.pick(2) == 0, f.ptr(f.money())
		case mem:
			pr.Tier, pr.PercentOff, pr.MaxOff = []string{"vip", "gold"}[f.pick(2)], &pct, f.ptr(f.money())
		case sub:
			pr.Percent, pr.CapPerUnit = pct, f.ptr(f.money())
		}
		snap.Catalog.Promotions = append(snap.Catalog.Promotions, pr)
	}
	cust := shop.Customer{User: "alice", Tier: []string{"", "vip", "gold"}[f.pick(3)]}
	for n := f.pick(4); n > 0; n-- {
		cust.Coupons = append(cust.Coupons, shop.Coupon{Code: string(rune('K' + n)), Threshold: f.money(), Off: f.money(), Expires: f.when()})
	}
	snap = shop.NewSnapshot(snap.Catalog, &shop.Orders{Customers: []shop.Customer{cust}})
	var skus []string
	for _, p := range snap.Catalog.Products {
		for _, s := range p.SKUs {
			skus = append(skus, s.ID)
		}
	}
	req := QuoteRequest{At: testAt, Coupon: []string{"", "", "L", "ZZZ"}[f.pick(4)]}
	for n := 1 + f.pick(5); n > 0; n-- {
		req.Items = append(req.Items, CartLine{SKUID: skus[f.pick(len(skus))], Qty: int64(1 + f.pick(5))})
	}
	return snap, req
}

func FuzzPrice(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{6, 0, 0, 1, 0, 3, 1, 50, 1, 1, 0, 2, 2, 9, 3, 4, 1, 7, 2, 200, 2, 1, 3, 1, 1, 5, 9, 2, 3, 4, 5})
	f.Add([]byte("the quick brown fox jumps over the lazy dog, twice: the quick brown fox"))
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, req := fuzzScenario(t, data)
		q, err := Price(snap, "alice", req)
		if err != nil {
			t.Fatalf("valid cart rejected: %v", err)
		}
		checkQuote(t, q)
		for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
			for _, n := range i18n.Texts(q.NoteMsgs, lang) {
				if n == "" || strings.Contains(n, "%!") {
					t.Fatalf("note badly worded in %s: %q", lang, n)
				}
			}
		}
	})
}

// A fixed-seed sweep of the same scenario space, so plain `go test` covers far more
// than the seed corpus without the fuzzing engine.
func TestPriceInvariantsSweep(t *testing.T) {
	buf := make([]byte, 64)
	state := uint64(0x9E3779B97F4A7C15)
	for n := 0; n < 3000; n++ {
		for i := 0; i < len(buf); i += 8 {
			state ^= state << 13
			state ^= state >> 7
			state ^= state << 17
			binary.LittleEndian.PutUint64(buf[i:], state)
		}
		snap, req := fuzzScenario(t, buf)
		q, err := Price(snap, "alice", req)
		if err != nil {
			t.Fatalf("scenario %d: %v", n, err)
		}
		checkQuote(t, q)
	}
}

func FuzzShare(f *testing.F) {
	f.Add(int64(10), []byte{1, 1, 1})
	f.Add(int64(5), []byte{0, 9, 7, 3})
	f.Add(int64(-3), []byte{4})
	f.Fuzz(func(t *testing.T, d int64, raw []byte) {
		amounts := make([]shop.Money, len(raw))
		var total shop.Money
		for i, b := range raw {
			amounts[i] = shop.Money(b) * shop.Money(b) * 37 // spread, with zeros and ties
			total += amounts[i]
		}
		got := Share(d, amounts)
		want := min(max(d, 0), total)
		var sum shop.Money
		for i, g := range got {
			if g < 0 || g > amounts[i] {
				t.Fatalf("Share(%d, %v)[%d] = %d outside [0, %d]", d, amounts, i, g, amounts[i])
			}
			if want > 0 {
				floor := mulDiv(want, amounts[i], total)
				if g != floor && g != floor+1 {
					t.Fatalf("Share(%d, %v)[%d] = %d, floor share %d", d, amounts, i, g, floor)
				}
			}
			sum += g
		}
		if sum != want {
			t.Fatalf("Share(%d, %v) sums to %d, want %d", d, amounts, sum, want)
		}
	})
}
