package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// "牙刷昨晚买的 怎么还没发": an order paid and not shipped yet, asked after its
// dispatch, is answered with its state and the shop's own promise of when it ships
// ("付款后48小时内发货") — the sentence of the shop's FAQs or policies about
// dispatch that states a figure, found by the search as any customer's question
// about dispatch would find it.

var (
	dispatchWords   = cues("dispatch")
	statusPaidWords = cues("status_paid")
)

// dispatchAsked: the turn asks when, or why not yet, an order of these ships.
func (s *session) dispatchAsked(orders []commerce.OrderView) bool {
	if !s.says(dispatchWords) && !s.says(statusPaidWords) {
		return false
	}
	for _, v := range orders {
		if v.Status == shop.StatusPaid || v.Status == shop.StatusDepositPaid {
			return true
		}
	}
	return false
}

// dispatchTexts are the sentences that say when these orders ship: for a
// pre-sale (deposit paid), its product's own words ("2027年1月15日起发货"); for
// the others, the shop's promise.
func (s *session) dispatchTexts(orders []commerce.OrderView) []string {
	var out []string
	shopWide := false
	for _, v := range orders {
		switch v.Status {
		case shop.StatusPaid:
			shopWide = true
		case shop.StatusDepositPaid:
			for _, it := range v.Items {
				if _, p := s.snap.SKU(it.SKUID); p != nil {
					// The customer's half first; the other half when only it gives the date.
					sent := dispatchSentence(localDescription(p.Description, s.lang))
					if sent == "" {
						sent = dispatchSentence(p.Description)
					}
					if sent != "" && !contains(out, sent) {
						out = append(out, sent)
					}
				}
			}
		}
	}
	if shopWide {
		if p := s.dispatchPromise(); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// dispatchSentence is the sentence of text about dispatch that states a figure.
func dispatchSentence(text string) string {
	for _, sent := range sentenceEnd.Split(text, -1) {
		sent = strings.TrimSpace(sent)
		if dispatchWords.in(strings.ToLower(sent)) && strings.ContainsAny(sent, "0123456789") {
			return sent
		}
	}
	return ""
}

// dispatchPromise is the shop's sentence on when orders ship, "" when it wrote none.
func (s *session) dispatchPromise() string {
	var res tool.SearchResult
	if e := s.call(tool.SearchKnowledge, map[string]string{"query": s.t("agent.orders.dispatch_query")}, &res); e != nil {
		return ""
	}
	for _, h := range res.Results {
		var text string
		switch knowledge.Kind(h.Kind) {
		case knowledge.KindFAQ:
			if f := s.faqIn(h.ID); f != nil {
				text = f.Answer
			}
		case knowledge.KindPolicy:
			if p := s.policyIn(h.ID); p != nil {
				text = p.Body
			}
		}
		if sent := dispatchSentence(text); sent != "" {
			return sent
		}
	}
	return ""
}
