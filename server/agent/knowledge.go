package agent

import (
	"context"
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
	minConfidentScore = 0.6
	minLead           = 1.15
)

// answerFromKnowledge answers from the best FAQ, policy or product, or returns nil
// when nothing is confident enough.
func (o *Offline) answerFromKnowledge(ctx context.Context, text string, lang i18n.Lang) *Reply {
	if o.Search == nil || o.Shop == nil {
		return nil
	}
	hits, err := o.Search.Search(ctx, text, knowledge.SearchOptions{Limit: 5})
	if err != nil || len(hits) == 0 {
		return nil
	}
	snap := o.Shop.Snapshot()
	best := pickHit(snap, hits, lang)
	if best == nil || !confident(hits, *best) {
		return nil
	}
	switch best.Kind {
	case knowledge.KindFAQ:
		if f := findFAQ(snap, best.ID); f != nil {
			return &Reply{Text: i18n.T(lang, "agent.kb.faq", strings.TrimSpace(f.Answer))}
		}
	case knowledge.KindPolicy:
		if p := findPolicy(snap, best.ID); p != nil {
			return &Reply{Text: i18n.T(lang, "agent.kb.policy", p.Title, strings.TrimSpace(p.Body))}
		}
	case knowledge.KindProduct:
		if p := snap.Product(best.ID); p != nil {
			return &Reply{Text: describeProduct(p, snap.Catalog.Currency, lang)}
		}
	}
	return nil
}

// pickHit prefers, among hits scoring close to the best, one written in the
// customer's language: the FAQ often exists in both.
func pickHit(snap *shop.Snapshot, hits []knowledge.Hit, lang i18n.Lang) *knowledge.Hit {
	top := hits[0]
	for i := range hits {
		h := &hits[i]
		if h.Score < top.Score*0.7 {
			break
		}
		if docLang(snap, *h) == lang {
			return h
		}
	}
	return &hits[0]
}

func confident(hits []knowledge.Hit, best knowledge.Hit) bool {
	if best.Score < minConfidentScore {
		return false
	}
	for _, h := range hits {
		if h.ID == best.ID || sameTopic(h, best) {
			continue
		}
		return best.Score >= h.Score*minLead || h.Score < minConfidentScore
	}
	return true
}

// sameTopic: the zh and en versions of one FAQ are usually "f-x-zh"/"f-x-en" or
// share a title; they do not compete with each other.
func sameTopic(a, b knowledge.Hit) bool {
	trim := func(id string) string {
		for _, suf := range []string{"-zh", "-en", "_zh", "_en"} {
			id = strings.TrimSuffix(id, suf)
		}
		return id
	}
	return a.Kind == b.Kind && trim(a.ID) == trim(b.ID)
}

func docLang(snap *shop.Snapshot, h knowledge.Hit) i18n.Lang {
	switch h.Kind {
	case knowledge.KindFAQ:
		if f := findFAQ(snap, h.ID); f != nil {
			return langOf(f.Lang, f.Question)
		}
	case knowledge.KindPolicy:
		if p := findPolicy(snap, h.ID); p != nil {
			return langOf(p.Lang, p.Title)
		}
	case knowledge.KindProduct:
		if p := snap.Product(h.ID); p != nil {
			return langOf(p.Lang, p.Title)
		}
	}
	return ""
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
	price := i18n.Money(lo, currency)
	if hi != lo {
		price = fmt.Sprintf("%s – %s", price, i18n.Money(hi, currency))
	}
	desc := strings.TrimSpace(p.Description)
	if r := []rune(desc); len(r) > 200 {
		desc = string(r[:200]) + "…"
	}
	key := "agent.kb.product"
	if stock == 0 {
		key = "agent.kb.product.soldout"
	}
	return i18n.T(lang, key, p.Title, price, desc)
}
