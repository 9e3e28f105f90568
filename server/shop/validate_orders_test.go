package shop

import (
	"strings"
	"testing"
)

func baseSnapshot(t *testing.T) *Snapshot {
	t.Helper()
	cat, err := DecodeCatalog(strings.NewReader(baseCatalog))
	if err != nil {
		t.Fatal(err)
	}
	return NewSnapshot(cat, nil)
}

func TestDecodeOrdersValid(t *testing.T) {
	o, err := DecodeOrders(strings.NewReader(baseOrders), baseSnapshot(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Customers) != 2 || len(o.Orders) != 3 || o.Orders[1].Deposit == nil || !o.Orders[1].Deposit.Refundable {
		t.Fatalf("decoded %+v", o)
	}
	if c := o.Customers[0].Coupons[0]; c.Expires == nil || c.Expires.UTC().Hour() != 15 {
		t.Fatalf("coupon %+v", c)
	}
}

func TestValidateOrdersRules(t *testing.T) {
	type m = map[string]any
	cases := []struct {
		name  string
		mut   func(d m)
		noCat bool // decode without a catalog
		msg   string
		want  []string
	}{
		// customers and coupons
		{"customer user empty", func(d m) { set(d, "", "customers", 1, "user") }, false, "required", []string{"customers[1].user"}},
		{"duplicate customer", func(d m) { set(d, "alice", "customers", 1, "user") }, false, "duplicate customer", []string{"customers[1].user"}},
		{"coupon code empty", func(d m) { set(d, "", "customers", 0, "coupons", 1, "code") }, false, "required", []string{"customers[0].coupons[1].code"}},
		{"duplicate coupon code within a customer", func(d m) { set(d, "C50", "customers", 0, "coupons", 1, "code") }, false,
			"duplicate coupon code", []string{"customers[0].coupons[1].code"}},
		{"negative coupon threshold", func(d m) { set(d, -1, "customers", 0, "coupons", 0, "threshold") }, false, "negative",
			[]string{"customers[0].coupons[0].threshold"}},
		{"negative coupon off", func(d m) { set(d, -5000, "customers", 0, "coupons", 1, "off") }, false, "negative",
			[]string{"customers[0].coupons[1].off"}},
		{"coupon expiry not RFC 3339", func(d m) { set(d, "2026/12/31", "customers", 0, "coupons", 0, "expires") }, false, "RFC 3339",
			[]string{"customers[0].coupons[0].expires"}},
		{"unknown coupon field", func(d m) { set(d, "2026-12-31", "customers", 0, "coupons", 1, "expiry") }, false, "unknown field",
			[]string{"customers[0].coupons[1].expiry"}},
		// orders
		{"order id empty", func(d m) { set(d, "", "orders", 2, "id") }, false, "required", []string{"orders[2].id"}},
		{"duplicate order id", func(d m) { set(d, "O-1", "orders", 2, "id") }, false, "duplicate order id", []string{"orders[2].id"}},
		{"order user empty", func(d m) { del(d, "orders", 0, "user") }, false, "required", []string{"orders[0].user"}},
		{"bad status", func(d m) { set(d, "pending", "orders", 2, "status") }, false, "must be one of", []string{"orders[2].status"}},
		{"missing status", func(d m) { del(d, "orders", 2, "status") }, false, "must be one of", []string{"orders[2].status"}},
		{"paid without paid_at", func(d m) { del(d, "orders", 0, "paid_at") }, false, "required for a paid order", []string{"orders[0].paid_at"}},
		{"shipped without paid_at", func(d m) { set(d, "shipped", "orders", 2, "status") }, false, "required for a shipped order", []string{"orders[2].paid_at"}},
		{"delivered without paid_at", func(d m) { set(d, "delivered", "orders", 2, "status") }, false, "required for a delivered order", []string{"orders[2].paid_at"}},
		{"paid_at not a timestamp, reported once", func(d m) { set(d, "yesterday", "orders", 0, "paid_at") }, false, "RFC 3339",
			[]string{"orders[0].paid_at"}},
		{"deposit on a paid order", func(d m) { set(d, m{"amount": 100, "refundable": false}, "orders", 0, "deposit") }, false,
			"only a deposit_paid order", []string{"orders[0].deposit"}},
		{"negative deposit", func(d m) { set(d, -5000, "orders", 1, "deposit", "amount") }, false, "negative", []string{"orders[1].deposit.amount"}},
		{"deposit refundable not a bool", func(d m) { set(d, "yes", "orders", 1, "deposit", "refundable") }, false, "true or false",
			[]string{"orders[1].deposit.refundable"}},
		{"order without items", func(d m) { set(d, []any{}, "orders", 2, "items") }, false, "at least one item", []string{"orders[2].items"}},
		{"qty zero", func(d m) { set(d, 0, "orders", 0, "items", 1, "qty") }, false, "at least 1", []string{"orders[0].items[1].qty"}},
		{"qty negative", func(d m) { set(d, -1, "orders", 2, "items", 0, "qty") }, false, "at least 1", []string{"orders[2].items[0].qty"}},
		{"qty as string", func(d m) { set(d, "1", "orders", 2, "items", 0, "qty") }, false, "expected a whole number", []string{"orders[2].items[0].qty"}},
		{"negative unit price", func(d m) { set(d, -1, "orders", 0, "items", 0, "unit_price") }, false, "negative", []string{"orders[0].items[0].unit_price"}},
		{"empty sku id", func(d m) { set(d, "", "orders", 0, "items", 0, "sku_id") }, false, "required", []string{"orders[0].items[0].sku_id"}},
		{"dangling sku id", func(d m) { set(d, "s-gone", "orders", 0, "items", 1, "sku_id") }, false, `unknown sku id "s-gone"`,
			[]string{"orders[0].items[1].sku_id"}},
		{"same sku twice in one order", func(d m) { set(d, "s1-38", "orders", 0, "items", 1, "sku_id") }, false, "already in this order",
			[]string{"orders[0].items[1].sku_id"}},
		{"unknown item field", func(d m) { set(d, 100, "orders", 2, "items", 0, "price") }, false, "unknown field", []string{"orders[2].items[0].price"}},
		{"unknown top-level field", func(d m) { d["customer"] = []any{} }, false, "unknown field", []string{"customer"}},
		{"orders not an array", func(d m) { d["orders"] = "O-1" }, false, "expected an array", []string{"orders"}},
		// Without a catalog sku references are not checked, everything else is.
		{"no catalog: only the qty", func(d m) {
			set(d, "s-gone", "orders", 0, "items", 1, "sku_id")
			set(d, 0, "orders", 0, "items", 1, "qty")
		}, true, "at least 1", []string{"orders[0].items[1].qty"}},
	}
	snap := baseSnapshot(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cat := snap
			if tc.noCat {
				cat = nil
			}
			o, err := DecodeOrders(strings.NewReader(mutate(t, baseOrders, tc.mut)), cat)
			if o != nil {
				t.Fatal("invalid orders must not be returned")
			}
			wantPaths(t, err, tc.msg, tc.want...)
		})
	}
}

