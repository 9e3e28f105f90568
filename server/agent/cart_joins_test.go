package agent

import (
	"maps"
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
