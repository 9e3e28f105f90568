package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A number standing apart after a brand's Latin word is named with it ("<Brand> 737");
// a number alone, or glued to a unit, is no name.
func TestNumberCompounds(t *testing.T) {
	for title, want := range map[string][]string{
		"Anker安克 737 充电宝 24000mAh 140W": {"anker737"},
		"Penfolds 奔富 Bin 389 赤霞珠":       {"bin389"},
		"小米 充电宝 10000mAh 22.5W":         nil,
		"拼图 1000片 风景":                   nil,
	} {
		if got := numberCompounds(title); !slices.Equal(got, want) {
			t.Errorf("numberCompounds(%q) = %v, want %v", title, got, want)
		}
	}
}

// A word the catalogue tags in one category only is that category's, though the
// built-in synonyms also list it for another category the shop has.
func TestShopTagOutweighsBuiltInSynonym(t *testing.T) {
	cat := &shop.Catalog{Currency: "CNY", Products: []shop.Product{
		{ID: "p-1", Title: "迅电 口袋充电宝 10000mAh", Category: "power-banks", Tags: []string{"充电宝"}, SKUs: []shop.SKU{{ID: "s-1", Price: 9900, Stock: 1}}},
		{ID: "p-2", Title: "迅电 大容量充电宝 20000mAh", Category: "power-banks", Tags: []string{"充电宝"}, SKUs: []shop.SKU{{ID: "s-2", Price: 12900, Stock: 1}}},
		{ID: "p-3", Title: "迅电 65W 氮化镓充电器", Category: "chargers", Tags: []string{"充电器"}, SKUs: []shop.SKU{{ID: "s-3", Price: 8900, Stock: 1}}},
	}}
	w := wordsFor(shop.NewSnapshot(cat, nil))
	for _, m := range w.categoryMentions("充电宝多少钱") {
		if m.cat != "power-banks" {
			t.Errorf("充电宝 names %s", m.cat)
		}
	}
}

// Of the products a question fits, those whose titles have most of its Chinese
// title words: "小米充电宝" is the 小米 充电宝, not the 小米 磁吸充电宝 nor another
// brand's 充电宝.
func TestByChineseTitleWords(t *testing.T) {
	mi := &shop.Product{ID: "mi", Title: "小米 充电宝 20000mAh 22.5W 移动电源"}
	mag := &shop.Product{ID: "mag", Title: "小米 磁吸充电宝 6000mAh 超薄"}
	other := &shop.Product{ID: "ak", Title: "Anker安克 737 充电宝 24000mAh"}
	if got := byChineseTitleWords("小米充电宝黑色多少钱", []*shop.Product{other, mag, mi}); len(got) != 1 || got[0] != mi {
		t.Errorf("got %v, want the 小米 充电宝", productIDs(got))
	}
	// In characters: "<六类网线>" says more than "<六类>" beside the same brand.
	cable := &shop.Product{ID: "cable", Title: "绿源 六类网线 CAT6 千兆"}
	plug := &shop.Product{ID: "plug", Title: "绿源 水晶头 RJ45 六类/超五类"}
	if got := byChineseTitleWords("绿源六类网线 蓝色5米的要两根", []*shop.Product{plug, cable}); len(got) != 1 || got[0] != cable {
		t.Errorf("got %v, want the cable", productIDs(got))
	}
	if got := byChineseTitleWords("充电宝多少钱", []*shop.Product{other, mi}); len(got) != 2 {
		t.Errorf("got %v, want both: neither says more", productIDs(got))
	}
}

// "买两块呢" counts two pieces; "两块钱" is money and "一块儿买" together.
func TestCountOfBlocks(t *testing.T) {
	none := func(string) bool { return false }
	for text, want := range map[string][]string{
		"买两块呢":     {"两"},
		"要3块 一共多少": {"3"},
		"两块钱的那个":   nil,
		"一块儿买多少钱":  nil,
		"买两块钱的":    nil,
	} {
		if got := countsIn(text, none); !slices.Equal(got, want) {
			t.Errorf("countsIn(%q) = %v, want %v", text, got, want)
		}
	}
}

// A pack named as a style ("单只" of 单只装) is named by its stem, and dropped by it
// when a follow-up names the other pack; "两只" is a count, not the 两只装 pack.
func TestPackStyleStem(t *testing.T) {
	for part, want := range map[string]string{"单只装": "单只", "两只装": "", "客厅款": "客厅", "装": ""} {
		if got := styleStem(part); got != want {
			t.Errorf("styleStem(%q) = %q, want %q", part, got, want)
		}
	}
	p := &shop.Product{ID: "r", Title: "迅网 BT8 路由器", SKUs: []shop.SKU{
		{ID: "r1", Attributes: attrsOf("spec", "单只装")}, {ID: "r2", Attributes: attrsOf("spec", "两只装")}}}
	if got := overrideValues("BT8单只多少钱", "两只装呢", []*shop.Product{p}); strings.Contains(got, "单只") {
		t.Errorf("the single pack kept: %q", got)
	}
}

// "<values>我买的话呢" after a price asks that price for those values: "我买的" of a
// purchase to come is no order question of its own.
func TestHypotheticalFollowUpKeepsThePrice(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-hy-set", Title: "锦绣记 明制袄裙「海桐」两件套", Category: "hanfu", SKUs: []shop.SKU{
		{ID: "s-hy-s", Price: 59800, Stock: 5, Attributes: attrsOf("size", "S", "color", "鹅黄")},
		{ID: "s-hy-m", Price: 59800, Stock: 5, Attributes: attrsOf("size", "M", "color", "海桐红")}}})
	first := "海桐袄裙多少钱"
	r0, _ := f.plan(t, turn("dave", first))
	tr := turn("dave", "鹅黄S码我买的话呢")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	if cart := quotedCart(t, calls); cart["s-hy-s"] != 1 {
		t.Errorf("quoted %v, want the 鹅黄 S", cart)
	}
}

// "and if I buy two?" counts two of what was talked about; a model's number after
// a name ("the <Name> 2?") is no count.
func TestCountEndingAClause(t *testing.T) {
	none := func(string) bool { return false }
	for text, want := range map[string][]string{
		"and if I buy two?":          {"two"},
		"ok I'll take 3.":            {"3"},
		"price of the Storma 2?":     nil,
		"can I get the Storma 2 now": nil,
	} {
		if got := englishCounts(text, none, none); !slices.Equal(got, want) {
			t.Errorf("englishCounts(%q) = %v, want %v", text, got, want)
		}
	}
	// "<Name> 7 specs?": the 7 of a title's "<Name> 7" is no count of specs.
	names := func(w string) bool { return w == "mono" || w == "7" || w == "tees" }
	for text, want := range map[string][]string{
		"mono 7 specs? how much?": nil,
		"buy 7 black tees":        {"7"},
	} {
		if got := englishCounts(text, names, none); !slices.Equal(got, want) {
			t.Errorf("englishCounts(%q) with names = %v, want %v", text, got, want)
		}
	}
}
