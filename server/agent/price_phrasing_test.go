package agent

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A price asked in more ways is quoted; a purchase to come ("我下单的话", "if I
// order") is not one of the customer's orders, even when they bought that product
// before.
func TestPriceAskedInMoreWordsAndPurchasesToCome(t *testing.T) {
	f := newFixture(t)
	for _, msg := range []string{
		"恒温电热水壶 我现在下单的话最后付多少",
		"the smart kettle, what do I end up paying?",
		"smart kettle - what would I actually pay?",
		"疾风缓震跑鞋39码白色 我买的话到手多少",
	} {
		_, calls := f.plan(t, turn("alice", msg))
		tools := calledTools(calls)
		if !slices.Contains(tools, tool.QuotePrice) || slices.Contains(tools, tool.GetOrder) || slices.Contains(tools, tool.ListOrders) {
			t.Errorf("%q: tools %v, want a quote and no order", msg, tools)
		}
	}
	// The same product named as bought is the order.
	if _, calls := f.plan(t, turn("alice", "我买的疾风缓震跑鞋到哪了")); !slices.Contains(calledTools(calls), tool.GetOrder) {
		t.Errorf("an order named by what was bought: tools %v", calledTools(calls))
	}
}

// "是不是降价了" then "黑色的 我买多少": the second message asks a price of its own;
// the drop asked before is not asked again.
func TestPriceAfterADropQuestionIsAQuote(t *testing.T) {
	f := newFixture(t)
	_, calls := askAfter(t, f, "alice", "疾风缓震跑鞋是不是降价了", "黑色的 我买多少")
	tools := calledTools(calls)
	if !slices.Contains(tools, tool.QuotePrice) || slices.Contains(tools, tool.CheckPriceProtection) {
		t.Errorf("tools %v, want a quote and no price protection", tools)
	}
}

// "A 加一件B": each item of the cart keeps the size, colour and count written
// beside it.
func TestCartItemsKeepTheirOwnAttributes(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("guest", "速干运动T恤黑色L码三件 加一条M码瑜伽裤 一起多少"))
	got := toolArgs(t, calls, tool.QuotePrice)
	if len(got) != 1 {
		t.Fatalf("quotes %v", got)
	}
	items, _ := got[0]["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("items %v", items)
	}
	for i, want := range []struct {
		title, values string
		qty           float64
	}{{"速干运动T恤", "L 黑色", 3}, {"瑜伽裤", "M", 1}} {
		m := items[i].(map[string]any)
		k, p := demoSnap.SKU(m["sku_id"].(string))
		var vals []string
		for _, v := range k.Attributes.All() {
			vals = append(vals, v)
		}
		have := " " + strings.Join(vals, " ") + " "
		for _, v := range strings.Fields(want.values) {
			if !strings.Contains(have, " "+v+" ") {
				t.Errorf("item %d is %s %v, want %s", i, p.Title, vals, want.values)
			}
		}
		if !strings.Contains(p.Title, want.title) || m["qty"].(float64) != want.qty {
			t.Errorf("item %d: %s × %v, want %s × %v", i, p.Title, m["qty"], want.title, want.qty)
		}
	}
}

