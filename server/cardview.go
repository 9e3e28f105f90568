package main

import (
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// replyViews builds a reply's cards from what it was made of (conversation.ReplyViews):
// the quote, product or comparison its tool calls returned, and its refund cards as
// they stand. The planner's text is untouched; the cards come from the values the
// tools produced (tool.Call.Typed), never from re-reading the text or the JSON. A card stands for the reply's one quote
// or one product: a reply that priced several carts (a recommendation, two
// variants) has its prices in the words, and a card of one of them would show a
// total the customer did not ask for as if it were the answer.
type replyViews struct {
	shop    interface{ Snapshot() *shop.Snapshot }
	refunds interface {
		Get(id string) (*refund.Card, error)
	}
}

func (v replyViews) Decorate(p *model.Post, reply *agent.Reply, lang string) {
	view := cards.View{Lang: lang, Text: reply.Text}
	snap := v.shop.Snapshot()
	var names cards.Names
	if snap != nil {
		names = snap
	}
	var price, product, compare *cards.Card
	quotes, products := 0, map[string]bool{}
	now := func(skuID string) (shop.Money, bool) { return commerce.UnitPriceAt(snap, skuID, time.Now()) }
	for _, call := range reply.Calls {
		switch r := call.Typed().(type) {
		case *commerce.Quote:
			if len(r.Lines) > 0 {
				quotes++
				price = &cards.Card{Kind: cards.KindPrice, Price: new(cards.PriceOf(names, r))}
			}
		case tool.ProductInfo:
			if snap == nil {
				continue
			}
			if sp := snap.Product(r.ID); sp != nil {
				products[sp.ID] = true
				product = &cards.Card{Kind: cards.KindProduct, Product: new(cards.ProductOf(sp, snap.Catalog.Currency, now))}
			}
		case tool.CompareResult:
			if snap == nil {
				continue
			}
			c := cards.Compare{}
			for _, x := range r.Products {
				if sp := snap.Product(x.ID); sp != nil {
					c.Products = append(c.Products, cards.ProductOf(sp, snap.Catalog.Currency, now))
				}
			}
			if len(c.Products) >= 2 {
				compare = &cards.Card{Kind: cards.KindCompare, Compare: &c}
			}
		}
	}
	if quotes > 1 {
		price = nil
	}
	if compare != nil || quotes > 0 || len(products) > 1 {
		product = nil // the comparison or the price says what the reply is about
	}
	for _, c := range []*cards.Card{compare, product, price} {
		if c != nil {
			view.Cards = append(view.Cards, *c)
		}
	}
	for _, id := range reply.CardIDs() {
		if c, err := v.refunds.Get(id); err == nil && c != nil {
			view.Cards = append(view.Cards, cards.Card{Kind: cards.KindRefund, Refund: new(c.View(names))})
		}
	}
	cards.Apply(p, view)
}
