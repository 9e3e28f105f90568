package agent

import (
	"maps"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "<kind>女款L码" is the title marked 女, not the one marked 男; asked for neither
// or both sexes, both stay.
func TestTitleMarkedForTheSexAsked(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-th-m", Title: "暖町 德绒保暖内衣套装 男 圆领", Category: "thermal", SKUs: []shop.SKU{
			{ID: "s-th-m-l", Price: 21900, Stock: 9, Attributes: attrsOf("size", "L", "color", "黑色")}}},
		shop.Product{ID: "p-th-w", Title: "暖町 德绒保暖内衣套装 女 圆领", Category: "thermal", SKUs: []shop.SKU{
			{ID: "s-th-w-l", Price: 19900, Stock: 9, Attributes: attrsOf("size", "L", "color", "黑色")}}})
	for say, want := range map[string]map[string]int{
		"德绒保暖内衣女款L码黑色一套多少钱": {"s-th-w-l": 1},
		"德绒保暖内衣男士L码黑色多少钱":   {"s-th-m-l": 1},
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
	ps := []*shop.Product{f.deps.snapshot().Product("p-th-m"), f.deps.snapshot().Product("p-th-w")}
	if got := bySex(ps, "德绒保暖内衣 男款一套 女款一套"); len(got) != 2 {
		t.Errorf("both sexes asked: kept %d, want both", len(got))
	}
}

// "<name> 男款XL一套 女款M一套 一起多少": each part counts out its own variant of
// the one product — two items, not every value crossed with every other.
func TestCartCountsOutVariantsOfOneProduct(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-pj", Title: "眠月 莫代尔短袖情侣睡衣", Category: "pajamas", SKUs: []shop.SKU{
			{ID: "s-pj-m-xl", Price: 18900, Stock: 9, Attributes: attrsOf("style", "男款", "size", "XL", "color", "燕麦色")},
			{ID: "s-pj-m-m", Price: 18900, Stock: 9, Attributes: attrsOf("style", "男款", "size", "M", "color", "燕麦色")},
			{ID: "s-pj-w-xl", Price: 18900, Stock: 9, Attributes: attrsOf("style", "女款", "size", "XL", "color", "燕麦色")},
			{ID: "s-pj-w-m", Price: 18900, Stock: 9, Attributes: attrsOf("style", "女款", "size", "M", "color", "燕麦色")}}})
	_, calls := f.plan(t, turn("dave", "情侣睡衣 男款XL一套 女款M一套 一起多少"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-pj-m-xl": 1, "s-pj-w-m": 1}) {
		t.Errorf("男款XL一套 女款M一套: quoted %v, want the two counted out", got)
	}
}
