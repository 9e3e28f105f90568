package agent

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// An order named by what was bought, asked in a few more ways; whether money asked
// back has come back is the order's state, not a new refund; a delivered order says
// when it was signed for.
func TestOrderStatusAskedInMoreWays(t *testing.T) {
	f := newFixture(t)
	for _, msg := range []string{"水壶发了没", "where's the kettle?", "水壶显示到了吗", "水壶寄出了吗"} {
		_, calls := f.plan(t, turn("alice", msg))
		if got := toolArgs(t, calls, tool.GetOrder); len(got) != 1 || got[0]["order_id"] != "O-1004" {
			t.Errorf("%q: get_order %v (tools %v)", msg, got, calledTools(calls))
		}
	}

	r, calls := f.plan(t, turn("bob", "帆布鞋那个 钱退了没"))
	tools := calledTools(calls)
	if slices.Contains(tools, tool.OfferRefund) || !slices.Contains(tools, tool.GetOrder) {
		t.Errorf("refund state asked: tools %v", tools)
	}
	if !strings.Contains(r.Text, "O-2004") || !strings.Contains(r.Text, "已退款") {
		t.Errorf("refund state asked: %q", r.Text)
	}

	orders := *demoSnap.Orders
	orders.Orders = slices.Clone(orders.Orders)
	at := time.Date(2026, 11, 20, 15, 30, 0, 0, demoNow.Location())
	for i := range orders.Orders {
		if orders.Orders[i].ID == "O-1002" {
			orders.Orders[i].DeliveredAt = &at
		}
	}
	f.withShop(t, shop.NewSnapshot(demoSnap.Catalog, &orders))
	r, _ = f.plan(t, turn("alice", "瑜伽裤那单哪天签收的"))
	if want := i18n.T(i18n.ZH, "agent.orders.delivered_at", "2026-11-20 15:30"); !strings.Contains(r.Text, want) {
		t.Errorf("delivered order: %q lacks %q", r.Text, want)
	}
}

// "现在能下单吗 有现货没" of a product the customer once bought asks of the product's
// stock, not of their order of it.
func TestCanIOrderIsNoOrderQuestion(t *testing.T) {
	f := newFixture(t)
	for _, o := range demoSnap.OrdersOf("alice") {
		for _, l := range o.Items {
			_, p := demoSnap.SKU(l.SKUID)
			if p == nil {
				continue
			}
			name := localText(p.Title, i18n.ZH)
			r, calls := f.plan(t, turn("alice", name+"现在能下单吗，有现货没"))
			if slices.Contains(calledTools(calls), "get_order") || slices.Contains(calledTools(calls), "list_orders") {
				t.Errorf("%s: read as an order question: %q", name, r.Text)
			}
			return
		}
	}
	t.Fatal("alice has no order with a product")
}

// "我买的空调到哪了" from a customer who bought none says so before their orders;
// of what they did buy, it shows that order.
func TestOrderOfSomethingNotBought(t *testing.T) {
	f := newFixture(t)
	notFound := strings.SplitN(i18n.T(i18n.ZH, "agent.orders.not_bought", "%"), "%", 2)[0]
	r, _ := f.plan(t, turn("alice", "我买的空调到哪了"))
	if !strings.Contains(r.Text, notFound) {
		t.Errorf("no air conditioner bought: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "我买的跑鞋到哪了"))
	if strings.Contains(r.Text, notFound) {
		t.Errorf("the runners were bought: %q", r.Text)
	}
}
