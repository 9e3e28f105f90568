//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A return of one item of an order pays back that item; the rest can be returned
// after, and nothing twice. Shoes 39900 (bought on sale) + kettle 19900, paid (no
// goods to wait for), each below the auto-approve limit.
func TestPartialReturnCard(t *testing.T) {
	const shoes, kettle = 39900, 19900
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID("PART")
	paidAt := time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-lea-1-41-brown", Qty: 1, UnitPrice: shoes}, {SKUID: "s-kettle-1-white", Qty: 1, UnitPrice: kettle}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)

	// The kettle alone: its card, confirmed, refunds 199.
	root, reply := ask(t, cust, ch, "订单 "+orderID+" 里的电热水壶我想退了，皮鞋留着", "")
	requireCard(t, reply, orderID, kettle)
	if !strings.Contains(reply.Message, "电热水壶") {
		t.Errorf("the reply does not say the kettle is what goes back: %q", reply.Message)
	}
	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatal(err)
	}
	waitPost(t, reply.Id, replyTimeout, "kettle refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(kettle, "CNY"))))

	// The kettle again: explained, no card. The order is still the customer's, unrefunded.
	_, again := ask(t, cust, ch, "只退水壶 "+orderID, root.Id)
	if len(buttons(again)) != 0 {
		t.Fatalf("the kettle was offered twice:\n%s\n%s", again.Message, fieldText(again))
	}

	// The rest of the order: the shoes, 399, and then the order reads refunded.
	_, rest := ask(t, cust, ch, "算了，订单 "+orderID+" 整单都退了吧", root.Id)
	requireCard(t, rest, orderID, shoes)
	if err := clickButton(t, cust, rest.Id, "confirm"); err != nil {
		t.Fatal(err)
	}
	waitPost(t, rest.Id, replyTimeout, "shoes refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(shoes, "CNY"))))
	_, list := ask(t, cust, ch, "我的订单", root.Id)
	if line := lineContaining(list.Message, orderID); !strings.Contains(line, commerce.StatusMsg(shop.StatusRefunded).In(i18n.ZH)) {
		t.Errorf("order line %q does not read refunded:\n%s", line, list.Message)
	}
}
