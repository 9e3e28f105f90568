package agent

import (
	"maps"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A product line: a word a few titles of several kinds share after the brand
// ("<brand> <line> <Latin> 浓香水 / 香氛蜡烛 / 旅行装"). The line's word names them
// together, and the variant named picks one ("<line>那款30ml" is the perfume sold in
// 30ml); a kind none of them is ("<line>的小样") is the sample of that scent. Two
// titles of one kind sharing a word share a kind, not a line ("<brandA> 燃气热水器",
// "<brandB> 燃气热水器"), and the brand's own word names no line.
func TestProductLineNamesItsProducts(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-l-edp", Title: "Maison Test 晨星 Etoile 浓香水 EDP", Brand: "Maison Test", Category: "edp", SKUs: []shop.SKU{
			{ID: "s-l-edp-30", Price: 69000, Stock: 9, Attributes: attrsOf("capacity", "30ml")},
			{ID: "s-l-edp-50", Price: 98000, Stock: 0, Attributes: attrsOf("capacity", "50ml")},
			{ID: "s-l-edp-100", Price: 145000, Stock: 9, Attributes: attrsOf("capacity", "100ml")}}},
		shop.Product{ID: "p-l-candle", Title: "Maison Test 晨星 Etoile 香氛蜡烛 190g", Brand: "Maison Test", Category: "candles", SKUs: []shop.SKU{
			{ID: "s-l-candle", Price: 42000, Stock: 9, Attributes: attrsOf("weight", "190g")}}},
		shop.Product{ID: "p-l-travel", Title: "Maison Test 晨星 Etoile 旅行装 10ml", Brand: "Maison Test", Category: "travel", SKUs: []shop.SKU{
			{ID: "s-l-travel-1", Price: 12800, Stock: 9, Attributes: attrsOf("spec", "10ml 单支装")},
			{ID: "s-l-travel-3", Price: 33000, Stock: 9, Attributes: attrsOf("spec", "10ml×3 补充装")}}},
		shop.Product{ID: "p-l-vial", Title: "试香小样 1.5ml 单支（可选香型）", Category: "samples", Tags: []string{"小样"}, Description: "香型可选：Etoile、Jardin。", SKUs: []shop.SKU{
			{ID: "s-l-vial-e", Price: 2900, Stock: 9, Attributes: attrsOf("scent", "Etoile")},
			{ID: "s-l-vial-j", Price: 2900, Stock: 9, Attributes: attrsOf("scent", "Jardin")}}},
		shop.Product{ID: "p-l-h1", Title: "远川 燃气热水器 16升", Category: "heaters", SKUs: []shop.SKU{
			{ID: "s-l-h1", Price: 429900, Stock: 9}}},
		shop.Product{ID: "p-l-h2", Title: "近水 燃气热水器 13升", Category: "heaters", SKUs: []shop.SKU{
			{ID: "s-l-h2", Price: 169900, Stock: 9}}})
	w := wordsFor(f.deps.snapshot())
	named := func(text string) []string {
		var ids []string
		for _, h := range w.titles.in(foldName(text)) {
			ids = append(ids, h.prod.ID)
		}
		return ids
	}
	if got := named("晨星"); len(got) != 3 {
		t.Errorf("晨星 names %v, want the line's three products", got)
	}
	if got := named("燃气热水器"); len(got) > 0 {
		t.Errorf("燃气热水器 (two titles' kind) names %v, want no line", got)
	}
	for _, c := range []struct {
		say  string
		want map[string]int
	}{
		{"晨星那款30ml现在多少钱", map[string]int{"s-l-edp-30": 1}},
		{"晨星100ml 要两瓶 多少钱", map[string]int{"s-l-edp-100": 2}},
	} {
		_, calls := f.plan(t, turn("dave", c.say))
		if got := quotedCart(t, calls); !maps.Equal(got, c.want) {
			t.Errorf("%q: quoted %v, want %v", c.say, got, c.want)
		}
	}
	// The stock of the line's variant is that product's alone.
	r, _ := f.plan(t, turn("dave", "晨星50ml有货吗"))
	if !strings.Contains(r.Text, "缺货") || strings.Contains(r.Text, "香氛蜡烛") || strings.Contains(r.Text, "旅行装") {
		t.Errorf("晨星50ml有货吗: %q, want the perfume's 50ml out of stock, and no other product of the line", r.Text)
	}
	// A kind none of the line is: the sample, not the line.
	s := startSession(t.Context(), f.deps, turn("dave", "晨星的小样有吗"))
	for _, p := range s.namedProducts(s.text) {
		if p.ID != "p-l-vial" {
			t.Errorf("晨星的小样: named %s, want only the sample (or none)", p.ID)
		}
	}
}

