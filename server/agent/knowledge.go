package agent

import (
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// minConfidentScore and minLead decide when the best hit is good enough to answer
// from without a person: the top hit must score well on its own and clearly ahead
// of the next hit of another document. Measured on the labelled question set (see
// server/knowledge bench) rather than guessed.
const (
	minConfidentScore = 0.1
	minLead           = 2.0
)

// answerFromKnowledge answers from the best FAQ, policy or product that
// search_knowledge finds for the turn, or returns "" when nothing is confident enough.
func (s *session) answerFromKnowledge() string {
	text, kind := s.knowledge()
	if kind == knowledge.KindFAQ {
		return s.t("agent.kb.faq", text)
	}
	return text
}

// knowledge is the confident answer from the knowledge base, bare, and its kind.
// It is searched once per turn.
func (s *session) knowledge() (string, knowledge.Kind) {
	if s.kb != nil {
		return s.kb.text, s.kb.kind
	}
	s.kb = &kbAnswer{}
	var res searchResult
	if e := s.call(ToolSearchKnowledge, map[string]string{"query": s.text}, &res); e != nil || len(res.Results) == 0 {
		return "", ""
	}
	hits := res.Results
	best := pickHit(hits, s.lang)
	if !confident(hits, best) {
		return "", ""
	}
	switch knowledge.Kind(best.Kind) {
	case knowledge.KindFAQ:
		if f := findFAQ(s.snap, best.ID); f != nil {
			s.kb.text = strings.TrimSpace(f.Answer)
		}
	case knowledge.KindPolicy:
		if p := findPolicy(s.snap, best.ID); p != nil {
			s.kb.text = s.t("agent.kb.policy", p.Title, strings.TrimSpace(p.Body))
		}
	case knowledge.KindProduct:
		if p := s.snap.Product(best.ID); p != nil {
			s.kb.text = describeProduct(p, s.snap.Catalog.Currency, s.lang)
		}
	}
	if s.kb.text != "" {
		s.kb.kind = knowledge.Kind(best.Kind)
	}
	return s.kb.text, s.kb.kind
}

type kbAnswer struct {
	text string
	kind knowledge.Kind
}

// pickHit prefers, among hits scoring close to the best, one written in the
// customer's language: the FAQ often exists in both.
func pickHit(hits []searchItem, lang i18n.Lang) searchItem {
	top := hits[0]
	for _, h := range hits {
		if h.Score < top.Score*0.7 {
			break
		}
		if langOf(h.Lang, h.Title) == lang {
			return h
		}
	}
	return top
}

func confident(hits []searchItem, best searchItem) bool {
	if best.Score < minConfidentScore {
		return false
	}
	for _, h := range hits {
		if h.ID == best.ID || sameTopic(h, best) {
			continue
		}
		return best.Score >= h.Score*minLead
	}
	return true
}

// sameTopic: the zh and en versions of one FAQ are usually "f-x-zh"/"f-x-en"; they
// do not compete with each other.
func sameTopic(a, b searchItem) bool {
	trim := func(id string) string {
		for _, suf := range []string{"-zh", "-en", "_zh", "_en"} {
			id = strings.TrimSuffix(id, suf)
		}
		return id
	}
	return a.Kind == b.Kind && trim(a.ID) == trim(b.ID)
}

func langOf(declared, text string) i18n.Lang {
	if declared != "" {
		return i18n.Parse(declared)
	}
	return i18n.Detect(text)
}

func findFAQ(snap *shop.Snapshot, id string) *shop.FAQ {
	for i := range snap.Catalog.FAQs {
		if snap.Catalog.FAQs[i].ID == id {
			return &snap.Catalog.FAQs[i]
		}
	}
	return nil
}

func findPolicy(snap *shop.Snapshot, id string) *shop.Policy {
	for i := range snap.Catalog.Policies {
		if snap.Catalog.Policies[i].ID == id {
			return &snap.Catalog.Policies[i]
		}
	}
	return nil
}

func describeProduct(p *shop.Product, currency string, lang i18n.Lang) string {
	lo, hi, stock := int64(-1), int64(0), 0
	for _, s := range p.SKUs {
		if lo < 0 || s.Price < lo {
			lo = s.Price
		}
		hi = max(hi, s.Price)
		stock += s.Stock
	}
	price := i18n.Money(max(lo, 0), currency)
	if hi != lo {
		price = fmt.Sprintf("%s – %s", price, i18n.Money(hi, currency))
	}
	desc := truncateRunes(strings.TrimSpace(p.Description), maxBriefRunes)
	key := "agent.kb.product"
	if stock == 0 {
		key = "agent.kb.product.soldout"
	}
	return i18n.T(lang, key, p.Title, price, desc)
}
