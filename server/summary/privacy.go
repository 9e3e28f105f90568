package summary

import (
	"encoding/json"

	"github.com/concierge-shop/concierge/server/agent"
)

// Personal reports whether a reply made from these tool calls carries the
// customer's personal data (SPEC §7: order ids and contents, amounts paid,
// coupons held, refund and price-protection cards). It is decided from what
// produced the reply, never by reading its text: a model may word an order any way.
func Personal(calls []agent.ToolCall, cards []string) bool {
	if len(cards) > 0 {
		return true
	}
	for _, c := range calls {
		if isError(c.Result) {
			continue // nothing of the customer's came back
		}
		switch c.Name {
		case agent.ToolListOrders, agent.ToolGetOrder, agent.ToolCheckPriceProtection, agent.ToolOfferRefund:
			return true
		case agent.ToolQuotePrice:
			if appliesCoupon(c.Result) {
				return true // the quote shows a coupon the customer holds
			}
		}
	}
	return false
}

func appliesCoupon(result string) bool {
	var v struct {
		Steps []struct {
			Kind string `json:"kind"`
		} `json:"steps"`
	}
	if json.Unmarshal([]byte(result), &v) != nil {
		return false
	}
	for _, s := range v.Steps {
		if s.Kind == "coupon" {
			return true
		}
	}
	return false
}
