package commerce

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// The shared test shop. Prices are chosen so that rounding and sharing leave cents
// over: 59900 / 9999 / 3333 do not divide evenly by the percentages used.
const testProducts = `[
 {"id":"p-run","title":"Run","category":"running-shoes","membership_eligible":true,
  "size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":240},{"size":"39","foot_mm":245},{"size":"40","foot_mm":250}]},
  "skus":[{"id":"s-run-38","price":59900,"stock":12,"attributes":{"size":"38"}},
          {"id":"s-run-39","price":59900,"stock":0,"attributes":{"size":"39"}}]},
 {"id":"p-tee","title":"Tee","category":"apparel","membership_eligible":true,"skus":[{"id":"s-tee","price":9999,"stock":100}]},
 {"id":"p-cap","title":"Cap","category":"apparel","membership_eligible":true,"skus":[{"id":"s-cap","price":3333,"stock":100}]},
 {"id":"p-tv","title":"TV","category":"appliances","subsidy_eligible":true,"skus":[{"id":"s-tv","price":399900,"stock":5}]},
 {"id":"p-sock","title":"Sock","category":"accessories","skus":[{"id":"s-sock","price":1500,"stock":1}]},
 {"id":"p-boot","title":"Boot","category":"boots",
  "size_chart":{"fit_mm":2,"rows":[{"size":"36","foot_mm":230},{"size":"38","foot_mm":240},{"size":"40","foot_mm":250}]},
  "skus":[{"id":"s-boot-38","price":19900,"stock":3,"attributes":{"size":"38"}}]},
 {"id":"p-odd","title":"Odd","category":"misc","skus":[{"id":"s-50","price":50,"stock":9},{"id":"s-45","price":45,"stock":9},{"id":"s-44","price":44,"stock":9}]}
]`

const testCustomers = `[
 {"user":"alice","tier":"vip","coupons":[
   {"code":"C50","threshold":30000,"off":5000},
   {"code":"C80","threshold":50000,"off":8000,"expires":"2026-12-01T00:00:00+08:00"},
   {"code":"C200","threshold":500000,"off":20000}]},
 {"user":"bob","tier":"gold"}
]`

// testAt is the default quote moment: 11 Nov 2026, noon in Beijing.
var testAt = mustTime("2026-11-11T12:00:00+08:00")

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testSnap builds a snapshot from JSON text, the same format the import accepts, so
// the tests also pin the field names of §3. Empty promos/customers/orders mean none.
func testSnap(t testing.TB, promos, customers, orders string) *shop.Snapshot {
	t.Helper()
	if promos == "" {
		promos = "[]"
	}
	if customers == "" {
		customers = "[]"
	}
	if orders == "" {
		orders = "[]"
	}
	var c shop.Catalog
	cat := fmt.Sprintf(`{"currency":"CNY","products":%s,"promotions":%s,
	  "size_systems":[
	   {"category":"leather-shoes","system":"CN","rows":[{"size":"36","foot_mm":230},{"size":"37","foot_mm":235},{"size":"38","foot_mm":240},{"size":"45","foot_mm":275}]},
	   {"category":"sandals","system":"A","rows":[{"size":"M","foot_mm":240}]},
	   {"category":"sandals","system":"B","rows":[{"size":"M","foot_mm":245},{"size":"L","foot_mm":260}]}]}`,
		testProducts, promos)
	if err := json.Unmarshal([]byte(cat), &c); err != nil {
		t.Fatalf("catalog fixture: %v", err)
	}
	var o shop.Orders
	if err := json.Unmarshal([]byte(fmt.Sprintf(`{"customers":%s,"orders":%s}`, customers, orders)), &o); err != nil {
		t.Fatalf("orders fixture: %v", err)
	}
	return shop.NewSnapshot(&c, &o)
}

// priceCase is one hand-worked quote: the finals per merged line and the steps.
type priceCase struct {
	name      string
	promos    string
	customers string // default testCustomers
	user      string // default "nobody": unknown to /orders, no tier, no coupons
	items     []CartLine
	coupon    string
	at        string // default testAt
	lang      string
	finals    []shop.Money
	steps     []Step // Kind, ID, Off compared
	notes     []string
}

func items(pairs ...any) []CartLine {
	var out []CartLine
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, CartLine{SKUID: pairs[i].(string), Qty: int64(pairs[i+1].(int))})
	}
	return out
}

func runPriceCases(t *testing.T, cases []priceCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cust := tc.customers
			if cust == "" {
				cust = testCustomers
			}
			user := tc.user
			if user == "" {
				user = "nobody"
			}
			at := testAt
			if tc.at != "" {
				at = mustTime(tc.at)
			}
			snap := testSnap(t, tc.promos, cust, "")
			q, err := Price(snap, user, QuoteRequest{Items: tc.items, Coupon: tc.coupon, At: at})
			if err != nil {
				t.Fatalf("Price: %v", err)
			}
			checkQuote(t, q)
			if len(q.Lines) != len(tc.finals) {
				t.Fatalf("lines = %+v, want %d lines", q.Lines, len(tc.finals))
			}
			for i, want := range tc.finals {
				if q.Lines[i].Final != want {
					t.Errorf("line %d (%s) final = %d, want %d", i, q.Lines[i].SKUID, q.Lines[i].Final, want)
				}
			}
			if len(q.Steps) != len(tc.steps) {
				t.Fatalf("steps = %+v, want %+v", q.Steps, tc.steps)
			}
			for i, want := range tc.steps {
				got := q.Steps[i]
				if got.Kind != want.Kind || got.ID != want.ID || got.Off != want.Off {
					t.Errorf("step %d = %+v, want %+v", i, got, want)
				}
			}
			notes := i18n.Texts(q.NoteMsgs, i18n.FromLocale(tc.lang))
			if len(notes) != len(tc.notes) {
				t.Fatalf("notes = %q, want %d notes like %q", notes, len(tc.notes), tc.notes)
			}
			for i, want := range tc.notes {
				if !strings.Contains(notes[i], want) {
					t.Errorf("note %d = %q, want it to contain %q", i, notes[i], want)
				}
			}
		})
	}
}

// checkQuote asserts the invariants every quote must hold, whatever the data: the
// total is the sum of finals, nothing is negative or above list, the steps account
// exactly for list − total, every step took something off.
func checkQuote(t testing.TB, q *Quote) {
	t.Helper()
	var list, total, steps shop.Money
	for _, l := range q.Lines {
		if l.Final < 0 || l.Final > l.List {
			t.Fatalf("line %s: final %d outside [0, list %d]", l.SKUID, l.Final, l.List)
		}
		list += l.List
		total += l.Final
	}
	if total != q.Total {
		t.Fatalf("total %d != sum of finals %d", q.Total, total)
	}
	order := map[string]int{shop.PromoItemDiscount: 2, shop.PromoSpendSave: 3, KindCoupon: 4,
		shop.PromoMembership: 5, shop.PromoSubsidy: 6}
	last := 0
	for _, s := range q.Steps {
		if s.Off <= 0 {
			t.Fatalf("step %+v took nothing off", s)
		}
		if order[s.Kind] < last {
			t.Fatalf("steps out of step order: %+v", q.Steps)
		}
		last = order[s.Kind]
		steps += s.Off
	}
	if steps != list-total {
		t.Fatalf("steps sum %d != list %d - total %d", steps, list, total)
	}
	if q.Notes == nil || q.Steps == nil || q.Lines == nil {
		t.Fatalf("nil slice in quote (JSON would say null): %+v", q)
	}
}
