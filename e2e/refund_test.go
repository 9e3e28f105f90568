//go:build e2e

package e2e

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/mattermost/mattermost/server/public/model"
)

// Issue "commerce": refund cards on the real server. Money moves only when the
// right people click: the customer confirms, staff approve above the limit,
// at most once. Each test has its own customer and order ids (the refund
// ledger outlives imports and runs).

const cardTimeout = 30 * time.Second // a proactive card after an import

// statusIs: the card's status field reads the given text and no button is left.
func statusIs(text string) func(*model.Post) bool {
	return func(p *model.Post) bool { return len(buttons(p)) == 0 && strings.Contains(fieldText(p), text) }
}

// requireCard fails unless the post carries a refund card for the order and
// amount with Confirm and Cancel.
func requireCard(t *testing.T, p *model.Post, orderID string, amount int64) {
	t.Helper()
	fields := fieldText(p)
	if !hasButtons("confirm", "cancel")(p) || !strings.Contains(fields, orderID) || !strings.Contains(fields, i18n.Money(amount, "CNY")) {
		t.Fatalf("post %s is not a refund card for %s of %s:\n%s\n%s\nbuttons %v",
			p.Id, orderID, i18n.Money(amount, "CNY"), p.Message, fields, buttons(p))
	}
}

// requireUnchanged: a refused click left the card as it was.
func requireUnchanged(t *testing.T, who string, before *model.Post) {
	t.Helper()
	after := getPost(t, before.Id)
	if fieldText(after) != fieldText(before) || strings.Join(buttons(after), ",") != strings.Join(buttons(before), ",") {
		t.Fatalf("%s's click changed the card:\nbefore %s %v\nafter  %s %v", who, fieldText(before), buttons(before), fieldText(after), buttons(after))
	}
}

// ask posts msg as user in the thread (rootID "" = a new one) and returns the
// post and the bot's reply to it.
func ask(t *testing.T, user, channelID, msg, rootID string) (*model.Post, *model.Post) {
	t.Helper()
	p := postAs(t, user, channelID, msg, rootID)
	root := rootID
	if root == "" {
		root = p.Id
	}
	return p, answerOf(t, user, waitForBotReply(t, channelID, root, postTime(p), replyTimeout), root, postTime(p))
}

// depositCustomer is a new customer with one presale order whose refundable
// deposit is paid; it returns the username and the order id.
func depositCustomer(t *testing.T, prefix string, deposit int64) (string, string) {
	t.Helper()
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID(prefix)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusDepositPaid,
			Items:   []shop.Item{{SKUID: "s-phone-3-1tb-titanium", Qty: 1, UnitPrice: 699900}},
			Deposit: &shop.Deposit{Amount: deposit, Refundable: true}}},
	})
	return cust, orderID
}

func TestDepositRefundCard(t *testing.T) {
	const deposit = 10000
	cust, orderID := depositCustomer(t, "DEP", deposit)
	ch := channelID(t, mmenv.ChannelGeneral)

	root, reply := ask(t, cust, ch, "我想退定金，订单 "+orderID, "")
	requireCard(t, reply, orderID, deposit) // the card is part of the reply
	if !strings.Contains(reply.Message, orderID) || !strings.Contains(reply.Message, i18n.Money(deposit, "CNY")) {
		t.Errorf("reply does not name the order and amount: %q", reply.Message)
	}

	// Another customer, in the same channel, can neither confirm nor cancel.
	for _, action := range []string{"confirm", "cancel"} {
		if err := clickButton(t, "bob", reply.Id, action); err != nil {
			t.Logf("bob's %s: %v", action, err)
		}
		requireUnchanged(t, "bob", reply)
	}

	// The customer double-clicks Confirm: one refund.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = clickButton(t, cust, reply.Id, "confirm") }()
	}
	wg.Wait()
	if errs[0] != nil && errs[1] != nil {
		t.Fatalf("both confirm clicks failed: %v / %v", errs[0], errs[1])
	}
	refunded := i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(deposit, "CNY"))
	card := waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(refunded))

	// A late click finds no button (or changes nothing).
	if err := clickButton(t, cust, reply.Id, "confirm"); err == nil {
		t.Log("late confirm click accepted by the server")
	}
	requireUnchanged(t, cust, card)

	// Asking again: explained, no new card.
	again, r2 := ask(t, cust, ch, "退定金 "+orderID, root.Id)
	if len(buttons(r2)) != 0 {
		t.Fatalf("a second deposit refund was offered after %q:\n%s", again.Message, fieldText(r2))
	}
	if !strings.Contains(r2.Message, "退过") {
		t.Errorf("second request not explained as already refunded: %q", r2.Message)
	}
	// The order itself reads refunded.
	_, r3 := ask(t, cust, ch, "我的订单", root.Id)
	if line := lineContaining(r3.Message, orderID); !strings.Contains(line, commerce.StatusMsg(shop.StatusRefunded).In(i18n.ZH)) {
		t.Errorf("order line %q does not read refunded:\n%s", line, r3.Message)
	}
}

func lineContaining(text, needle string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, needle) {
			return l
		}
	}
	return ""
}

