package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// A customer names an order by what they bought more often than by its id: "上周买的
// 推车到哪了", "调奶器那单怎么样了", "my W3 pump order". Such a turn is linked to the
// customer's own orders that hold the product it names (or, naming none, a product
// of the category it names) — only theirs: the orders come from OrdersOf.

// orderRef: the customer talks about something they bought.
var orderRef = phrases{"订单", "那单", "这单", "单子", "一单", "买的", "买了", "下单", "到哪", "发货", "签收",
	"order", "ordered", "bought", "purchase", "purchased", "delivered", "arrive", "arrived", "shipped"}

func (s *session) talksOfAnOrder() bool {
	// "我买的话" is "if I buy", not something bought.
	low := strings.ReplaceAll(s.low, "买的话", "")
	return orderRef.in(low) || orderWords.in(s.low) || returnWords.in(s.low) || depositWords.in(s.low) ||
		protectionWords.in(s.low)
}

// ordersByContent: the customer's orders holding a product the turn names, else a
// product of a category it names; none when the turn names neither.
func (s *session) ordersByContent() []string {
	own := s.snap.OrdersOf(s.turn.Customer.Username)
	if len(own) == 0 {
		return nil
	}
	products := s.namedProducts(s.text)
	for _, p := range s.searchProducts(s.text, nil, false) {
		if !containsProduct(products, p) {
			products = append(products, p)
		}
	}
	// match keeps the orders holding the most of what the turn names ("润肤乳沐浴露那单"
	// is the order with both, not every order with one of them).
	match := func(keep func(p *shop.Product) bool) []string {
		var ids []string
		best := 0
		for _, o := range own {
			n := 0
			for _, it := range o.Items {
				if _, p := s.snap.SKU(it.SKUID); p != nil && keep(p) {
					n++
				}
			}
			switch {
			case n == 0 || n < best:
			case n > best:
				ids, best = []string{o.ID}, n
			default:
				ids = append(ids, o.ID)
			}
		}
		return ids
	}
	if len(products) > 0 {
		if ids := match(func(p *shop.Product) bool { return containsProduct(products, p) }); len(ids) > 0 {
			s.byContent = true
			return capIDs(ids)
		}
	}
	if cats := mentionedCats(s.words.categoryMentions(s.low)); len(cats) > 0 {
		if ids := match(func(p *shop.Product) bool { return contains(cats, p.Category) }); len(ids) > 0 {
			s.byContent = true
			return capIDs(ids)
		}
	}
	return nil
}

// linkedByContent: the turn's orders were found by what was bought, not by id.
func (s *session) linkedByContent() bool {
	s.orderIDs()
	return s.byContent
}

func capIDs(ids []string) []string {
	if len(ids) > maxOrdersNamed {
		return ids[:maxOrdersNamed]
	}
	return ids
}
