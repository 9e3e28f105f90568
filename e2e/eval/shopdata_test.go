package eval

import (
	"strings"
	"testing"
	"time"
)

func TestShiftOrdersAndRename(t *testing.T) {
	doc, err := DecodeDoc([]byte(`{
	  "customers": [{"user": "alice", "tier": "vip", "coupons": [{"code": "C50", "threshold": 30000, "off": 5000, "expires": "2026-12-31T23:59:59+08:00"}]},
	                {"user": "bob"}],
	  "orders": [{"id": "O-1", "user": "alice", "status": "paid", "paid_at": "2026-11-05T20:15:00+08:00",
	              "items": [{"sku_id": "s-1", "qty": 1, "unit_price": 12345678901234}]},
	             {"id": "O-2", "user": "bob", "status": "delivered", "paid_at": "2026-11-01T00:00:00Z", "delivered_at": "2026-11-03T00:00:00Z", "note": "not 2026-11-03"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	out := string(MustJSON(ShiftOrders(doc, 48*time.Hour+30*time.Minute, map[string]string{"alice": "alice-x1"})))
	for _, want := range []string{
		`"expires":"2027-01-03T00:29:59+08:00"`, `"paid_at":"2026-11-07T20:45:00+08:00"`,
		`"paid_at":"2026-11-03T00:30:00Z"`, `"delivered_at":"2026-11-05T00:30:00Z"`,
		`"note":"not 2026-11-03"`, `"unit_price":12345678901234`, `"user":"alice-x1"`, `"user":"bob"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("shifted orders lack %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"user":"alice"`) {
		t.Errorf("alice not renamed: %s", out)
	}
	// The original is unchanged.
	if !strings.Contains(string(MustJSON(doc)), `"paid_at":"2026-11-05T20:15:00+08:00"`) {
		t.Error("ShiftOrders changed its input")
	}
	if got := Customers(doc); strings.Join(got, ",") != "alice,bob" {
		t.Errorf("customers %v", got)
	}
}

func TestShiftCatalogOnlyPromotions(t *testing.T) {
	doc, _ := DecodeDoc([]byte(`{"faqs": [{"id": "f", "answer": "2026-12-01T00:00:00Z"}],
	  "promotions": [{"id": "p", "starts": "2026-11-25T00:00:00+08:00", "ends": "2026-12-13T00:00:00+08:00"}]}`))
	out := string(MustJSON(ShiftCatalog(doc, -24*time.Hour)))
	for _, want := range []string{`"starts":"2026-11-24T00:00:00+08:00"`, `"ends":"2026-12-12T00:00:00+08:00"`, `"answer":"2026-12-01T00:00:00Z"`} {
		if !strings.Contains(out, want) {
			t.Errorf("shifted catalog lacks %s:\n%s", want, out)
		}
	}
	s := &Set{Anchor: "2026-12-04T12:00:00+08:00"}
	d, err := Shift(s, time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC))
	if err != nil || d != 24*time.Hour {
		t.Errorf("shift %v %v, want 24h", d, err)
	}
}
