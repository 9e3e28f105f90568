package main

import (
	"context"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/tool"
)

// refundOffers lets the agent's tools offer refund cards without the agent knowing
// the refund package: the card goes into the reply by id, and the conversation
// renders it when it posts the reply.
type refundOffers struct{ svc *refund.Service }

func (r refundOffers) Offer(ctx context.Context, req agent.OfferRequest) (tool.OfferedCard, error) {
	card, err := r.svc.Offer(ctx, refund.OfferInput{
		UserID: req.UserID, Username: req.Username, ChannelID: req.ChannelID, RootID: req.RootID,
		ConversationID: req.ConversationID, DM: req.DM,
		OrderID: req.OrderID, Kind: req.Kind, SKUs: req.SKUs, Reason: req.Reason, Lang: req.Lang,
	})
	if err != nil {
		return tool.OfferedCard{}, err
	}
	t := card.ToolResult()
	return tool.OfferedCard{ID: t.CardID, OrderID: t.OrderID, Kind: t.Kind, Amount: t.Amount,
		NeedsApproval: t.NeedsApproval, Currency: card.Offer.Currency}, nil
}
