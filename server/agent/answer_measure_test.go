package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A size told by a body measurement is the product's own range that holds it, read
// from its variants or its description; none holding it, no size is named.
func TestSizeByMeasurement(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...),
		shop.Product{ID: "harness-1", Title: "行者 Trek 胸背带", Category: "pet-gear",
			Description: "按胸围选码：S 35-45cm，M 45-60cm，L 60-80cm。反光织带。",
			SKUs: []shop.SKU{
				{ID: "h-s", Price: 9900, Stock: 3, Attributes: shop.Attrs{{Name: "size", Value: "S"}}},
				{ID: "h-m", Price: 9900, Stock: 3, Attributes: shop.Attrs{{Name: "size", Value: "M"}}},
			}},
		shop.Product{ID: "nappy-1", Title: "暖暖 Soft 纸尿裤", Category: "nappies",
			SKUs: []shop.SKU{
				{ID: "n-m", Price: 9900, Stock: 3, Attributes: shop.Attrs{{Name: "size", Value: "M"}, {Name: "weight", Value: "6-11kg"}}},
				{ID: "n-l", Price: 9900, Stock: 3, Attributes: shop.Attrs{{Name: "size", Value: "L"}, {Name: "weight", Value: "9-14kg"}}},
			}})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	for _, tc := range []struct{ q, want, not string }{
		{"我家狗胸围50cm，Trek胸背带买什么码", "M码（胸围 45-60cm）", "S码"},
		{"宝宝10公斤 Soft纸尿裤买什么码", "L码（体重 9-14kg）", "xx"},
		{"宝宝体重7 Soft纸尿裤用哪个码", "M码（体重 6-11kg）", "L码"},
	} {
		r, _ := f.plan(t, turn("alice", tc.q))
		if !strings.Contains(r.Text, tc.want) || strings.Contains(r.Text, tc.not) {
			t.Errorf("%s: want %q, not %q: %q", tc.q, tc.want, tc.not, r.Text)
		}
	}
	if r, _ := f.plan(t, turn("alice", "我家狗胸围90cm，Trek胸背带买什么码")); strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.measure.note")) {
		t.Errorf("90 cm is in no range, yet a size was named: %q", r.Text)
	}
}

// Ranges listed with the unit written once ("S 25-32, M 32-40, L 40-50 cm") are each
// in that unit; the size is named as a size ("M码", "size M").
func TestRangeListWithOneUnit(t *testing.T) {
	rs := sizeRanges("Size by back length: S 25-32, M 32-40, L 40-50 cm.")
	if len(rs) != 3 || rs[1].size != "M" || rs[1].unit != "cm" || rs[1].lo != 32 || rs[1].hi != 40 {
		t.Fatalf("ranges: %+v", rs)
	}
	if got := withUnits("胸围 XS 30-40、S 40-55 cm"); got != "胸围 XS 30-40cm、S 40-55cm" {
		t.Fatalf("withUnits: %q", got)
	}
}

// A variant named by its dimensions with another sign ("220x240" for 220×240cm),
// or by its style without the style word ("客厅那款" for 客厅款).
func TestValueByDimensionsAndStyleStem(t *testing.T) {
	for _, c := range []struct {
		low, name, v string
		want         bool
	}{
		{"220x240的冬被", "size", "220×240cm", true},
		{"要180*200的", "size", "180×200cm", true},
		{"220x240的冬被", "size", "200×230cm", false},
		{"客厅那款国补后多少", "style", "客厅款", true},
		{"卧室用的", "style", "客厅款", false},
		{"the 6l one", "capacity", "6L可视版", true},
		{"the 6l one", "capacity", "4L标准版", false},
		{"band9 nfc粉色", "edition", "NFC版", true},
		{"band9 nfc粉色", "edition", "标准版", false},
	} {
		if got := mentionsValueIn(c.low, c.low, c.name, c.v); got != c.want {
			t.Errorf("mentionsValueIn(%q, %s=%q) = %v", c.low, c.name, c.v, got)
		}
	}
}

// A size the product's own chart does not list ("42" for slippers in S–XXL) is read
// in its category's size table (demo-luggage: 42 → 260 mm → XL).
func TestSizeNotOnTheChartReadInTheCategoryTable(t *testing.T) {
	f := newAssetFixture(t, "demo-luggage")
	r, _ := f.plan(t, turn("guest", "折叠拖鞋 我平时穿42码 选哪个"))
	if !strings.Contains(r.Text, "**XL**") {
		t.Errorf("XL: %q", r.Text)
	}
}
