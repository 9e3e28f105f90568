package agent

import (
	"slices"
	"testing"
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
