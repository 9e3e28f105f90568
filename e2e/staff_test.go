//go:build e2e

package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/mattermost/mattermost/server/public/model"
)

// Issue 14 (money and authority): staff are the members of a PRIVATE staff
// channel (plus system admins). A public one is open to anyone, so a customer
// who joins it must not approve refunds, read /conversations and /stats or take
// conversations over; /concierge status is staff-only whatever the channel.

// staffOnly: the answer is the staff-only refusal, in either language.
func staffOnly(text string) bool {
	return text == i18n.T(i18n.EN, "cmd.staff_only") || text == i18n.T(i18n.ZH, "cmd.staff_only")
}

func TestPublicStaffChannelGivesNoStaffRights(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	orderID := uniqueOrderID("PUB")
	const paid = 399900 // above RefundAutoApproveLimit: needs a staff approval; paid, not shipped: refunded at once
	paidAt := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Second)
	importOrdersWith(t, shop.Orders{
		Customers: []shop.Customer{{User: cust}},
		Orders: []shop.Order{{ID: orderID, User: cust, Status: shop.StatusPaid, PaidAt: &paidAt,
			Items: []shop.Item{{SKUID: "s-phone-1-256-black", Qty: 1, UnitPrice: paid}}}},
	})
	ch := channelID(t, mmenv.ChannelGeneral)

	// A public channel is made the staff channel, and the customer joins it.
	name := "staff-open-" + strings.ToLower(model.NewId()[:8])
	pub, _, err := h.Admin().CreateChannel(t.Context(), &model.Channel{TeamId: h.Team.Id, Name: name,
		DisplayName: "Staff (public) " + name, Type: model.ChannelTypeOpen})
	if err != nil {
		t.Fatalf("create public channel: %v", err)
	}
	if _, _, err := client(t, cust).AddChannelMember(t.Context(), pub.Id, userID(t, cust)); err != nil {
		t.Fatalf("customer joins the public channel: %v", err)
	}
	setPluginConfig(t, map[string]any{"staffchannel": mmenv.TeamName + "/" + name})

	root, reply := ask(t, cust, ch, "帮我退掉 "+orderID, "")
	requireCard(t, reply, orderID, paid)
	if err := clickButton(t, cust, reply.Id, "confirm"); err != nil {
		t.Fatalf("customer's confirm: %v", err)
	}
	waitPost(t, reply.Id, replyTimeout, "awaiting approval", statusIs(i18n.T(i18n.ZH, "refund.status.awaiting_approval")))
	// The card went to the customer's DM (SPEC §7); with no usable staff channel its
	// approval request stays beside it, where only she and the admins can read it.
	approval := waitForBotPost(t, dmWithBot(t, cust), postTime(root), replyTimeout, "approval request", func(p *model.Post) bool {
		return hasButtons("approve", "reject")(p) && strings.Contains(fieldText(p), orderID)
	})

	// The customer, a member of the public staff channel, cannot approve their refund…
	card := getPost(t, reply.Id)
	if err := clickButton(t, cust, approval.Id, "approve"); err != nil {
		t.Logf("%s's approve: %v", cust, err)
	}
	requireUnchanged(t, cust, approval)
	requireUnchanged(t, cust, card)
	// … nor read the staff's API …
	for _, path := range []string{"/conversations", "/stats"} {
		if status, body := pluginHTTP(t, cust, http.MethodGet, path, nil); status != http.StatusForbidden {
			t.Errorf("GET %s as a member of the public staff channel: %d %s, want 403", path, status, truncate(body))
		}
	}
	// … nor take the conversation over, nor read the status.
	if out := threadCommand(t, cust, ch, root.Id, "/concierge takeover"); !staffOnly(out) {
		t.Errorf("customer's takeover answered %q, want the staff-only refusal", out)
	}
	if c, ok := conversationOf(t, root.Id); !ok || c.State != "bot" {
		t.Errorf("conversation after the customer's takeover: %+v, want state bot", c)
	}
	for _, cmd := range []string{"/concierge status", "/concierge kb status"} {
		if out := runCommand(t, cust, ch, cmd); !staffOnly(out) {
			t.Errorf("%s as a customer answered %q, want the staff-only refusal", cmd, out)
		}
	}
	// An admin is told why nobody is staff.
	out := runCommand(t, "admin", ch, "/concierge status")
	if want := []string{i18n.T(i18n.EN, "cmd.staff_problem.not_private", "shop/"+name), i18n.T(i18n.ZH, "cmd.staff_problem.not_private", "shop/"+name)}; !strings.Contains(out, want[0]) && !strings.Contains(out, want[1]) {
		t.Errorf("admin's status does not name the public staff channel:\n%s", out)
	}

	// Back to the private staff channel: its members are staff.
	setPluginConfig(t, nil)
	for _, path := range []string{"/conversations", "/stats"} {
		if status, body := pluginHTTP(t, "staff1", http.MethodGet, path, nil); status != http.StatusOK {
			t.Errorf("GET %s as staff1: %d %s, want 200", path, status, truncate(body))
		}
	}
	if out := runCommand(t, "staff1", ch, "/concierge status"); staffOnly(out) || strings.Contains(out, "⚠️") {
		t.Errorf("staff1's status: %q, want the numbers and no problem", out)
	}
	if err := clickButton(t, "admin", approval.Id, "approve"); err != nil {
		t.Fatalf("admin's approve: %v", err)
	}
	waitPost(t, reply.Id, replyTimeout, "refunded", statusIs(i18n.T(i18n.ZH, "refund.status.refunded", i18n.Money(paid, "CNY"))))
	if out := threadCommand(t, "staff1", ch, root.Id, "/concierge takeover"); !strings.Contains(out, "@"+cust) {
		t.Errorf("staff1's takeover answered %q, want it to name the customer", out)
	}
	waitState(t, root.Id, "human")
}