// Of products one name fits, those selling the variant named; a list ("A和B")
// keeps every product it names.
func TestProductsNarrowedByTheVariantNamed(t *testing.T) {
	f := newFixture(t)
	ps := []*shop.Product{demoSnap.Product("p-run-1"), demoSnap.Product("p-shirt-1")}
	ids := func(ps []*shop.Product) (out []string) {
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(startSession(t.Context(), f.deps, turn("alice", "浅蓝的多少钱")).byValuesNamed(ps)); !slices.Equal(got, []string{"p-shirt-1"}) {
		t.Errorf("one breath: %v", got)
	}
	if got := ids(startSession(t.Context(), f.deps, turn("alice", "跑鞋和衬衫 浅蓝的多少钱")).byValuesNamed(ps)); len(got) != 2 {
		t.Errorf("a list: %v", got)
	}
}

// "and the 1TB?" after a price: the same product in the new variant only; a
// measure at the end of another product's title does not name that product.
func TestFollowUpInAnotherMeasure(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{ID: "x-case", Title: "星耀 保护壳 512GB", Category: "phones",
		SKUs: []shop.SKU{{ID: "x-case-1", Price: 9900, Stock: 3, Attributes: shop.Attrs{{Name: "color", Value: "透明"}}}}})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	_, calls := askAfter(t, f, "guest", "how much is the Stellar X7 Pro 512GB?", "and the 1TB?")
	var skus []string
	for _, a := range toolArgs(t, calls, tool.QuotePrice) {
		for _, it := range a["items"].([]any) {
			skus = append(skus, it.(map[string]any)["sku_id"].(string))
		}
	}
	if len(skus) != 1 {
		t.Fatalf("quoted %v, want the 1TB phone only", skus)
	}
	if k, p := demoSnap.SKU(skus[0]); k == nil || p.ID != "p-phone-3" || !strings.Contains(skuValues(k), "1TB") {
		t.Errorf("quoted %v", skus)
	}
	_, calls = f.plan(t, turn("guest", "how much is the Stellar X7 Pro 512GB?"))
	for _, a := range toolArgs(t, calls, tool.QuotePrice) {
		for _, it := range a["items"].([]any) {
			if id := it.(map[string]any)["sku_id"].(string); id == "x-case-1" {
				t.Errorf("the case was quoted for its title's 512GB")
			}
		}
	}
	if got := titleText("朝露 白茶淡香精 EDP", "en"); got != "朝露 白茶淡香精 EDP" {
		t.Errorf("a one-word code is no English name: %q", got)
	}
}

func skuValues(k *shop.SKU) (out string) {
	for _, v := range k.Attributes.All() {
		out += v + " "
	}
	return out
}

// In a message with a comma, the products of one category that sell the value
// named are kept, those that sell none dropped; "A加一根B" is a cart of two.
func TestValueNamedWithinACategory(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-food1", Title: "甲牌 全价成犬粮", Category: "dog-food", SKUs: []shop.SKU{
			{ID: "s-t-food1-c10", Price: 45900, Stock: 5, Attributes: shop.Attrs{{Name: "flavor", Value: "鸡肉"}, {Name: "weight", Value: "10kg"}}}}},
		shop.Product{ID: "p-t-food2", Title: "甲牌 幼犬粮", Category: "dog-food", SKUs: []shop.SKU{
			{ID: "s-t-food2-5", Price: 19900, Stock: 5, Attributes: shop.Attrs{{Name: "weight", Value: "5kg"}}}}},
		shop.Product{ID: "p-t-rod", Title: "乙牌 Heat 防爆加热棒", Category: "aquarium", SKUs: []shop.SKU{
			{ID: "s-t-rod", Price: 5900, Stock: 5, Attributes: shop.Attrs{{Name: "power", Value: "100W"}}}}},
		shop.Product{ID: "p-t-can", Title: "乙牌 Canister 1200 外置过滤桶", Category: "aquarium", SKUs: []shop.SKU{{ID: "s-t-can", Price: 32900, Stock: 5}}})
	snap := f.deps.Shop.Snapshot()
	s := startSession(t.Context(), f.deps, turn("alice", "再来一袋10kg鸡肉的甲牌犬粮，到手多少"))
	if got := s.byValuesNamed([]*shop.Product{snap.Product("p-t-food1"), snap.Product("p-t-food2")}); len(got) != 1 || got[0].ID != "p-t-food1" {
		t.Fatalf("the one sold in chicken: %v", got)
	}
	if parts := segmentSep.Split("过滤桶加一根加热棒", -1); len(parts) != 2 {
		t.Fatalf("\"加一根\" joins two items: %q", parts)
	}
	_, calls := f.plan(t, turn("alice", "Canister 1200过滤桶加一根Heat加热棒一起买多少钱"))
	q := toolArgs(t, calls, tool.QuotePrice)
	if items := fmt.Sprint(q); len(q) != 1 || !strings.Contains(items, "s-t-can") || !strings.Contains(items, "s-t-rod") {
		t.Fatalf("one cart of both: %v", q)
	}
}

