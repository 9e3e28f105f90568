package agent

import (
	"maps"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// "99朵<flower>" is the bouquet sold as 99枝 (measure words that count the same
// things), not ninety-nine bouquets; "买两块多少" of a battery counts two, though
// another product's description says it charges "两块" at once.
func TestCountInATwinMeasureWordAndPiecesBought(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-bq", Title: "Testa 卡罗拉红玫瑰花束", Category: "bouquets", SKUs: []shop.SKU{
			{ID: "s-bq-11", Price: 19900, Stock: 200, Attributes: attrsOf("stems", "11枝")},
			{ID: "s-bq-99", Price: 129900, Stock: 200, Attributes: attrsOf("stems", "99枝")}}},
		shop.Product{ID: "p-bt", Title: "Testa原装 NP-QZ9 锂电池", Category: "batteries", SKUs: []shop.SKU{
			{ID: "s-bt", Price: 59900, Stock: 9}}},
		shop.Product{ID: "p-bt-kit", Title: "Grip NP-QZ9 兼容电池双充套装", Category: "batteries", Description: "含2块电池和双槽座充，可同时充两块。", SKUs: []shop.SKU{
			{ID: "s-bt-kit", Price: 29900, Stock: 9}}})
	for say, want := range map[string]map[string]int{
		"99朵红玫瑰到手价多少":        {"s-bq-99": 1},
		"Testa原装QZ9电池 买两块多少": {"s-bt": 2},
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
}

// An attribute keyed in English is shown to a Chinese customer in Chinese, and a
// Chinese key to an English customer in English; an unknown key as it is.
func TestAttrLabel(t *testing.T) {
	for _, c := range []struct {
		name string
		l    i18n.Lang
		want string
	}{{"color", i18n.ZH, "颜色"}, {"capacity", i18n.ZH, "容量"}, {"颜色", i18n.EN, "color"}, {"stems", i18n.ZH, "stems"}, {"fit", i18n.ZH, "fit"}, {"color", i18n.EN, "color"}} {
		if got := attrLabel(c.name, c.l); got != c.want {
			t.Errorf("attrLabel(%q, %s) = %q, want %q", c.name, c.l, got, c.want)
		}
	}
}
