package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A figure glued to a model's letters ("mono14 max") is a model, not a budget of 14.
func TestBudgetNotInAModelName(t *testing.T) {
	f := newFixture(t)
	for say, want := range map[string]bool{
		"mono14 max的平台能塞进去吗":     false,
		"x200 max的电池多大":          false,
		"200 max, any good one?": true,
		"200元以内的有吗":              true,
	} {
		s := startSession(t.Context(), f.deps, turn("dave", say))
		if _, _, ok := s.budget(); ok != want {
			t.Errorf("%q: budget read %v, want %v", say, ok, want)
		}
	}
}

// A budget and a kind of product, beside a word that is another product's tag
// (an audience word), ask for the products of that kind within the budget; when
// the search's categories for the other words hold nothing titled that kind, the
// products titled it are the candidates.
func TestBudgetForAKindBesideAnotherProductsTag(t *testing.T) {
	f := newAssetFixture(t, "demo-racket")
	const kind = "羽毛球拍"
	q := "女生零基础 想买个" + kind + " 两百块左右"
	r, _ := f.plan(t, turn("dave", q))
	lines := strings.Split(r.Text, "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], kind) {
		t.Fatalf("%q: the first pick is not a %s: %q", q, kind, r.Text)
	}
	s := startSession(t.Context(), f.deps, turn("dave", q))
	for _, p := range s.recommendCandidates() {
		if !titleKind(p.Title, kind, true) && hasScript(p.Title, true) {
			t.Errorf("%q: candidate %s is titled another kind", q, p.ID)
		}
	}
}

// A one-product category's tag that another category's title says ("<feature>" of
// the one folding cart and a "<feature>式<kind>") names no category; a tag of a
// category of several products stays one though another title says it.
func TestCategoryTagsInOtherTitles(t *testing.T) {
	snap := &shop.Snapshot{Catalog: &shop.Catalog{Products: []shop.Product{
		{ID: "cart", Title: "<Brand> 三轮推车", Category: "carts", Tags: []string{"推车", "折叠"}},
		{ID: "net", Title: "<Brand> 折叠式练习网", Category: "aids", Tags: []string{"练习网"}},
		{ID: "paint1", Title: "<Brand> 颜料 A", Category: "paints", Tags: []string{"丙烯"}},
		{ID: "paint2", Title: "<Brand> 颜料 B", Category: "paints", Tags: []string{"丙烯"}},
		{ID: "brush", Title: "<Brand> 丙烯画笔", Category: "brushes", Tags: []string{"画笔"}},
	}}}
	tags := readTagStats(snap).categoryTags(snap.Catalog.Products)
	if c, ok := tags["折叠"]; ok {
		t.Errorf("the one cart's feature tag names category %s", c)
	}
	if tags["推车"] != "carts" || tags["丙烯"] != "paints" {
		t.Errorf("category words lost: %v", tags)
	}
}

// A line's name set off in quotes in its titles names the line though five
// products share it and another product is sold in a glaze of that name; the
// glaze then picks nothing among them.
func TestQuotedLineName(t *testing.T) {
	sku := func(attrs ...string) []shop.SKU {
		return []shop.SKU{{ID: "s", Price: 100, Stock: 1, Attributes: attrsOf(attrs...)}}
	}
	ps := []shop.Product{
		{ID: "set", Title: "<品牌>「青岚」骨瓷套装", Category: "sets", SKUs: sku("spec", "16头")},
		{ID: "plate", Title: "<品牌>「青岚」骨瓷平盘", Category: "plates", SKUs: sku("size", "8寸")},
		{ID: "bowl", Title: "<品牌>「青岚」骨瓷碗", Category: "bowls", SKUs: sku("size", "5寸")},
		{ID: "pot", Title: "<品牌>「青岚」骨瓷汤锅", Category: "pots", SKUs: sku("capacity", "2.5L")},
		{ID: "cup", Title: "<品牌>「青岚」骨瓷杯", Category: "cups", SKUs: sku("capacity", "300ml")},
		{ID: "teapot", Title: "<品牌> 骨瓷茶壶", Category: "teapots", SKUs: sku("color", "青岚")},
	}
	lines := lineParts(ps, map[string]bool{}, map[string]bool{"青岚": true})
	if got := len(lines["青岚"]); got != 5 {
		t.Errorf("the quoted line names %d products, want 5", got)
	}
}

