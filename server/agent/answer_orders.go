package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Order questions: the orders named by id (get_order), else all of the customer's
// (list_orders), with the status in plain words.

const (
	maxOrdersListed = 10
	maxOrdersNamed  = 3
)

func (s *session) answerOrders() section {
	if ids := s.orderIDs(); len(ids) > 0 {
		var blocks []string
		var shown []commerce.OrderView
		for i, id := range ids {
			if i == maxOrdersNamed {
				break
			}
			var v commerce.OrderView
			if e := s.call(tool.GetOrder, map[string]string{"order_id": id}, &v); e != nil {
				blocks = append(blocks, s.errText(e))
				continue
			}
			blocks = append(blocks, s.orderDetail(v))
			shown = append(shown, v)
		}
		if s.dispatchAsked(shown) {
			if ts := s.dispatchTexts(shown); len(ts) > 0 {
				sep := s.t("agent.sentence_sep")
				blocks = append(blocks, s.t("agent.orders.dispatch", strings.Join(ts, strings.TrimSpace(sep))))
			}
		}
		return section{explain: true, text: strings.Join(blocks, "\n\n")}
	}
	orders, e := s.listOrders()
	if e != nil {
		return section{explain: true, text: s.errText(e)}
	}
	if len(orders) == 0 {
		if s.says(dispatchWords) && !s.says(listAsked) && !s.says(mineWords) {
			// "下午三点拍的 今天能寄出来吗" with no order to look at: the shop's
			// dispatch rule answers it (the knowledge, or a question back).
			return section{}
		}
		return section{explain: true, text: s.t("agent.orders.none")}
	}
	var lines []string
	for i := 0; i < len(orders) && i < maxOrdersListed; i++ {
		lines = append(lines, s.orderLine(orders[i]))
	}
	lead := s.t("agent.orders.list", len(orders))
	if what := s.notBought(); what != "" {
		lead = s.t("agent.orders.not_bought", what) + "\n" + lead
	}
	return section{explain: true, text: lead + "\n" + bullet(lines) + "\n\n" + s.t("agent.orders.more")}
}

// notBought is what the customer says they bought ("我买的空调到哪了") when none of
// their orders holds it: the product's or the category's name, "" otherwise. The
// list of their orders then follows a plain "not found", not in its place.
func (s *session) notBought() string {
	if !s.talksOfAnOrder() || len(s.ordersByContent()) > 0 {
		return ""
	}
	if ps := s.namedProducts(s.text); len(ps) > 0 {
		return localText(ps[0].Title, s.lang)
	}
	if ms := s.words.categoryMentions(s.low); len(ms) > 0 {
		return s.low[ms[0].pos:ms[0].end]
	}
	return ""
}

func (s *session) listOrders() ([]commerce.OrderView, *tool.ErrorResult) {
	var res tool.OrdersResult
	if e := s.call(tool.ListOrders, struct{}{}, &res); e != nil {
		return nil, e
	}
	return res.Orders, nil
}

// orderLine is one order in a list: id, status, items, amount.
func (s *session) orderLine(v commerce.OrderView) string {
	var items []string
	for _, it := range v.Items {
		items = append(items, s.t("agent.orders.item_short", s.itemTitle(it), it.Qty))
	}
	return s.t("agent.orders.line", v.ID, v.StatusText, strings.Join(items, s.t("agent.list_sep")), s.amountText(v))
}

// orderDetail is one order in full.
func (s *session) orderDetail(v commerce.OrderView) string {
	var b strings.Builder
	b.WriteString(s.t("agent.orders.head", v.ID, v.StatusText))
	var lines []string
	for _, it := range v.Items {
		l := s.t("agent.orders.item", s.itemTitle(it), it.Qty, s.money(it.UnitPrice))
		if it.Refunded > 0 {
			l += s.t("agent.orders.item_refunded", s.money(it.Refunded))
		}
		lines = append(lines, l)
	}
	b.WriteString("\n" + bullet(lines))
	if v.PaidAt != nil {
		b.WriteString("\n" + s.t("agent.orders.paid_at", v.PaidAt.Format("2006-01-02 15:04")))
	}
	if v.DeliveredAt != nil {
		b.WriteString("\n" + s.t("agent.orders.delivered_at", v.DeliveredAt.Format("2006-01-02 15:04")))
	}
	b.WriteString("\n" + s.amountText(v))
	return b.String()
}

func (s *session) itemTitle(it commerce.OrderItemView) string {
	if it.Title == "" {
		return it.SKUID // a sku gone from the catalog
	}
	return itemName(it.Title, it.Attributes, s.lang)
}

// amountText: what was paid, or for a presale order the deposit and its terms.
func (s *session) amountText(v commerce.OrderView) string {
	if v.Status == shop.StatusDepositPaid && v.Deposit != nil {
		key := "agent.orders.deposit_kept"
		if v.Deposit.Refundable {
			key = "agent.orders.deposit_refundable"
		}
		return s.t(key, s.money(v.Deposit.Amount), s.money(v.Total))
	}
	return s.t("agent.orders.total", s.money(v.Total))
}