func TestRefundAboveLimitNeedsStaffApproval(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID("RET")
	const paid = 399900 // above RefundAutoApproveLimit (50000)
	paidAt := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusDelivered, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-phone-1-256-black", Qty: 1, UnitPrice: paid}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)

	root, reply := ask(t, cust, ch, "帮我退掉 "+orderID, "")
	requireCard(t, reply, orderID, paid)
	if !strings.Contains(fieldText(reply), i18n.T(i18n.ZH, "refund.card.needs_approval")) {
		t.Errorf("card does not say it needs an approval:\n%s", fieldText(reply))
	}

	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatalf("customer's confirm: %v", err)
	}
	waiting := i18n.T(i18n.ZH, "refund.status.awaiting_approval")
	waitPost(t, reply.Id, replyTimeout, "awaiting approval", statusIs(waiting))

	approval := approvalFor(t, orderID, postTime(root))
	if !strings.Contains(approval.Message, "@staff1") {
		t.Errorf("approval request does not mention staff: %q", approval.Message)
	}
	if f := fieldText(approval); !strings.Contains(f, orderID) || !strings.Contains(f, i18n.Money(paid, "CNY")) || !strings.Contains(f, "@"+cust) {
		t.Errorf("approval request lacks order, amount or customer:\n%s", f)
	}

	// Neither the customer nor another customer can decide.
	card := getPost(t, reply.Id)
	for _, who := range []string{cust, "bob"} {
		for _, action := range []string{"approve", "reject"} {
			if err := clickButton(t, who, approval.Id, action); err != nil {
				t.Logf("%s's %s: %v", who, action, err)
			}
			requireUnchanged(t, who, approval)
			requireUnchanged(t, who, card)
		}
	}

	// Staff approve: the request shows the decision, the customer's card the refund.
	if err := clickButton(t, "staff1", approval.Id, "approve"); err != nil {
		t.Fatalf("staff1's approve: %v", err)
	}
	decided := waitPost(t, approval.Id, replyTimeout, "decided", func(p *model.Post) bool { return len(buttons(p)) == 0 })
	if !strings.Contains(decided.Message, "@staff1") {
		t.Errorf("decided request does not say who decided: %q", decided.Message)
	}
	// A delivered order's return waits for the goods (built-in backend): the order
	// does not change until staff mark them received.
	waitPost(t, reply.Id, replyTimeout, "awaiting goods", statusIs(i18n.T(i18n.ZH, "refund.status.awaiting_goods")))
	_, r0 := ask(t, cust, ch, "我的订单", root.Id)
	if line := lineContaining(r0.Message, orderID); strings.Contains(line, commerce.StatusMsg(shop.StatusRefunded).In(i18n.ZH)) {
		t.Fatalf("refunded before the goods came back: %q", line)
	}
	out := runCommand(t, "staff1", channelID(t, mmenv.ChannelStaff), "/concierge refund received "+cardOf(t, reply))
	waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(paid, "CNY"))))
	t.Logf("staff: %s", out)

	_, r := ask(t, cust, ch, "我的订单", root.Id)
	if line := lineContaining(r.Message, orderID); !strings.Contains(line, commerce.StatusMsg(shop.StatusRefunded).In(i18n.ZH)) {
		t.Errorf("order line %q does not read refunded:\n%s", line, r.Message)
	}
}

// lowerPrice takes by off the price of the sku in c.
func lowerPrice(c *shop.Catalog, sku string, by int64) {
	for i := range c.Products {
		for j := range c.Products[i].SKUs {
			if c.Products[i].SKUs[j].ID == sku {
				c.Products[i].SKUs[j].Price -= by
			}
		}
	}
}