// A model written with a hyphen ("<X>-1") names the main product, not its add-on
// of an accessories category ("<Brand> <X>-1 原厂<part>"), in a list as alone.
func TestHyphenModelAddOnBesideMain(t *testing.T) {
	f := newAssetFixture(t, "demo-moto")
	s := startSession(t.Context(), f.deps, turn("dave", "RS-7和Z-1哪个更轻"))
	for _, p := range s.namedProducts(s.text) {
		if isAddOnProduct(p) && strings.Contains(p.Title, "Z-1") {
			t.Errorf("the add-on %s named beside its main product", p.ID)
		}
	}
}

// The clause of the variant named by a word ("大果" of 中果/大果) answers, not the
// clause of another word's variant that shares a figure named ("5斤装中果…").
func TestVariantClauseByWordValue(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-vc-fruit", Title: "<园> 测试芒 当季", Category: "fruit",
		Description: "青果发货，常温放置2-4天。5斤装中果（单果150-250g）约10-14个，大果（单果250-350g）约7-9个；3斤装中果约6-8个。",
		SKUs: []shop.SKU{
			{ID: "s-vc-m5", Price: 3990, Stock: 9, Attributes: attrsOf("grade", "中果 150-250g", "weight", "5斤")},
			{ID: "s-vc-l5", Price: 4990, Stock: 9, Attributes: attrsOf("grade", "大果 250-350g", "weight", "5斤")},
			{ID: "s-vc-m3", Price: 2590, Stock: 9, Attributes: attrsOf("grade", "中果 150-250g", "weight", "3斤")}}})
	r, _ := f.plan(t, turn("dave", "测试芒5斤大果大概几个"))
	if !strings.Contains(r.Text, "7-9") || strings.Contains(r.Text, "10-14") {
		t.Errorf("not the named grade's clause: %q", r.Text)
	}
}

// A range named without its unit ("80-85的" of 80-85mm) names the variant, and a
// figure every clause shares ("/5斤") names none; a sentence that goes through the
// variants one by one answers a question its words do not echo ("一只多大"), when
// its clause states a figure of its own.
func TestVariantClauseByRangeAndListing(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-vc-apple", Title: "<园> 测试果 脆甜", Category: "fruit",
		Description: "冷库果。果径75-80mm约14-16个/5斤，80-85mm约11-13个/5斤，85-90mm约8-10个/5斤。不打蜡。",
		SKUs: []shop.SKU{
			{ID: "s-vc-a75", Price: 2990, Stock: 9, Attributes: attrsOf("diameter", "75-80mm", "weight", "5斤")},
			{ID: "s-vc-a80", Price: 3990, Stock: 9, Attributes: attrsOf("diameter", "80-85mm", "weight", "5斤")},
			{ID: "s-vc-a85", Price: 4990, Stock: 9, Attributes: attrsOf("diameter", "85-90mm", "weight", "5斤")}}},
		shop.Product{ID: "p-vc-shell", Title: "<岛> 测试贝 鲜活", Category: "seafood",
			Description: "鲜活发货。“头”指每斤几只：6-7头/斤即单只约70-80g，8-10头/斤即单只约50-60g，4-5头/斤即单只约100-125g。不清洗。",
			SKUs: []shop.SKU{
				{ID: "s-vc-s6", Price: 12900, Stock: 9, Attributes: attrsOf("grade", "6-7头/斤", "count", "10只")},
				{ID: "s-vc-s8", Price: 8900, Stock: 9, Attributes: attrsOf("grade", "8-10头/斤", "count", "10只")},
				{ID: "s-vc-s4", Price: 16900, Stock: 9, Attributes: attrsOf("grade", "4-5头/斤", "count", "10只")}}})
	for _, tc := range []struct{ q, want, not string }{
		{"测试果80-85的5斤有几个", "11-13", "14-16"},
		{"测试贝8-10头的一只多大", "50-60", "70-80"},
	} {
		r, _ := f.plan(t, turn("dave", tc.q))
		if !strings.Contains(r.Text, tc.want) || strings.Contains(r.Text, tc.not) {
			t.Errorf("%s: not the named variant's clause: %q", tc.q, r.Text)
		}
	}
}

