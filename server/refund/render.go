package refund

import (
	"fmt"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
)

// ActionPath is where Mattermost sends the cards' button clicks.
const ActionPath = "/plugins/concierge/api/v1/actions/refund"

// Attachment renders the customer's card in its current state; buttons appear only
// while the customer can still act.
func (c *Card) Attachment() *model.MessageAttachment {
	lang := i18n.Parse(c.Lang)
	money := i18n.Money(c.Offer.Amount, c.Offer.Currency)
	a := &model.MessageAttachment{
		Title: i18n.T(lang, "refund.card.title."+c.Offer.Kind),
		Fields: []*model.MessageAttachmentField{
			{Title: i18n.T(lang, "refund.card.order"), Value: c.Offer.OrderID, Short: true},
			{Title: i18n.T(lang, "refund.card.amount"), Value: money, Short: true},
		},
	}
	if c.Reason != "" {
		a.Fields = append(a.Fields, &model.MessageAttachmentField{Title: i18n.T(lang, "refund.card.reason"), Value: c.Reason})
	}
	for _, l := range c.lines(nil) {
		a.Fields = append(a.Fields, &model.MessageAttachmentField{Title: l.Label(), Value: fmt.Sprintf("× %d → %s", l.Qty, i18n.Money(l.Amount, c.Offer.Currency)), Short: true})
	}
	a.Fields = append(a.Fields, &model.MessageAttachmentField{Title: i18n.T(lang, "refund.card.status"), Value: c.StatusText(lang)})
	switch c.State {
	case StateOffered:
		a.Color = "#1e88e5"
		if c.NeedsApproval {
			a.Footer = i18n.T(lang, "refund.card.needs_approval")
		}
		a.Actions = []*model.PostAction{
			c.button("confirm", i18n.T(lang, "refund.button.confirm"), "good"),
			c.button("cancel", i18n.T(lang, "refund.button.cancel"), "default"),
		}
	case StateRefunded, StatePending:
		a.Color = "#2e7d32"
	case StateAwaitingApproval, StateProcessing, StateInDoubt:
		a.Color = "#f5a623"
	default:
		a.Color = "#9e9e9e"
	}
	return a
}

// ApprovalAttachment renders the staff's approval request.
func (c *Card) ApprovalAttachment() *model.MessageAttachment {
	lang := i18n.Parse(c.Lang)
	a := &model.MessageAttachment{
		Title: i18n.T(lang, "refund.approval.title"),
		Color: "#f5a623",
		Fields: []*model.MessageAttachmentField{
			{Title: i18n.T(lang, "refund.card.customer"), Value: "@" + c.Username, Short: true},
			{Title: i18n.T(lang, "refund.card.order"), Value: c.Offer.OrderID, Short: true},
			{Title: i18n.T(lang, "refund.card.kind"), Value: i18n.T(lang, "refund.card.title."+c.Offer.Kind), Short: true},
			{Title: i18n.T(lang, "refund.card.amount"), Value: i18n.Money(c.Offer.Amount, c.Offer.Currency), Short: true},
			{Title: i18n.T(lang, "refund.card.limit"), Value: i18n.Money(c.Limit, c.Offer.Currency), Short: true},
			{Title: i18n.T(lang, "refund.card.status"), Value: c.StatusText(lang)},
		},
	}
	if c.Reason != "" {
		a.Fields = append(a.Fields, &model.MessageAttachmentField{Title: i18n.T(lang, "refund.card.reason"), Value: c.Reason})
	}
	if c.State == StateAwaitingApproval {
		a.Actions = []*model.PostAction{
			c.button("approve", i18n.T(lang, "refund.button.approve"), "good"),
			c.button("reject", i18n.T(lang, "refund.button.reject"), "danger"),
		}
	} else {
		a.Color = "#9e9e9e"
	}
	return a
}