func TestDecodeOrdersWithoutCatalogAcceptsAnySku(t *testing.T) {
	doc := mutate(t, baseOrders, func(d map[string]any) { set(d, "s-elsewhere", "orders", 0, "items", 0, "sku_id") })
	if _, err := DecodeOrders(strings.NewReader(doc), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeOrders(strings.NewReader(doc), baseSnapshot(t)); err == nil {
		t.Fatal("with the catalog the dangling sku must be rejected")
	}
}

// OrderOf answers through the index and still refuses another customer's order.
func TestSnapshotOrderOf(t *testing.T) {
	o, err := DecodeOrders(strings.NewReader(baseOrders), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSnapshot(nil, o)
	if got := s.OrderOf("bob", "O-3"); got == nil || got.ID != "O-3" || got.User != "bob" {
		t.Fatalf("OrderOf(bob, O-3) = %+v", got)
	}
	if got := s.OrderOf("alice", "O-3"); got != nil {
		t.Fatalf("alice must not see bob's order: %+v", got)
	}
	if got := s.OrderOf("alice", "O-404"); got != nil {
		t.Fatalf("unknown order: %+v", got)
	}
	if got := s.OrdersOf("bob"); len(got) != 2 || got[0].ID != "O-2" || got[1].ID != "O-3" {
		t.Fatalf("OrdersOf(bob) = %+v", got)
	}
}