// A model a device shares with a dozen accessories titled for it names the one sold
// in the value named ("<Model> 标准版多少钱": the device's standard kit).
func TestModelOfManyWithAValue(t *testing.T) {
	f := newAssetFixture(t, "demo-drone")
	s := startSession(t.Context(), f.deps, turn("dave", "Mini 4 Pro 标准版多少钱"))
	if ps := s.productsAsked(); len(ps) != 1 || ps[0].Category != "drones" {
		t.Errorf("asked %v, want the one drone", productIDs(ps))
	}
}

// A model written with a space before its number ("mini 4 pro"), shared by a
// device and the batteries, propellers, filters and plans titled for it, with no
// value named, is the device: the one that costs several times any of the others.
func TestModelOfManyIsTheDevice(t *testing.T) {
	f := newAssetFixture(t, "demo-drone")
	s := startSession(t.Context(), f.deps, turn("dave", "mini 4 pro 下小雨能飞吗 防水不"))
	if ps := s.productsAsked(); len(ps) != 1 || ps[0].Category != "drones" {
		t.Errorf("asked %v, want the one drone", productIDs(ps))
	}
	dev := &shop.Product{ID: "dev", SKUs: []shop.SKU{{Price: 478800}, {Price: 578800}}}
	bat := &shop.Product{ID: "bat", SKUs: []shop.SKU{{Price: 59900}, {Price: 114900}}}
	if d := dearestByFar([]*shop.Product{bat, dev}); d != dev {
		t.Errorf("dearestByFar = %v, want the device", d)
	}
	bat.SKUs[1].Price = 199900 // no longer a fraction of it
	if d := dearestByFar([]*shop.Product{bat, dev}); d != nil {
		t.Errorf("dearestByFar = %v, want none", d.ID)
	}
}

// A value after a price of a product found by its model ("<Model> 标准版多少钱" →
// "带屏的呢", 带屏 also a word of a remote's title) asks that price of the other
// variant: the earlier question was answered, so it is continued, not answered.
func TestValueAfterAQuoteOfAModel(t *testing.T) {
	f := newAssetFixture(t, "demo-drone")
	r0, _ := f.plan(t, turn("dave", "Mini 4 Pro 标准版多少钱"))
	tr := turn("dave", "带屏的呢")
	tr.History = []Message{{FromCustomer: true, Text: "Mini 4 Pro 标准版多少钱"}, {Text: r0.Text}}
	r, calls := f.plan(t, tr)
	if !slices.Contains(calledTools(calls), tool.QuotePrice) || !strings.Contains(r.Text, "带屏版") || strings.Contains(r.Text, "标准版）") {
		t.Errorf("带屏的呢: want the drone's 带屏版 priced, got %q", r.Text)
	}
}

// Stock answers about the variant asked of the product meant (each pinned by a blind
// set's question), whatever found the product:
//   - "<kind>还有吗" where every product titled the kind is sold out is about them,
//     not a list of other things in stock;
//   - a value only one product is sold in, beside a kind its title ends otherwise
//     ("<colour>那个<kind>还有吗"), is that product's variant;
//   - "do you have the <value> <kind>?" of a product the search found, not named by
//     its title, asks after that variant;
//   - "<line><value>有现货吗": the line's product sold in that value, not the product
//     sold in a glaze named as the line.
func TestStockOfTheVariantMeant(t *testing.T) {
	for _, tc := range []struct {
		shop, q string
		want    []string
	}{
		{"demo-golf", "折叠练习网还有吗", []string{"练习网", "缺货"}},
		{"demo-boardgame", "冰川蓝那个骰子还有吗", []string{"星云树脂骰", "缺货"}},
		{"demo-baking", "do you have the matcha compound chocolate?", []string{"抹茶", "out of stock"}},
		{"demo-tableware", "月白56头有现货吗", []string{"餐具套装", "缺货"}},
	} {
		r, _ := newAssetFixture(t, tc.shop).plan(t, turn("dave", tc.q))
		for _, w := range tc.want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("%s %q: no %q in %q", tc.shop, tc.q, w, r.Text)
			}
		}
	}
}