// "想买<kind>… 再加<another> 一共多少" is a cart to price, not a recommendation; a
// part naming a kind is the product of that kind its words fit best.
func TestCartOfAKindNamedByItsWords(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-set60", Title: "甲牌 60支贡缎四件套", Category: "bedding", SKUs: []shop.SKU{
			{ID: "s-t-set60-blue", Price: 59900, Stock: 5, Attributes: shop.Attrs{{Name: "color", Value: "雾蓝"}, {Name: "size", Value: "1.5m"}}}}},
		shop.Product{ID: "p-t-setw", Title: "甲牌 水洗棉四件套", Category: "bedding", SKUs: []shop.SKU{
			{ID: "s-t-setw", Price: 29900, Stock: 5, Attributes: shop.Attrs{{Name: "size", Value: "1.5m"}}}}},
		shop.Product{ID: "p-t-duvet", Title: "乙牌 Cloud 鹅绒冬被", Category: "duvets", SKUs: []shop.SKU{{ID: "s-t-duvet", Price: 129900, Stock: 5}}})
	_, calls := f.plan(t, turn("alice", "想买60支四件套1.5雾蓝 再加一床Cloud鹅绒冬被 到手一共多少"))
	q := toolArgs(t, calls, tool.QuotePrice)
	if items := fmt.Sprint(q); len(q) != 1 || !strings.Contains(items, "s-t-set60-blue") || !strings.Contains(items, "s-t-duvet") {
		t.Fatalf("one cart of the 60支 set and the duvet: %v", q)
	}
}

// A bare "多少" beside only a kind of product ("拖鞋买一双 … 多少") asks its price.
func TestBareHowMuchOfAKind(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-slip", Title: "丙牌 冬季棉拖鞋", Category: "slippers", SKUs: []shop.SKU{
		{ID: "s-t-slip", Price: 5900, Stock: 5, Attributes: shop.Attrs{{Name: "size", Value: "36-37"}}}}})
	_, calls := f.plan(t, turn("alice", "拖鞋买一双 能用券吗 多少"))
	if q := toolArgs(t, calls, tool.QuotePrice); len(q) == 0 || !strings.Contains(fmt.Sprint(q), "s-t-slip") {
		t.Fatalf("the slippers quoted: %v", calledTools(calls))
	}
}

// Of two products one model name fits, the one of the kind named ("T7牙刷": the
// brush, not its replacement heads).
func TestKindNamedPicksAmongOneModel(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-brush", Title: "庚牌 T7 声波电动牙刷", Category: "oral-care", SKUs: []shop.SKU{{ID: "s-t-brush", Price: 29900, Stock: 5}}},
		shop.Product{ID: "p-t-heads", Title: "庚牌 T7 替换刷头 3支装", Category: "oral-care", SKUs: []shop.SKU{{ID: "s-t-heads", Price: 5900, Stock: 5}}})
	_, calls := f.plan(t, turn("alice", "T7牙刷现在卖多少"))
	q := fmt.Sprint(toolArgs(t, calls, tool.QuotePrice))
	if !strings.Contains(q, "s-t-brush") || strings.Contains(q, "s-t-heads") {
		t.Fatalf("the brush alone: %v", q)
	}
}

// "<count><title word>多少" asks the price of that many, though the description
// uses the word too; a figure the description states before "多少" is still asked.
func TestTitleWordBeforeHowMuchIsNoFigure(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-hm-line", Title: "渔乐 原丝 台钓主线 50m", Category: "lines",
		Description: "日本原丝台钓主线，50米一卷。1.5号约3.6公斤拉力，2.0号约4.8公斤拉力。",
		SKUs: []shop.SKU{
			{ID: "s-hm-15", Price: 2900, Stock: 9, Attributes: attrsOf("size", "1.5号")},
			{ID: "s-hm-20", Price: 2900, Stock: 9, Attributes: attrsOf("size", "2.0号")}}})
	for say, quote := range map[string]bool{
		"两卷1.5号主线多少":   true,
		"台钓主线1.5号拉力多少": false,
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := slices.Contains(calledTools(calls), tool.QuotePrice); got != quote {
			t.Errorf("%q: quoted %v, want %v", say, got, quote)
		}
	}
}
