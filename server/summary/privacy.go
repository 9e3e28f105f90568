package summary

import (
	"slices"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// Personal reports whether a reply made from these tool calls carries the
// customer's personal data (SPEC §7: order ids and contents, amounts paid,
// coupons held, refund and price-protection cards). It is decided from what
// produced the reply, never by reading its text: a model may word an order any way.
func Personal(calls []tool.Call, cards []string) bool {
	if len(cards) > 0 {
		return true
	}
	for _, c := range calls {
		if c.Failed() {
			continue // nothing of the customer's came back
		}
		switch c.Name {
		case tool.ListOrders, tool.GetOrder, tool.CheckPriceProtection, tool.OfferRefund:
			return true
		case tool.QuotePrice:
			if q, ok := c.Typed().(*commerce.Quote); ok && appliesCoupon(q) {
				return true // the quote shows a coupon the customer holds
			}
		}
	}
	return false
}

func appliesCoupon(q *commerce.Quote) bool {
	return slices.ContainsFunc(q.Steps, func(s commerce.Step) bool { return s.Kind == commerce.KindCoupon })
}
