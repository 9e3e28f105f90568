package agent

import (
	"context"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

// The tools that read or act on the bound customer's orders. The customer is always
// tb.turn.Customer; commerce looks every order up through that username, so another
// customer's order id gets the same "not found" as an id that does not exist.

func runListOrders(_ context.Context, tb *Toolbox, _ noArgs) (tool.OrdersResult, Effects, error) {
	user := tb.turn.Customer.Username
	if user == "" {
		return tool.OrdersResult{Orders: []commerce.OrderView{}}, Effects{}, nil
	}
	orders := commerce.ListOrders(tb.d.snapshot(), user)
	for i := range orders {
		tb.wordOrder(&orders[i])
	}
	return tool.OrdersResult{Orders: orders}, Effects{}, nil
}

// wordOrder puts the order's status into the customer's words.
func (tb *Toolbox) wordOrder(v *commerce.OrderView) {
	v.StatusText = commerce.StatusMsg(v.Status).In(tb.lang)
}

func runGetOrder(_ context.Context, tb *Toolbox, a orderArgs) (*commerce.OrderView, Effects, error) {
	v, err := commerce.GetOrder(tb.d.snapshot(), tb.turn.Customer.Username, strings.TrimSpace(a.OrderID))
	if err != nil {
		return nil, Effects{}, err
	}
	tb.wordOrder(v)
	return v, Effects{}, nil
}

func runCheckPriceProtection(ctx context.Context, tb *Toolbox, a orderArgs) (*commerce.PriceProtection, Effects, error) {
	pp, err := commerce.CheckPriceProtection(ctx, tb.d.snapshot(), tb.turn.Customer.Username, strings.TrimSpace(a.OrderID),
		tb.d.now(), tb.d.protectionDays(), tb.d.Ledger)
	if err != nil {
		return nil, Effects{}, err
	}
	pp.Message = pp.ReasonMsg.In(tb.lang)
	return pp, Effects{}, nil
}

func runOfferRefund(ctx context.Context, tb *Toolbox, a offerArgs) (tool.OfferedCard, Effects, error) {
	if tb.d.Refunds == nil {
		return tool.OfferedCard{}, Effects{}, &unavailableError{"refunds are not available here; hand over to staff"}
	}
	c := tb.turn.Customer
	card, err := tb.d.Refunds.Offer(ctx, OfferRequest{
		UserID: c.UserID, Username: c.Username,
		ChannelID: tb.turn.Where.ChannelID, RootID: tb.turn.Where.RootID, DM: tb.turn.Where.DM,
		ConversationID: tb.turn.ConversationID,
		OrderID:        strings.TrimSpace(a.OrderID), Kind: a.Kind, SKUs: linesReturned(a),
		Reason: truncateRunes(strings.TrimSpace(a.Reason), maxReasonRunes), Lang: tb.lang,
	})
	if err != nil {
		return tool.OfferedCard{}, Effects{}, err
	}
	// The result is offer_refund's SPEC §5 keys plus the currency: the card itself.
	return card, Effects{Cards: []tool.OfferedCard{card}}, nil
}

// linesReturned are the sku ids a partial return names, trimmed; other kinds take none.
func linesReturned(a offerArgs) []string {
	if a.Kind != commerce.KindReturn {
		return nil
	}
	var out []string
	for _, sku := range a.SKUs {
		if sku = strings.TrimSpace(sku); sku != "" && !slices.Contains(out, sku) {
			out = append(out, sku)
		}
	}
	return out
}

// maxReasonRunes keeps a card's reason field readable.
const maxReasonRunes = 200

func runHandoff(_ context.Context, tb *Toolbox, a handoffArgs) (tool.HandoffResult, Effects, error) {
	reason := strings.TrimSpace(a.Reason)
	if reason == "" {
		reason = i18n.T(tb.lang, "agent.handoff.reason.unsure")
	}
	return tool.HandoffResult{HandedOff: true, Note: "a staff member will reply in this conversation"},
		Effects{Handoff: &Handoff{Reason: truncateRunes(reason, maxReasonRunes), Summary: tb.summary()}}, nil
}

// summary is what staff read on the handoff card: the customer's words of this turn.
func (tb *Toolbox) summary() string {
	return truncateRunes(strings.TrimSpace(strings.Join(tb.turn.Messages, "\n")), maxSummaryRunes)
}

const maxSummaryRunes = 1000
