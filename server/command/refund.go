package command

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/refund"
)

// Refunds is what `/concierge refund` needs from the refund cards.
type Refunds interface {
	Open() ([]*refund.Card, error)
	Retry(ctx context.Context, id string) (*refund.Card, error)
	Settle(ctx context.Context, id, staffUserID, staffName string, done bool, reference string) (*refund.Card, error)
	GoodsReceived(ctx context.Context, id, staffUserID, staffName string) (*refund.Card, error)
}

// refundCmd is the staff's handle on refunds whose money is in motion:
//
//	/concierge refund list                       in doubt, stuck, or awaiting returned goods
//	/concierge refund retry <card>               send it again now, same idempotency key
//	/concierge refund done <card> [reference]    the shop's system shows it refunded
//	/concierge refund failed <card>              the shop's system shows no money moved
//	/concierge refund received <card>            the returned goods arrived: refund now
func (h *Handler) refundCmd(ctx context.Context, userID string, lang i18n.Lang, args []string) string {
	if !h.d.Staff.IsStaff(userID) {
		return i18n.T(lang, "cmd.staff_only")
	}
	if h.d.Refunds == nil {
		return i18n.T(lang, "cmd.failed")
	}
	sub := ""
	if len(args) > 0 {
		sub = strings.ToLower(args[0])
	}
	if sub == "" || sub == "list" {
		return h.refundList(lang)
	}
	if len(args) < 2 {
		return i18n.T(lang, "cmd.refund.usage")
	}
	id := args[1]
	name := userID
	if u, appErr := h.d.API.GetUser(userID); appErr == nil {
		name = u.Username
	}
	var card *refund.Card
	var err error
	switch sub {
	case "retry":
		card, err = h.d.Refunds.Retry(ctx, id)
	case "done", "failed":
		ref := ""
		if len(args) > 2 {
			ref = args[2]
		}
		card, err = h.d.Refunds.Settle(ctx, id, userID, name, sub == "done", ref)
	case "received":
		card, err = h.d.Refunds.GoodsReceived(ctx, id, userID, name)
	default:
		return i18n.T(lang, "cmd.refund.usage")
	}
	switch {
	case errors.Is(err, refund.ErrOwnRefund):
		return i18n.T(lang, "refund.click.own_refund")
	case errors.Is(err, refund.ErrNotOpen):
		return i18n.T(lang, "cmd.refund.not_open", id)
	case err != nil:
		h.d.API.LogError("command: refund", "card_id", id, "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	return i18n.T(lang, "cmd.refund.now", id, cardLine(card, lang))
}

func (h *Handler) refundList(lang i18n.Lang) string {
	cards, err := h.d.Refunds.Open()
	if err != nil {
		h.d.API.LogError("command: list refunds", "err", err.Error())
		return i18n.T(lang, "cmd.failed")
	}
	if len(cards) == 0 {
		return i18n.T(lang, "cmd.refund.none")
	}
	lines := []string{i18n.T(lang, "cmd.refund.open", len(cards))}
	for _, c := range cards {
		lines = append(lines, fmt.Sprintf("- `%s` %s", c.ID, cardLine(c, lang)))
	}
	return strings.Join(lines, "\n")
}

// cardLine: customer, order, kind, amount, state — and why, for one in doubt.
func cardLine(c *refund.Card, lang i18n.Lang) string {
	line := fmt.Sprintf("@%s · %s · %s · %s · %s", c.Username, c.Offer.OrderID,
		i18n.T(lang, "refund.card.title."+c.Offer.Kind), i18n.Money(c.Offer.Amount, c.Offer.Currency), c.StatusText(lang))
	if c.State == refund.StateInDoubt && c.Error != "" {
		line += " — " + c.Error
	}
	return line
}