func (c *Card) button(action, name, style string) *model.PostAction {
	return &model.PostAction{
		Id:    action,
		Name:  name,
		Type:  model.PostActionTypeButton,
		Style: style,
		Integration: &model.PostActionIntegration{
			URL:     ActionPath,
			Context: map[string]any{"card_id": c.ID, "action": action},
		},
	}
}

// StatusText is the card's state in words, as the customer's card shows it.
func (c *Card) StatusText(lang i18n.Lang) string {
	switch c.State {
	case StateRefunded:
		return i18n.T(lang, "refund.status.refunded", i18n.Money(c.Offer.Amount, c.Offer.Currency))
	case StatePending:
		if c.AwaitingGoods() {
			return i18n.T(lang, "refund.status.awaiting_goods")
		}
		return i18n.T(lang, "refund.status.pending")
	case StateRejected, StateCancelled, StateFailed, StateAwaitingApproval, StateProcessing, StateInDoubt, StateExpired:
		return i18n.T(lang, "refund.status."+c.State)
	}
	return i18n.T(lang, "refund.status.offered")
}

// View is the card as the webapp's refund component shows it (package cards): lines
// by product and variant name, the state in words and the buttons allowed now.
func (c *Card) View(names cards.Names) cards.Refund {
	lang := i18n.Parse(c.Lang)
	v := cards.Refund{ID: c.ID, Kind: c.Offer.Kind, Title: i18n.T(lang, "refund.card.title."+c.Offer.Kind),
		OrderID: c.Offer.OrderID, Currency: c.Offer.Currency, Amount: c.Offer.Amount, Reason: c.Reason,
		State: c.State, Status: c.StatusText(lang), NeedsApproval: c.NeedsApproval}
	v.Lines = c.lines(names)
	if c.AwaitingGoods() {
		v.Stage = StageAwaitingGoods
	}
	if c.State == StateOffered {
		v.Actions = []string{"confirm", "cancel"}
	}
	return v
}

// names is the catalog the cards name their lines from; nil without a shop.
func (s *Service) names() cards.Names {
	if s.d.Shop == nil {
		return nil
	}
	if snap := s.d.Shop.Snapshot(); snap != nil {
		return snap
	}
	return nil
}

// showCard puts the card's current view on its post, when the post carries one (a
// reply made before the webapp cards, or a streamed reply, keeps its attachment only).
func (s *Service) showCard(p *model.Post, c *Card) {
	v, ok := cards.FromPost(p)
	if ok && v.ReplaceRefund(c.View(s.names())) {
		cards.Apply(p, v)
	}
}

// lines is what the card lists: as recorded when offered, else (a card stored before
// cards recorded them) its refund lines named from names, else by SKU id.
func (c *Card) lines(names cards.Names) []cards.RefundLine {
	if len(c.Shown) > 0 {
		return c.Shown
	}
	out := make([]cards.RefundLine, 0, len(c.Offer.Lines))
	for _, l := range c.Offer.Lines {
		out = append(out, cards.RefundLine{Item: cards.ItemOf(names, l.SKUID, ""), Qty: l.Qty, Amount: l.Amount})
	}
	return out
}

// shownLines names an offer's lines for people: the price-protected lines, or for a
// return the order's items (the whole order goes back); a deposit has none.
func (s *Service) shownLines(user string, offer *commerce.Offer) []cards.RefundLine {
	names := s.names()
	var out []cards.RefundLine
	for _, l := range offer.Lines {
		out = append(out, cards.RefundLine{Item: cards.ItemOf(names, l.SKUID, ""), Qty: l.Qty, Amount: l.Amount})
	}
	if len(out) > 0 || offer.Kind != commerce.KindReturn || s.d.Shop == nil {
		return out
	}
	if o := s.d.Shop.Snapshot().OrderOf(user, offer.OrderID); o != nil {
		for _, it := range o.Items {
			out = append(out, cards.RefundLine{Item: cards.ItemOf(names, it.SKUID, ""), Qty: it.Qty, Amount: it.UnitPrice*it.Qty - it.Refunded})
		}
	}
	return out
}