// A catalog import that lowers a price below what customers paid posts one
// price-protection card per customer: in their latest conversation, or in a
// DM with the bot when they have none; and only one however often the
// catalog is imported.
func TestProactivePriceProtectionCard(t *testing.T) {
	ensureShop(t)
	d := demo(t)
	const sku, drop = "s-wash-1-silver", 20000 // no demo order holds this sku
	now := time.Now()
	unit, ok := commerce.UnitPriceAt(servedSnapshot(t), sku, now)
	if !ok {
		t.Fatalf("sku %s not in the demo catalog", sku)
	}
	const markerSKU = "s-vac-1-white" // nor this one: the marker customer's, below
	markerUnit, ok := commerce.UnitPriceAt(servedSnapshot(t), markerSKU, now)
	if !ok || markerUnit <= drop {
		t.Fatalf("sku %s: price %d, want one above %d", markerSKU, markerUnit, drop)
	}
	paidAt := now.Add(-24 * time.Hour).UTC().Truncate(time.Second)
	type customer struct{ name, orderID, channel, root string }
	talker := customer{name: newCustomer(t), orderID: uniqueOrderID("PPT")} // has a conversation
	silent := customer{name: newCustomer(t), orderID: uniqueOrderID("PPD")} // has none
	var extra shop.Orders
	for _, c := range []customer{talker, silent} {
		extra.Customers = append(extra.Customers, shop.Customer{User: c.name})
		extra.Orders = append(extra.Orders, shop.Order{ID: c.orderID, User: c.name, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: sku, Qty: 1, UnitPrice: unit}}})
	}
	importOrdersWith(t, extra)
	// The talker's latest conversation is a thread in a shared channel: her card
	// goes to her DM, where no other customer reads it (SPEC §7).
	ask(t, talker.name, channelID(t, mmenv.ChannelVIP), "Hello!", "")
	talker.channel = dmWithBot(t, talker.name)
	silent.channel = dmWithBot(t, silent.name)

	lowered := cloneCatalog(t, d.catalog)
	lowerPrice(lowered, sku, drop)
	start := time.Now()
	importCatalog(t, lowered)
	isCard := func(p *model.Post) bool { return p.GetProp("concierge_card") != nil }
	cards := map[string]*model.Post{}
	for _, c := range []customer{talker, silent} {
		card := waitForBotPost(t, c.channel, start, cardTimeout, "proactive card for "+c.name, func(p *model.Post) bool {
			return isCard(p) && strings.Contains(fieldText(p), c.orderID)
		})
		requireCard(t, card, c.orderID, drop)
		if card.RootId != c.root {
			t.Errorf("%s's card in thread %q, want %q (their conversation)", c.name, card.RootId, c.root)
		}
		if !strings.Contains(card.Message, c.orderID) {
			t.Errorf("proactive card message does not name the order: %q", card.Message)
		}
		cards[c.name] = card
	}

	// The same drop again: no second card. The positive point is a card for a
	// marker customer, whose sku only this import lowers: the sweep that posts it
	// goes through the orders in their order, so it has passed talker's and
	// silent's (listed before the marker's) by then.
	marker := customer{name: newCustomer(t), orderID: uniqueOrderID("PPM")}
	extra.Customers = append(extra.Customers, shop.Customer{User: marker.name})
	extra.Orders = append(extra.Orders, shop.Order{ID: marker.orderID, User: marker.name, Status: shop.StatusPaid, PaidAt: &paidAt,
		Items: []shop.Item{{SKUID: markerSKU, Qty: 1, UnitPrice: markerUnit}}})
	importOrdersWith(t, extra)
	marker.channel = dmWithBot(t, marker.name)
	lowerPrice(lowered, markerSKU, drop)
	importCatalog(t, lowered)
	requireCard(t, waitForBotPost(t, marker.channel, start, cardTimeout, "the marker's card", func(p *model.Post) bool {
		return isCard(p) && strings.Contains(fieldText(p), marker.orderID)
	}), marker.orderID, drop)
	for _, c := range []customer{talker, silent} {
		if n := len(botPosts(t, c.channel, start, isCard)); n != 1 {
			t.Fatalf("%d price-protection cards for %s after the same drop was imported twice, want 1", n, c.name)
		}
	}

	// Within the limit: the customer's confirmation refunds at once.
	card := cards[silent.name]
	if err := clickButton(t, silent.name, card.Id, "confirm"); err != nil {
		t.Fatalf("confirm the proactive card: %v", err)
	}
	waitPost(t, card.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.EN, "refund.status.refunded", i18n.Money(drop, "CNY"))))

	importCatalog(t, d.catalogJSON)
	served.demoCatalog = true
}

// In a DM, which staff cannot see, a refund above the limit is approved
// through the staff channel.
func TestDMRefundApprovedInStaffChannel(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID("RDM")
	const paid = 2 * 129900
	paidAt := time.Now().Add(-72 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusShipped, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-run-2-42-orange", Qty: 2, UnitPrice: 129900}}}},
	})
	dm := dmWithBot(t, cust)
	staff := channelID(t, mmenv.ChannelStaff)

	msg := postAs(t, cust, dm, "I want to return order "+orderID+", please refund it", "")
	reply := waitForBotReply(t, dm, "", postTime(msg), replyTimeout)
	requireCard(t, reply, orderID, paid)
	start := time.Now()
	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatalf("customer's confirm: %v", err)
	}
	waitPost(t, reply.Id, replyTimeout, "awaiting approval", statusIs(i18n.T(i18n.EN, "refund.status.awaiting_approval")))
	approval := waitForBotPost(t, staff, start, replyTimeout, "approval request in the staff channel", func(p *model.Post) bool {
		return hasButtons("approve", "reject")(p) && strings.Contains(fieldText(p), orderID)
	})
	if !strings.Contains(approval.Message, "@staff1") {
		t.Errorf("approval request does not mention staff: %q", approval.Message)
	}
	// The customer is no member of the staff channel: the server refuses the click.
	if err := clickButton(t, cust, approval.Id, "approve"); err == nil {
		requireUnchanged(t, cust, approval)
	}
	if err := clickButton(t, "staff1", approval.Id, "reject"); err != nil {
		t.Fatalf("staff1's reject: %v", err)
	}
	waitPost(t, reply.Id, replyTimeout, "rejected", statusIs(i18n.T(i18n.EN, "refund.status.rejected")))
	if got := getPost(t, approval.Id); len(buttons(got)) != 0 || !strings.Contains(got.Message, "@staff1") {
		t.Errorf("decided request still has buttons %v or does not say who decided: %q", buttons(got), got.Message)
	}
}
