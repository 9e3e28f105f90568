//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// SPEC §7 privacy on the real server: in a shared channel the customer's own data
// goes to her DM with the bot; the thread hears one line.

// isPrivacyNotice: the thread's one-line reply that the answer went by DM.
func isPrivacyNotice(p *model.Post) bool {
	return p.Message == i18n.T(i18n.ZH, "privacy.sent_dm") || p.Message == i18n.T(i18n.EN, "privacy.sent_dm")
}

// answerOf is the answer a customer reads: the thread reply itself, or, when that
// is the privacy notice, the post in her DM that answers the thread.
func answerOf(t *testing.T, user string, reply *model.Post, root string, after time.Time) *model.Post {
	t.Helper()
	if !isPrivacyNotice(reply) {
		return reply
	}
	return waitForBotPost(t, dmWithBot(t, user), after, replyTimeout, "the private answer", func(p *model.Post) bool {
		return p.GetProp("concierge_for") == root
	})
}

func TestSharedChannelKeepsOrdersPrivate(t *testing.T) {
	ensureShop(t)
	alice, bob := newCustomer(t), newCustomer(t)
	orderID := uniqueOrderID("PRIV")
	const paid = 45900
	paidAt := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: alice}, {User: bob}},
		Orders: []shop.Order{{ID: orderID, User: alice, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-phone-1-256-black", Qty: 1, UnitPrice: paid}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)

	q := postAs(t, alice, ch, "我的订单", "")
	notice := waitForBotReply(t, ch, q.Id, postTime(q), replyTimeout)
	if !isPrivacyNotice(notice) {
		t.Fatalf("the thread's reply is %q, want the one-line privacy notice", notice.Message)
	}
	private := answerOf(t, alice, notice, q.Id, postTime(q))
	if !strings.Contains(private.Message, orderID) {
		t.Errorf("alice's DM answer lacks her order %s: %q", orderID, private.Message)
	}

	// Another customer reading the shared channel sees none of it: not the order id,
	// not the amount paid, in the thread or anywhere in the channel.
	list, _, err := client(t, bob).GetPostsSince(t.Context(), ch, postTime(q).UnixMilli(), false)
	if err != nil {
		t.Fatalf("bob reads the channel: %v", err)
	}
	money := i18n.Money(paid, "CNY")
	for _, p := range list.Posts {
		text := p.Message + fieldText(p)
		if strings.Contains(text, orderID) || strings.Contains(text, money) {
			t.Errorf("bob can read alice's order in the shared channel: %q", text)
		}
	}
	// Bob cannot read alice's DM with the bot.
	if _, _, err := client(t, bob).GetPost(t.Context(), private.Id, ""); err == nil {
		t.Errorf("bob can read alice's private answer")
	}

	// Staff-only numbers are refused to a customer.
	for _, cmd := range []string{"/concierge status", "/concierge stats", "/concierge refund list"} {
		if out := runCommand(t, alice, ch, cmd); !staffOnly(out) {
			t.Errorf("%s as a customer answered %q, want the staff-only refusal", cmd, out)
		}
	}
}

// approvalFor waits for the staff's approval request of orderID: a card the
// customer saw in her DM (a shared thread's card goes there) is approved in the
// staff channel.
func approvalFor(t *testing.T, orderID string, after time.Time) *model.Post {
	t.Helper()
	return waitForBotPost(t, channelID(t, mmenv.ChannelStaff), after, replyTimeout, "approval request", func(p *model.Post) bool {
		return hasButtons("approve", "reject")(p) && strings.Contains(fieldText(p), orderID)
	})
}
