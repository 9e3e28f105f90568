package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// O-1004 (alice, shipped): the oxford shoes and the kettle. A return of one of them
// pays back that line; naming the order, or both, returns it all.
func TestReturnOfSomeLines(t *testing.T) {
	f := newFixture(t)
	o := demoSnap.OrderOf("alice", "O-1004")
	var shoes, kettle, all int64
	var kettleSKU string
	for _, it := range o.Items {
		_, p := demoSnap.SKU(it.SKUID)
		cost := it.UnitPrice * it.Qty
		all += cost
		if strings.Contains(p.Title, "Kettle") {
			kettle, kettleSKU = cost, it.SKUID
		} else {
			shoes = cost
		}
	}
	for _, c := range []struct {
		say  string
		want int64
	}{
		{"只退水壶，O-1004 里的皮鞋不退", kettle},
		{"电热水壶我想退了 皮鞋留着", kettle},
		{"I'd like to return the kettle but keep the oxford shoes", kettle},
		{"牛津鞋不合脚，想退掉", shoes},
		{"皮鞋和水壶都不要了，帮我退", all},
		{"电热水壶那单帮我退掉", all},
		{"帮我退掉 O-1004", all},
	} {
		r, calls := f.plan(t, turn("alice", c.say))
		mustOffer(t, calls, "O-1004", commerce.KindReturn)
		if len(r.Offers) != 1 || r.Offers[0].Amount != c.want {
			t.Errorf("%q: offers %s, want %s", c.say, offerValues(r.Offers), money(c.want))
			continue
		}
		mustContain(t, r.Text, money(c.want))
		args := toolArgs(t, calls, tool.OfferRefund)[0]
		if (c.want != all) != (args["sku_ids"] != nil) {
			t.Errorf("%q: sku_ids %v", c.say, args["sku_ids"])
		}
	}
	// The card names what goes back; the kettle's line alone is returned on it.
	r, calls := f.plan(t, turn("alice", "只退水壶"))
	if ids, _ := toolArgs(t, calls, tool.OfferRefund)[0]["sku_ids"].([]any); len(ids) != 1 || ids[0] != kettleSKU {
		t.Fatalf("只退水壶: sku_ids %v, want [%s]", ids, kettleSKU)
	}
	mustContain(t, r.Text, "电热水壶")
}
