package agent

import (
	"maps"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "<A>280 加 <B>170 多少钱": two products joined by 加 with no count are bought
// together — one cart of both, each in the value its side names.
func TestCartJoinedWithoutACount(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-bt", Title: "KTOPX 黑带 缎面刺绣款 段位带", Category: "belts", SKUs: []shop.SKU{
			{ID: "s-bt-260", Price: 11800, Stock: 9, Attributes: attrsOf("length", "260cm")},
			{ID: "s-bt-280", Price: 12800, Stock: 9, Attributes: attrsOf("length", "280cm")}}},
		shop.Product{ID: "p-gi", Title: "KTOPX Elite 段位道服 黑领", Category: "uniforms", SKUs: []shop.SKU{
			{ID: "s-gi-160", Price: 45900, Stock: 9, Attributes: attrsOf("size", "160")},
			{ID: "s-gi-170", Price: 45900, Stock: 9, Attributes: attrsOf("size", "170")}}})
	_, calls := f.plan(t, turn("dave", "KTOPX黑带280 加 Elite道服170 多少钱"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-bt-280": 1, "s-gi-170": 1}) {
		t.Errorf("<A>280 加 <B>170: quoted %v, want one cart of both", got)
	}
}

// "<A> 150 + the <B> 280cm" joins two items though a figure stands before the
// plus ("12+256" within a figure joins none); English names the catalogue's
// Chinese kinds through the glossary ("gi" 道服, "kick targets" 脚靶).
func TestPlusAfterAFigureJoins(t *testing.T) {
	for text, want := range map[string]bool{"karate gi 150 + the black belt 280cm": true, "12+256GB": false, "12 + 256GB": false, "A+B": true} {
		if got := plusJoin.MatchString(text); got != want {
			t.Errorf("plusJoin(%q) = %v, want %v", text, got, want)
		}
	}
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-gi", Title: "拳心 入门款 空手道服 8oz", Category: "uniforms", SKUs: []shop.SKU{
			{ID: "s-gi-150", Price: 13900, Stock: 9, Attributes: attrsOf("size", "150")},
			{ID: "s-gi-160", Price: 13900, Stock: 9, Attributes: attrsOf("size", "160")}}},
		shop.Product{ID: "p-bt", Title: "拳心 空手道段带 黑色", Category: "belts", SKUs: []shop.SKU{
			{ID: "s-bt-280", Price: 8900, Stock: 9, Attributes: attrsOf("length", "280cm")}}},
		shop.Product{ID: "p-tg", Title: "鼎胜 双片脚靶 加厚PU", Category: "training", SKUs: []shop.SKU{
			{ID: "s-tg", Price: 4900, Stock: 9}}})
	for say, want := range map[string]map[string]int{
		"karate starter gi 150 + the karate black belt 280cm, how much all in?": {"s-gi-150": 1, "s-bt-280": 1},
		"the karate belt 280cm and two kick targets, total?":                    {"s-bt-280": 1, "s-tg": 2},
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
}

// "<brand> helmet blue XL in stock?" asks the stock of the one product the words
// come to (the glossary reads "helmet" as the catalogue's 护头), in the variant
// named — not which products there are (on the demo-martial shop, whose brand
// titles a range).
func TestStockOfOneVariantInEnglish(t *testing.T) {
	f := newAssetFixture(t, "demo-martial")
	r, _ := f.plan(t, turn("guest", "kicktop helmet blue XL in stock?"))
	if !strings.Contains(r.Text, "竞技护头") || strings.Contains(r.Text, "跆拳道鞋") || !strings.Contains(r.Text, "out of stock") {
		t.Errorf("helmet blue XL in stock?: %q, want the helmet's blue XL out of stock, and no other product", r.Text)
	}
}