// A game asked for by its name alone is the game, not its expansion or its box
// ("<game>中文版现在到手多少" when the search likes the expansion's shorter title
// better); asked for as an add-on ("<game>扩展"), it is the add-on.
func TestMainProductBeforeItsAddOns(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-m-game", Title: "港湾之主 Harbor Test 经济策略桌游", Brand: "Northtest", Category: "games",
			Description: "2-4人，60-90分钟，12岁以上。", SKUs: []shop.SKU{
				{ID: "s-m-game-zh", Price: 39800, Stock: 9, Attributes: attrsOf("language", "中文版")},
				{ID: "s-m-game-en", Price: 42800, Stock: 9, Attributes: attrsOf("language", "英文版")}}},
		shop.Product{ID: "p-m-exp", Title: "港湾之主 扩展：北海贸易 North Sea", Brand: "Northtest", Category: "expansions",
			Description: "需要港湾之主基础版才能游玩。", SKUs: []shop.SKU{
				{ID: "s-m-exp-zh", Price: 17800, Stock: 9, Attributes: attrsOf("language", "中文版")},
				{ID: "s-m-exp-en", Price: 18800, Stock: 9, Attributes: attrsOf("language", "英文版")}}},
		shop.Product{ID: "p-m-box", Title: "港湾之主 专用椴木收纳盒", Category: "accessories",
			Description: "港湾之主基础版加扩展都能放下。", SKUs: []shop.SKU{{ID: "s-m-box", Price: 16800, Stock: 9}}})
	for _, c := range []struct {
		say  string
		want map[string]int
	}{
		{"港湾之主中文版现在到手多少？", map[string]int{"s-m-game-zh": 1}},
		{"港湾之主扩展 中文版多少钱", map[string]int{"s-m-exp-zh": 1}},
	} {
		_, calls := f.plan(t, turn("dave", c.say))
		if got := quotedCart(t, calls); !maps.Equal(got, c.want) {
			t.Errorf("%q: quoted %v, want %v", c.say, got, c.want)
		}
	}
}

// A brand named with a kind two brands make is that brand's product, even when the
// other's sells the variant in the customer's exact words ("24色" beside "24色半块").
func TestBrandNamedPicksItsProduct(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-b-art", Title: "Auretest 艺术家级固体水彩 金属盒装", Brand: "Auretest", Category: "watercolor",
			Description: "艺术家级固体水彩，阿拉伯树胶调制。", SKUs: []shop.SKU{
				{ID: "s-b-art-12", Price: 39800, Stock: 9, Attributes: attrsOf("spec", "12色半块")},
				{ID: "s-b-art-24", Price: 69800, Stock: 9, Attributes: attrsOf("spec", "24色半块")}}},
		shop.Product{ID: "p-b-stu", Title: "墨青 学生级固体水彩 便携装", Brand: "墨青", Category: "watercolor",
			Description: "学生级固体水彩，塑料盒。", SKUs: []shop.SKU{
				{ID: "s-b-stu-12", Price: 6900, Stock: 9, Attributes: attrsOf("spec", "12色")},
				{ID: "s-b-stu-24", Price: 11900, Stock: 9, Attributes: attrsOf("spec", "24色")}}})
	_, calls := f.plan(t, turn("dave", "Auretest那个24色固体水彩现在到手多少"))
	quoted := map[string]bool{}
	for _, args := range toolArgs(t, calls, tool.QuotePrice) {
		for _, it := range args["items"].([]any) {
			quoted[it.(map[string]any)["sku_id"].(string)] = true
		}
	}
	if !quoted["s-b-art-24"] || quoted["s-b-stu-24"] || quoted["s-b-stu-12"] {
		t.Errorf("quoted %v, want Auretest's 24 half pans and none of the other brand", quoted)
	}
	// The pick itself (on the art shop's data the other brand's product came first
	// as the one selling "24色": demo-art-b-001).
	snap := f.deps.Shop.Snapshot()
	art, stu := snap.Product("p-b-art"), snap.Product("p-b-stu")
	low := "auretest那个24色固体水彩现在到手多少"
	brand := brandNamedOf([]*shop.Product{stu, art}, low)
	if brand != "auretest" {
		t.Fatalf("brand named %q, want auretest", brand)
	}
	if got := ofBrand([]*shop.Product{stu}, []*shop.Product{stu, art}, brand); len(got) != 1 || got[0] != art {
		t.Errorf("ofBrand = %v, want the named brand's product", got)
	}
}
