package agent

import (
	"maps"
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A name another product's description writes, capitalised ("works with the <Name>
// earphones"), stays the name of the product whose title carries it: before, the
// mention made the word one two products carry, and "<Name> 3.5mm" named instead
// the one product tagged "3.5mm". A common word a description writes ("black")
// still counts. Pinned by demo-audio-b-012, demo-gaming-b-017,
// demo-stationery-b-020.
func TestNameMentionedInAnotherDescription(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-n-aria", Title: "Silvertest Aria 动圈入耳式 HiFi 耳机", Category: "iems", SKUs: []shop.SKU{
			{ID: "s-n-aria-35", Price: 39900, Stock: 9, Attributes: attrsOf("plug", "3.5mm")},
			{ID: "s-n-aria-44", Price: 41900, Stock: 9, Attributes: attrsOf("plug", "4.4mm")}}},
		shop.Product{ID: "p-n-tide", Title: "山测 Tide Mini 小尾巴解码", Category: "dacs", Tags: []string{"小尾巴", "3.5mm"}, SKUs: []shop.SKU{
			{ID: "s-n-tide", Price: 19900, Stock: 9, Attributes: attrsOf("color", "灰色")}}},
		shop.Product{ID: "p-n-cable", Title: "Coppertest 0.78mm 2pin 耳机升级线", Category: "cables", Description: "0.78mm 2pin 接口，适配 Silvertest Aria 等耳机。", SKUs: []shop.SKU{
			{ID: "s-n-cable", Price: 12900, Stock: 9, Attributes: attrsOf("plug", "3.5mm")}}})
	say := "Aria 3.5mm 多少钱"
	wantQuoted(t, f, say, map[string]int{"s-n-aria-35": 1})
}

// A series' name a title quotes ("<品牌>「<series>」<kind>") names that product even
// where another product sells a variant called by it and says it in its
// description (a teapot glazed <series>); with the other's kind said, it is the
// other. Before, the name named nothing and the price question got a product card.
// Pinned by demo-tableware-b-002, -004, -020.
func TestQuotedSeriesNameBesideAVariantOfIt(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-q-set", Title: "瓷测「金缘」描金骨瓷餐具套装 手工描金边", Category: "sets", SKUs: []shop.SKU{
			{ID: "s-q-set-28", Price: 129900, Stock: 9, Attributes: attrsOf("spec", "28头(6人份)")},
			{ID: "s-q-set-56", Price: 219900, Stock: 9, Attributes: attrsOf("spec", "56头(10人份)")}}},
		shop.Product{ID: "p-q-pot", Title: "瓷测 骨瓷英式下午茶壶 1000ml", Category: "teapots", Description: "颜色：月白（可微波）；金缘（描金边，请手洗）。", SKUs: []shop.SKU{
			{ID: "s-q-pot-white", Price: 29800, Stock: 9, Attributes: attrsOf("color", "月白")},
			{ID: "s-q-pot-gold", Price: 32800, Stock: 9, Attributes: attrsOf("color", "金缘")}}})
	for say, want := range map[string]map[string]int{
		"金缘56头多少钱": {"s-q-set-56": 1},
		"金缘茶壶多少钱":  {"s-q-pot-gold": 1},
	} {
		wantQuoted(t, f, say, want)
	}
}

// A model name that is a number and a word ("990 PRO", "5070 Ti") names its
// product written either way ("990 pro", "990pro"); a number and a unit ("28cm")
// is a measure, no name. Before, the number alone named nothing and the price
// question got the product's card. Pinned by demo-pcparts-b-005, -006, -034, -103.
func TestNumberAndWordModelName(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-m-ssd", Title: "三测 Samtest 990 PRO NVMe M.2 固态硬盘 PCIe 4.0", Category: "ssd", SKUs: []shop.SKU{
			{ID: "s-m-1t", Price: 89900, Stock: 9, Attributes: attrsOf("容量", "1TB")},
			{ID: "s-m-2t", Price: 159900, Stock: 9, Attributes: attrsOf("容量", "2TB")}}},
		shop.Product{ID: "p-m-ssd2", Title: "三测 Samtest 980 PRO NVMe M.2 固态硬盘 PCIe 4.0", Category: "ssd", SKUs: []shop.SKU{
			{ID: "s-m2-1t", Price: 69900, Stock: 9, Attributes: attrsOf("容量", "1TB")},
			{ID: "s-m2-2t", Price: 129900, Stock: 9, Attributes: attrsOf("容量", "2TB")}}},
		shop.Product{ID: "p-m-pan", Title: "钢测 SteelTest 三层钢煎锅 28cm", Category: "pans", SKUs: []shop.SKU{
			{ID: "s-m-pan", Price: 39900, Stock: 9, Attributes: attrsOf("size", "28cm")}}})
	_, calls := f.plan(t, turn("dave", "990 pro 2tb price?"))
	if got, want := quotedCart(t, calls), map[string]int{"s-m-2t": 1}; !maps.Equal(got, want) {
		t.Errorf("quoted %v, want %v", got, want)
	}
	if c := compounds("28cm加一个24cm"); slices.Contains(c, "28cm") || slices.Contains(c, "24cm") {
		t.Errorf("measures taken for model names: %v", c)
	}
}
