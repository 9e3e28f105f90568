package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
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
		if !slices.Contains(tools, ToolQuotePrice) || slices.Contains(tools, ToolGetOrder) || slices.Contains(tools, ToolListOrders) {
			t.Errorf("%q: tools %v, want a quote and no order", msg, tools)
		}
	}
	// The same product named as bought is the order.
	if _, calls := f.plan(t, turn("alice", "我买的疾风缓震跑鞋到哪了")); !slices.Contains(calledTools(calls), ToolGetOrder) {
		t.Errorf("an order named by what was bought: tools %v", calledTools(calls))
	}
}

// "是不是降价了" then "黑色的 我买多少": the second message asks a price of its own;
// the drop asked before is not asked again.
func TestPriceAfterADropQuestionIsAQuote(t *testing.T) {
	f := newFixture(t)
	_, calls := askAfter(t, f, "alice", "疾风缓震跑鞋是不是降价了", "黑色的 我买多少")
	tools := calledTools(calls)
	if !slices.Contains(tools, ToolQuotePrice) || slices.Contains(tools, ToolCheckPriceProtection) {
		t.Errorf("tools %v, want a quote and no price protection", tools)
	}
}

// "A 加一件B": each item of the cart keeps the size, colour and count written
// beside it.
func TestCartItemsKeepTheirOwnAttributes(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("guest", "速干运动T恤黑色L码三件 加一条M码瑜伽裤 一起多少"))
	got := toolArgs(t, calls, ToolQuotePrice)
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
