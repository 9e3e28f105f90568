package agent

import (
	"slices"
	"sort"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Refunds: a deposit, price protection, a return. The planner only offers (a card
// the customer confirms); what is allowed is decided by commerce through the tools,
// and a refusal is explained with the shop's policy and, where staff may help, a
// handoff.

const maxRefundOrders = 5

func (s *session) answerDeposit() section {
	ids := s.orderIDs()
	if len(ids) == 0 {
		orders, e := s.listOrders()
		if e != nil {
			return section{explain: true, text: s.errText(e)}
		}
		var dep []commerce.OrderView
		for _, o := range orders {
			if o.Status == shop.StatusDepositPaid {
				dep = append(dep, o)
			}
		}
		switch len(dep) {
		case 0:
			return section{explain: true, text: joinNonEmpty(s.t("agent.deposit.none"), s.policy(commerce.KindDeposit))}
		case 1:
			ids = []string{dep[0].ID}
		default:
			if s.says(allOfThem) {
				// "两个定金都退了吧": a card for each; each still needs its click.
				for _, o := range dep {
					ids = append(ids, o.ID)
				}
				break
			}
			var lines []string
			for _, o := range dep {
				lines = append(lines, s.orderLine(o))
			}
			return section{explain: true, text: s.t("agent.refund.which") + "\n" + bullet(lines)}
		}
	}
	return section{explain: true, text: s.offerEach(ids, commerce.KindDeposit, s.t("agent.reason.deposit"))}
}

func (s *session) answerReturn() section {
	ids := s.orderIDs()
	if len(ids) == 0 {
		if id := s.historyOrderID(); id != "" && s.says(deictic) {
			ids = []string{id}
		}
	}
	if len(ids) == 0 {
		orders, e := s.listOrders()
		if e != nil {
			return section{text: s.errText(e)}
		}
		var lines, returnable []string
		for _, o := range orders {
			if o.Status == shop.StatusPaid || o.Status == shop.StatusShipped || o.Status == shop.StatusDelivered {
				lines = append(lines, s.orderLine(o))
				returnable = append(returnable, o.ID)
			}
		}
		switch {
		case len(lines) == 0:
			return section{text: joinNonEmpty(s.t("agent.return.none"), s.policy(commerce.KindReturn))}
		case len(returnable) == 1 && s.says(returnAsk):
			// "I'd like to return it" with one order that can be: that one.
			return section{text: s.offerEach(returnable, commerce.KindReturn, truncateRunes(s.text, maxReasonRunes))}
		}
		return section{text: s.t("agent.refund.which") + "\n" + bullet(lines)}
	}
	// A pre-sale not paid in full has no goods to return: what the customer wants
	// back is the deposit ("I changed my mind, refund it?" of a deposit order).
	if len(ids) == 1 && s.orderStatus(ids[0]) == shop.StatusDepositPaid {
		return section{text: s.offerEach(ids, commerce.KindDeposit, truncateRunes(s.text, maxReasonRunes))}
	}
	return section{text: s.offerEach(ids, commerce.KindReturn, truncateRunes(s.text, maxReasonRunes))}
}

// orderStatus is the status of the customer's order id, "" when it is not theirs.
func (s *session) orderStatus(id string) string {
	for _, o := range s.snap.OrdersOf(s.turn.Customer.Username) {
		if o.ID == id {
			return o.Status
		}
	}
	return ""
}

// answerReturnPolicy answers how returns work (no order to act on yet): the
// knowledge answer when it is about returns (the return policy, or an FAQ on its
// subject such as "退款多久到账"), else the return policy. "鞋子磨脚能退吗" matches
// the shoe-size FAQ best, which says nothing about returns.
func (s *session) answerReturnPolicy() section {
	pol, polText := s.policyDoc(commerce.KindReturn)
	text := s.answerFromKnowledge()
	if text != "" && pol != nil && !s.onSubject(s.kb.item, *pol) {
		text = ""
	}
	if text == "" {
		text = polText
	}
	if ex := s.returnExceptions(); len(ex) > 0 && !strings.Contains(text, ex[0]) && !s.speaksCloser(text, ex[0]) {
		// "刻了字还能退吗": the exception that says so, not how returns work.
		sep := s.t("agent.sentence_sep")
		text = s.t("agent.kb.faq", strings.Join(ex, sep)+strings.TrimSpace(sep))
	}
	if text == "" {
		return section{}
	}
	if ids := s.orderIDs(); len(ids) > 0 {
		text += "\n\n" + s.t("agent.return.how", ids[0])
	}
	return section{text: text}
}

// offerEach offers a refund of kind on each order and says what happened.
func (s *session) offerEach(ids []string, kind, reason string) string {
	var blocks []string
	for i, id := range ids {
		if i == maxRefundOrders {
			break
		}
		blocks = append(blocks, s.offer(id, kind, reason))
	}
	return strings.Join(blocks, "\n\n")
}

// offer asks offer_refund for a card. A refusal by the rules is explained with the
// policy and staff are asked to look (they may make an exception); an order that is
// not the customer's reads "not found", nothing more.
func (s *session) offer(orderID, kind, reason string) string {
	var res tool.OfferedCard
	args := map[string]any{"order_id": orderID, "kind": kind, "reason": reason}
	var lines []string
	if kind == commerce.KindReturn {
		if lines = s.returnedSKUs(orderID); lines != nil {
			args["sku_ids"] = lines
		}
	}
	e := s.call(tool.OfferRefund, args, &res)
	switch {
	case e == nil && lines != nil:
		return joinNonEmpty(s.t("agent.refund.offered.return_lines", res.OrderID, s.skuNames(lines), s.money(res.Amount)), s.approvalNote(res))
	case e == nil:
		return joinNonEmpty(s.t("agent.refund.offered."+kind, res.OrderID, s.money(res.Amount)), s.approvalNote(res))
	case e.Code == codeNotFound:
		return e.Error
	case e.Reason == commerce.ReasonAlreadyRefunded:
		return s.t("agent.refund.order_said", orderID, e.Error) // which order it was
	case e.Code == codeNotEligible:
		// The rules said no: explained with the policy, and a person offered rather
		// than paged — the customer decides whether there is more to it. The order
		// is named: the customer named it by what they bought.
		warranty := ""
		if kind == commerce.KindReturn && s.says(defectWords) {
			warranty = s.warrantyText() // past the return window, a fault is the warranty's
		}
		return joinNonEmpty(s.t("agent.refund.order_said", orderID, e.Error), warranty, s.policy(kind), s.t("agent.refund.offer_staff"))
	default:
		s.requestStaff(s.t("agent.handoff.reason.refund_failed", orderID))
		return s.t("agent.refund.unavailable")
	}
}

// warrantyWords mark a text as the shop's warranty.
var warrantyWords = cues("warranty_words")

// warrantyText is the shop's warranty policy or FAQ, "" when it has none.
func (s *session) warrantyText() string {
	var res tool.SearchResult
	if s.call(tool.SearchKnowledge, map[string]string{"query": s.t("agent.policy.query.warranty")}, &res) != nil {
		return ""
	}
	for _, h := range res.Results {
		if h.Kind == string(knowledge.KindProduct) || langOf(h.Lang, h.Title) != s.lang {
			continue
		}
		text := h.Text
		if p := s.policyIn(h.ID); p != nil && h.Kind == string(knowledge.KindPolicy) {
			text = strings.TrimSpace(p.Body)
		} else if f := findFAQ(s.snap, h.ID); f != nil && h.Kind == string(knowledge.KindFAQ) {
			text = strings.TrimSpace(f.Answer)
		}
		if warrantyWords.in(strings.ToLower(text)) {
			return text
		}
	}
	return ""
}

func (s *session) approvalNote(res tool.OfferedCard) string {
	if res.NeedsApproval {
		return s.t("agent.refund.needs_approval")
	}
	return s.t("agent.refund.confirm")
}

func (s *session) answerPriceProtection() section {
	ids := s.orderIDs()
	named := len(ids) > 0
	if !named {
		var sec *section
		if ids, sec = s.protectableOrders(); sec != nil {
			return *sec
		}
	}
	var offered, others []string
	for i, id := range ids {
		if i == maxRefundOrders {
			break
		}
		offer, other := s.protectOrder(id, named)
		if offer != "" {
			offered = append(offered, offer)
		}
		if other != "" {
			others = append(others, other)
		}
	}
	switch {
	case len(offered) > 0:
		return section{explain: true, text: s.t("agent.pp.found") + "\n\n" + strings.Join(append(offered, others...), "\n\n")}
	case len(others) > 0: // the named orders' outcomes, or a failure
		return section{explain: true, text: joinNonEmpty(strings.Join(others, "\n\n"), s.t("agent.pp.rule", s.d.protectionDays()))}
	}
	// The orders looked at are named: "which of mine?" is the customer's next question.
	checked := ids[:min(len(ids), maxRefundOrders)]
	return section{explain: true, text: s.t("agent.pp.none", strings.Join(checked, s.t("agent.ids_sep"))) + "\n" + s.t("agent.pp.rule", s.d.protectionDays())}
}

// protectableOrders are the customer's orders that price protection may cover
// (paid, shipped or delivered); with none, the section that answers instead.
func (s *session) protectableOrders() ([]string, *section) {
	orders, e := s.listOrders()
	if e != nil {
		return nil, &section{explain: true, text: s.errText(e)}
	}
	var ids []string
	for _, o := range orders {
		if o.Status == shop.StatusPaid || o.Status == shop.StatusShipped || o.Status == shop.StatusDelivered {
			ids = append(ids, o.ID)
		}
	}
	if len(ids) == 0 {
		sec := s.protectionRules(len(orders) == 0)
		return nil, &sec
	}
	return ids, nil
}

// protectOrder checks one order and offers its refund when its price dropped: the
// offer's text, or what to say of the order instead (only when the customer named
// it, or the offer failed).
func (s *session) protectOrder(id string, named bool) (offer, other string) {
	var pp commerce.PriceProtection
	if e := s.call(tool.CheckPriceProtection, map[string]string{"order_id": id}, &pp); e != nil {
		if named {
			return "", s.errText(e)
		}
		return "", ""
	}
	switch {
	case pp.RefundTotal > 0:
		var res tool.OfferedCard
		args := map[string]string{"order_id": pp.OrderID, "kind": commerce.KindPriceProtection, "reason": s.t("agent.reason.price_protection")}
		if e := s.call(tool.OfferRefund, args, &res); e != nil {
			return "", s.errText(e)
		}
		return joinNonEmpty(s.protectionText(pp, res), s.approvalNote(res)), ""
	case !named:
		return "", ""
	case !pp.Eligible:
		return "", s.t("agent.pp.not_eligible", pp.OrderID, pp.Message)
	}
	return "", s.t("agent.pp.no_drop", pp.OrderID) + "\n" + bullet(s.samePriceLines(pp))
}

// samePriceLines: what each line of an order with nothing to refund was paid and
// costs now, so that "no difference" can be checked at a glance.
func (s *session) samePriceLines(pp commerce.PriceProtection) []string {
	var lines []string
	for _, l := range pp.Lines {
		if l.NowUnit == nil {
			continue
		}
		lines = append(lines, s.t("agent.pp.line_same", s.protectionLineName(l), s.money(l.PaidUnit), s.money(*l.NowUnit)))
	}
	return lines
}

// protectionLineName: the line's product and variant, as the customer saw them.
func (s *session) protectionLineName(l commerce.ProtectionLine) string {
	var attrs shop.Attrs
	if k, _ := s.snap.SKU(l.SKUID); k != nil {
		attrs = k.Attributes
	}
	title := l.Title
	if title == "" {
		title = l.SKUID
	}
	return itemName(title, attrs, s.lang)
}

// protectionRules answers a price drop with no order to check: the shop's
// price-protection FAQ or policy (the rule itself when the shop has none), after
// saying that no order was found when there is none at all. Not "explain": the
// knowledge answer would repeat the rules.
func (s *session) protectionRules(noOrders bool) section {
	rules := s.policy(commerce.KindPriceProtection)
	if rules == "" {
		rules = s.t("agent.pp.rule", s.d.protectionDays())
	}
	if noOrders {
		return section{text: joinNonEmpty(s.t("agent.orders.none"), rules)}
	}
	return section{text: rules}
}

// protectionText lists an order's lines that dropped in price and what each refunds.
func (s *session) protectionText(pp commerce.PriceProtection, res tool.OfferedCard) string {
	var lines []string
	for _, l := range pp.Lines {
		if l.Refund <= 0 || l.NowUnit == nil {
			continue
		}
		lines = append(lines, s.t("agent.pp.line", s.protectionLineName(l), s.money(l.PaidUnit),
			s.money(*l.NowUnit), l.Qty, s.money(l.Refund)))
	}
	return s.t("agent.pp.order", pp.OrderID) + "\n" + bullet(lines) + "\n" + s.t("agent.pp.total", s.money(res.Amount))
}

// policy is the shop's own policy text for a refund kind, found with search_knowledge
// (in the customer's language when the shop has it), or "".
func (s *session) policy(kind string) string {
	_, text := s.policyDoc(kind)
	return text
}

// policyDoc is the document policy quotes, and the text.
func (s *session) policyDoc(kind string) (*tool.SearchItem, string) {
	var res tool.SearchResult
	if e := s.call(tool.SearchKnowledge, map[string]string{"query": s.t("agent.policy.query." + kind)}, &res); e != nil {
		return nil, ""
	}
	// Asked in both languages: the shop may have written the policy in one only.
	var other tool.SearchResult
	if s.call(tool.SearchKnowledge, map[string]string{"query": i18n.T(otherLang(s.lang), "agent.policy.query."+kind)}, &other) == nil {
		res.Results = byBothSearches(res.Results, other.Results)
	}
	var pick *tool.SearchItem
	// The best policy on the subject, in the customer's language when the shop wrote
	// it so (below); a policy only in the other language beats another subject's
	// policy in theirs (a deposit rule written in Chinese, for an English question).
	for _, want := range []func(tool.SearchItem) bool{
		func(h tool.SearchItem) bool { return h.Kind == string(knowledge.KindPolicy) },
		func(h tool.SearchItem) bool {
			return h.Kind == string(knowledge.KindFAQ) && langOf(h.Lang, h.Title) == s.lang
		},
	} {
		for i := range res.Results {
			if want(res.Results[i]) && res.Results[i].Text != "" {
				pick = &res.Results[i]
				break
			}
		}
		if pick != nil {
			break
		}
	}
	if pick == nil {
		return nil, ""
	}
	text, title := pick.Text, pick.Title // the full text, not the search result's excerpt
	if p := s.policyIn(pick.ID); p != nil && pick.Kind == string(knowledge.KindPolicy) {
		text, title = strings.TrimSpace(p.Body), p.Title // its twin in the customer's language
	} else if f := findFAQ(s.snap, pick.ID); f != nil && pick.Kind == string(knowledge.KindFAQ) {
		text = strings.TrimSpace(f.Answer)
	}
	return pick, s.t("agent.policy", title, text)
}

// otherLang is the other of the two languages.
func otherLang(l i18n.Lang) i18n.Lang {
	if l == i18n.ZH {
		return i18n.EN
	}
	return i18n.ZH
}

// byBothSearches orders the hits of a by how well both searches rate their topic:
// each hit's score over the best score of its list, summed over the two lists (a
// topic missing from one list adds nothing there).
func byBothSearches(a, b []tool.SearchItem) []tool.SearchItem {
	rel := func(list []tool.SearchItem, h tool.SearchItem) float64 {
		if len(list) == 0 || list[0].Score <= 0 {
			return 0
		}
		for _, x := range list {
			if x.Kind == h.Kind && (x.ID == h.ID || sameTopic(x, h)) {
				return x.Score / list[0].Score
			}
		}
		return 0
	}
	out := slices.Clone(a)
	sort.SliceStable(out, func(i, j int) bool {
		return rel(a, out[i])+rel(b, out[i]) > rel(a, out[j])+rel(b, out[j])
	})
	return out
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// allOfThem: see all_of_them in the language data.
var allOfThem = cues("all_of_them")
