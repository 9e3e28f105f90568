package agent

import (
	"maps"
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A cart part that tells the item before it by its variant ("<A> <kind>, <value>
// version, plus <B>") is no new item, even where its words describe another
// product (the one sold as that value's kind); and a word one product carries only
// inside a tag of several words ("fast charging") does not name it: it describes.
// Before, the cart held four items for these two. Pinned on the shop where it
// failed by auto-b16-014.
func TestCartPartToldOnByVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-w3", Title: "稳测 GripTest W3 Qi2 15W 磁吸无线充电支架", Category: "mounts", Tags: []string{"手机支架", "无线充"}, SKUs: []shop.SKU{
			{ID: "s-t-w3-vent", Price: 27900, Stock: 9, Attributes: attrsOf("style", "出风口款")},
			{ID: "s-t-w3-suction", Price: 27900, Stock: 9, Attributes: attrsOf("style", "吸盘款")}}},
		shop.Product{ID: "p-t-s5", Title: "稳测 GripTest S5 吸盘长臂手机支架", Category: "mounts", SKUs: []shop.SKU{
			{ID: "s-t-s5", Price: 6900, Stock: 9, Attributes: attrsOf("color", "黑色")}}},
		shop.Product{ID: "p-t-volt", Title: "KooTest Volt 120W 4-Port Car Charger", Lang: "en", Category: "chargers", Tags: []string{"car charger", "fast charging"}, SKUs: []shop.SKU{
			{ID: "s-t-volt", Price: 19900, Stock: 9, Attributes: attrsOf("color", "space grey")}}},
		shop.Product{ID: "p-t-duo", Title: "迅测 VoltDuo 65W 双口车载快充", Category: "chargers", SKUs: []shop.SKU{
			{ID: "s-t-duo-blk", Price: 12900, Stock: 9, Attributes: attrsOf("color", "黑色")},
			{ID: "s-t-duo-wht", Price: 12900, Stock: 9, Attributes: attrsOf("color", "白色")}}})
	say := "W3 wireless charging mount, suction cup version, plus one VoltDuo 65W in black. total?"
	wantQuoted(t, f, say, map[string]int{"s-t-w3-suction": 1, "s-t-duo-blk": 1})
}

// "a pair of white <kind>s" in an English cart, where the shop sells two products
// of that kind under Chinese titles: the one sold in white among other colours,
// not the one whose every variant is the pair. Before, the part named nothing and
// the item was dropped. Pinned by bedding-015 and demo-yarn-b-006.
func TestEnglishKindPartPickedByVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-g-set", Title: "Nordtest Linen Duvet Cover Set", Lang: "en", Category: "sheets", SKUs: []shop.SKU{
			{ID: "s-g-set-q", Price: 109900, Stock: 9, Attributes: attrsOf("size", "Queen", "color", "Natural")},
			{ID: "s-g-set-k", Price: 129900, Stock: 9, Attributes: attrsOf("size", "King", "color", "Natural")}}},
		shop.Product{ID: "p-g-case", Title: "棉测 60支贡缎枕套（一对装）", Category: "sheets", SKUs: []shop.SKU{
			{ID: "s-g-case-white", Price: 7900, Stock: 9, Attributes: attrsOf("color", "月光白")},
			{ID: "s-g-case-blue", Price: 7900, Stock: 9, Attributes: attrsOf("color", "雾霾蓝")}}},
		shop.Product{ID: "p-g-mite", Title: "素测 防螨枕套（一对装）", Category: "protectors", SKUs: []shop.SKU{
			{ID: "s-g-mite", Price: 8900, Stock: 9, Attributes: attrsOf("spec", "一对装 48x74cm")}}})
	say := "Linen duvet set Queen in Natural plus a pair of white pillowcases — what do I pay?"
	wantQuoted(t, f, say, map[string]int{"s-g-set-q": 1, "s-g-case-white": 1})
}

// "到手" alone — what to do once a thing arrives — asks no price; "到手价" does.
// Pinned by kitchen-b-066, demo-yarn-b-042, demo-art-b-027.
func TestArrivedIsNoPriceCue(t *testing.T) {
	f := newFixture(t)
	for say, wantQuote := range map[string]bool{
		"新买的跑鞋到手要怎么处理才能穿": false,
		"疾风缓震跑鞋到手价多少":     true,
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := slices.Contains(calledTools(calls), tool.QuotePrice); got != wantQuote {
			t.Errorf("%q: quoted %v, want %v", say, got, wantQuote)
		}
	}
}

// One product's variants counted out one after another ("<name> 黑色40码1双 白色42码2双")
// are an item each with its own count; one count said of several values ("青色品红
// 各一瓶") is not split so. Before, the second variant's count went to the first.
// Pinned by demo-art-b-007 (and demo-stationery-b-017 kept).
func TestVariantsCountedOutInOneCart(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("dave", "疾风缓震跑鞋 黑色40码1双 白色42码2双 一共多少"))
	if got, want := quotedCart(t, calls), map[string]int{"s-run-1-40-black": 1, "s-run-1-42-white": 2}; !maps.Equal(got, want) {
		t.Errorf("quoted %v, want %v", got, want)
	}
}
