package agent

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// minConfidentScore and minLead decide when the best hit is good enough to answer
// from without a person: its topic must match the question on its subject and
// score well on its own, and clearly ahead of the best rival (a hit that would
// answer something else, see rival), all in the confidence search (see confident).
// Measured on the labelled questions (kb_eval_test.go): on the tuning and
// held-out sets every threshold from 0.15 to 0.5 gave the same answers (with
// the ranking scores, 0.1 was a knife edge); 0.3 is the middle, geometrically.
// Since the field weights: 0.1 to 0.3 (0.4 on the tuning set alone).
// minLead: the largest lead (the most cautious) that keeps every answer of the
// tuning set since the search weighs titles over tags over bodies (1.8; with 2,
// two tuning questions were handed off: a rival FAQ whose title shares the
// question's words gained on the answer). Below 1.4 the held-out set gets a
// wrong answer.
const (
	minConfidentScore = 0.3
	minLead           = 1.8
)

// answerFromKnowledge answers from the best FAQ, policy or product that
// search_knowledge finds for the turn, or returns "" when nothing is confident enough.
func (s *session) answerFromKnowledge() string {
	text, kind := s.knowledge()
	if kind == knowledge.KindFAQ {
		return s.t("agent.kb.faq", s.otherLangLead(text)+text)
	}
	return text
}

// otherLangLead: an English yes-no question answered by a Chinese FAQ that opens
// with a plain no or yes ("不支持货到付款…") gets "No — " or "Yes — " in English
// first: the rest may stay in the shop's words, the answer may not.
func (s *session) otherLangLead(answer string) string {
	if r, _ := utf8.DecodeRuneInString(answer); s.lang != i18n.EN || r < utf8.RuneSelf || !s.asksYesNo() {
		return ""
	}
	switch {
	case faqNo.prefixOf(answer):
		return s.t("agent.fact.no")
	case faqYes.prefixOf(answer):
		return s.t("agent.fact.yes")
	}
	return ""
}

// faqNo, faqYes: how a Chinese answer opens with a no or a yes (faq_opens_no/yes).
var (
	faqNo  = cues("faq_opens_no")
	faqYes = cues("faq_opens_yes")
)

// knowledge is the confident answer from the knowledge base, bare, and its kind.
// It is searched once per turn.
func (s *session) knowledge() (string, knowledge.Kind) {
	if s.kb != nil {
		return s.kb.text, s.kb.kind
	}
	s.kb = &kbAnswer{}
	q := strings.TrimSpace(otherSenses.ReplaceAllString(stripFiller(s.text), " "))
	if !strings.ContainsFunc(q, isWordRune) {
		return "", ""
	}
	q = s.glossedQuery(q)
	if text, kind, item, ok := s.knowledgeFor(q); ok {
		s.kb.text, s.kb.kind, s.kb.item = text, kind, item
	} else {
		s.kb.text, s.kb.kind, s.kb.item = s.knowledgeByClause(q)
	}
	return s.kb.text, s.kb.kind
}

// knowledgeFor is the confident answer to q, its kind and the document.
func (s *session) knowledgeFor(q string) (string, knowledge.Kind, tool.SearchItem, bool) {
	var res tool.SearchResult
	if e := s.call(tool.SearchKnowledge, map[string]string{"query": q}, &res); e != nil || len(res.Results) == 0 {
		return "", "", tool.SearchItem{}, false
	}
	hits := res.Results
	best := pickHit(hits, s.lang)
	if !s.confident(hits, best, s.confidenceHits(q)) {
		place, ok := s.placeFAQ(hits)
		if !ok {
			return "", "", tool.SearchItem{}, false
		}
		best = place
	}
	text := ""
	switch knowledge.Kind(best.Kind) {
	case knowledge.KindFAQ:
		if f := s.faqIn(best.ID); f != nil {
			text = s.withoutExceptions(s.focusList(strings.TrimSpace(f.Answer)))
		}
	case knowledge.KindPolicy:
		if p := s.policyIn(best.ID); p != nil {
			text = s.t("agent.kb.policy", p.Title, strings.TrimSpace(p.Body))
		}
	case knowledge.KindProduct:
		if p := s.snap.Product(best.ID); p != nil {
			text = describeProduct(p, s.snap.Catalog.Currency, s.lang)
		}
	}
	return text, knowledge.Kind(best.Kind), best, text != ""
}

// minListItems: an answer of this many items or more, separated by semicolons, is a
// list of cases ("A 1年保修；B 6个月保修；C …；D …").
const minListItems = 4

// focusList answers a question about one case of a list-like answer with that
// case alone: the neighbouring cases state other periods, sizes or fees, which
// read as the answer to this question. An answer that is no such list, or a
// question that no one case matches clearly, gets the whole answer.
func (s *session) focusList(answer string) string {
	items := strings.FieldsFunc(answer, func(r rune) bool { return r == '；' || r == ';' })
	if len(items) < minListItems {
		return answer
	}
	facts := s.factSentences("", answer)
	if len(facts) == 0 || len(facts) > len(items)/2 || !strings.ContainsAny(strings.Join(facts, ""), "0123456789") {
		return answer // only a case that states a figure is kept apart from the others'
	}
	sep := s.t("agent.sentence_sep")
	return strings.Join(facts, sep) + strings.TrimSpace(sep)
}

type kbAnswer struct {
	text string
	kind knowledge.Kind
	item tool.SearchItem // the document answered from
}

// onSubject: document a answers on the subject of document b: the same one, its
// twin, or an FAQ and a policy that find each other (see related).
func (s *session) onSubject(a, b tool.SearchItem) bool {
	if sameTopic(a, b) {
		return true
	}
	faq, pol, ok := faqAndPolicy(a, b)
	return ok && s.related(faq, pol)
}

// pickHit prefers, among hits scoring close to the best, one written in the
// customer's language: the FAQ often exists in both.
func pickHit(hits []tool.SearchItem, lang i18n.Lang) tool.SearchItem {
	top := hits[0]
	if langOf(top.Lang, top.Title) == lang {
		return top
	}
	// The best one's own twin first, wherever it ranks: a document on another
	// subject that scores close ("how soon do you ship" beside the price-protection
	// policy's "after I pay") is no translation of it.
	for _, h := range hits {
		if langOf(h.Lang, h.Title) == lang && sameTopic(h, top) {
			return h
		}
	}
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

// confident: best's topic matches the question well on its own, and leads its
// best rival. A topic scores as its best hit: pickHit may have chosen the
// customer's-language twin of a better-scoring FAQ.
//
// Both are judged on the confidence search (knowledge.SearchOptions.
// IgnoreUnknownWords), not on the ranking scores: those divide by every word of
// the question, so a long, chatty question scored low whatever it asked, and
// the chat's fuzzy matches shifted the lead. There, the topic must also match
// the question on its subject (its title or tags), not only by a word its body
// mentions in passing.
func (s *session) confident(hits []tool.SearchItem, best tool.SearchItem, conf []knowledge.Hit) bool {
	var match, score float64
	for _, h := range conf {
		if sameTopic(asItem(h), best) {
			score = max(score, h.Score)
			if h.OnSubject {
				match = max(match, h.Score)
			}
		}
	}
	rival := 0.0
	for _, h := range hits {
		if s.rival(h, best) {
			rival = max(rival, rivalScore(conf, h))
		}
	}
	if match < minConfidentScore && score >= minConfidentScore && len(conf) == 1 && len(hits) == 1 && isQuestion(s.low) {
		// The one document in the shop that shares a question's words, on a word of
		// its answer rather than its question ("车寄到是散的吗" → "整车到手需要自己安装吗？"):
		// nothing else could be meant.
		match = score
	}
	return match >= minConfidentScore && score >= rival*minLead
}

// offSubjectRival weighs a rival the question matches only in its body (a
// product whose description shares a word): it would answer something else far
// less surely than one matched on its subject.
const offSubjectRival = 0.5

// rivalScore is h's score in the confidence search as a rival: halved when the
// question does not match it on its subject.
func rivalScore(conf []knowledge.Hit, h tool.SearchItem) float64 {
	for _, c := range conf {
		if string(c.Kind) == h.Kind && c.ID == h.ID {
			if !c.OnSubject {
				return c.Score * offSubjectRival
			}
			return c.Score
		}
	}
	return 0
}

// confidenceHits searches q again for judging confidence (see confident).
func (s *session) confidenceHits(q string) []knowledge.Hit { return s.searchHits(q, 2*searchLimit) }

// searchHits are the search's first limit hits for q, nil on an error.
func (s *session) searchHits(q string, limit int) []knowledge.Hit {
	if s.d.Search == nil {
		return nil
	}
	hits, err := s.d.Search.Search(s.ctx, q, knowledge.SearchOptions{Limit: limit, IgnoreUnknownWords: true})
	if err != nil {
		return nil
	}
	return hits
}

// rival reports whether hit h would answer another question than best. These do
// not: best's other-language twin; a product the customer names only as the
// subject of a shop-wide question when best is an FAQ or policy ("这个sneaker包邮吗",
// "手机激活了还能退吗": the products are context, the question is shipping or
// returns); and a product that best's own text talks about, or whose best is an FAQ
// or policy that talks about it (the shoe-size FAQ names the runner that runs small).
func (s *session) rival(h, best tool.SearchItem) bool {
	if h.Kind == best.Kind && h.ID == best.ID || sameTopic(h, best) {
		return false
	}
	if faq, pol, ok := faqAndPolicy(h, best); ok {
		return !s.related(faq, pol)
	}
	prod, doc := h, best
	if best.Kind == string(knowledge.KindProduct) {
		prod, doc = best, h
	}
	if prod.Kind != string(knowledge.KindProduct) || doc.Kind == string(knowledge.KindProduct) {
		return true
	}
	p := s.snap.Product(prod.ID)
	if p == nil {
		return true
	}
	if prod == h && s.isSubject(p) {
		return false
	}
	return !namesProduct(doc.Title+"\n"+doc.Text, p)
}

func faqAndPolicy(a, b tool.SearchItem) (faq, pol tool.SearchItem, ok bool) {
	if a.Kind == string(knowledge.KindPolicy) {
		a, b = b, a
	}
	return a, b, a.Kind == string(knowledge.KindFAQ) && b.Kind == string(knowledge.KindPolicy)
}

// related: an FAQ and a policy on one subject (the delivery-time FAQ and the
// shipping policy) do not compete. Each must find the other: the FAQ's question,
// searched, finds that policy first among the policies, and the policy's title
// finds that FAQ among the first two FAQ subjects (a policy covers several FAQs).
func (s *session) related(faq, pol tool.SearchItem) bool {
	f, p := findFAQ(s.snap, faq.ID), findPolicy(s.snap, pol.ID)
	if f == nil || p == nil || s.d.Search == nil {
		return false
	}
	search := func(q string, kind knowledge.Kind) []knowledge.Hit {
		hits, err := s.d.Search.Search(s.ctx, q, knowledge.SearchOptions{Kinds: []knowledge.Kind{kind}, Limit: 6})
		if err != nil {
			return nil
		}
		return hits
	}
	pols := search(f.Question, knowledge.KindPolicy)
	if len(pols) == 0 || !sameTopic(asItem(pols[0]), pol) {
		return false
	}
	var subjects []tool.SearchItem
	for _, h := range search(p.Title, knowledge.KindFAQ) {
		it := asItem(h)
		if it.ID == faq.ID || sameTopic(it, faq) {
			return true
		}
		if !slices.ContainsFunc(subjects, func(o tool.SearchItem) bool { return sameTopic(o, it) }) {
			if subjects = append(subjects, it); len(subjects) == 2 {
				break
			}
		}
	}
	return false
}

func asItem(h knowledge.Hit) tool.SearchItem {
	return tool.SearchItem{Kind: string(h.Kind), ID: h.ID, Title: h.Title}
}

// isSubject: the customer names p, or its category, in this turn.
func (s *session) isSubject(p *shop.Product) bool {
	if s.subjects == nil {
		s.subjects = map[string]bool{}
		for _, m := range s.words.categoryMentions(s.low) {
			s.subjects["cat:"+m.cat] = true
		}
		for _, n := range s.namedProducts(s.text) {
			s.subjects[n.ID] = true
		}
	}
	// A product the turn names only by a word of its title ("牙刷" of "<brand>电动牙刷
	// 替换刷头") is the subject of a question the shop's FAQ answers, too.
	return s.subjects[p.ID] || p.Category != "" && s.subjects["cat:"+p.Category] || len(hanTitleWordsIn(s.low, p)) > 0
}

// hanTitleWordsIn are the Chinese words of two characters or more of p's title
// that low repeats.
func hanTitleWordsIn(low string, p *shop.Product) []string {
	var out []string
	for _, w := range productWordsIn(low, p) {
		if !isASCII(w) && !stopPhrases.in(w) {
			out = append(out, w)
		}
	}
	return out
}

// namesProduct: text mentions p by its Chinese or English name.
func namesProduct(text string, p *shop.Product) bool {
	low := strings.ToLower(text)
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		if name := strings.ToLower(localText(p.Title, lang)); utf8.RuneCountInString(name) >= 2 && strings.Contains(low, name) {
			return true
		}
	}
	return false
}

// sameTopic: the zh and en versions of one FAQ are usually "f-x-zh"/"f-x-en"; they
// do not compete with each other.
func sameTopic(a, b tool.SearchItem) bool {
	return a.Kind == b.Kind && (twinIDs(a.ID, b.ID) || translations(a, b))
}

// translations: two FAQs in different languages whose questions mention the same
// concepts ("Can I pay by card in installments?", "支持哪些付款方式？能分期吗？"):
// the shop's one answer written twice, whatever their ids. Only FAQs: a
// policy's title names too little to tell.
func translations(a, b tool.SearchItem) bool {
	if a.Kind != string(knowledge.KindFAQ) || langOf(a.Lang, a.Title) == langOf(b.Lang, b.Title) {
		return false
	}
	ca := knowledge.Concepts(a.Title)
	return len(ca) > 0 && slices.Equal(ca, knowledge.Concepts(b.Title))
}

func twinIDs(a, b string) bool {
	trim := func(id string) string {
		for _, suf := range []string{"-zh", "-en", "_zh", "_en"} {
			id = strings.TrimSuffix(id, suf)
		}
		return id
	}
	return trim(a) == trim(b)
}

func langOf(declared, text string) i18n.Lang {
	if declared != "" {
		return i18n.Parse(declared)
	}
	return i18n.Detect(text)
}

// faqIn is the FAQ id, or its twin in the customer's language when the shop has
// one (the search may rank the other language's version alone: a concept matched
// only its title). policyIn likewise.
func (s *session) faqIn(id string) *shop.FAQ {
	return inLang(s.snap.Catalog.FAQs, id, s.lang, func(f *shop.FAQ) (string, i18n.Lang) {
		return f.ID, langOf(f.Lang, f.Question)
	})
}

func (s *session) policyIn(id string) *shop.Policy {
	return inLang(s.snap.Catalog.Policies, id, s.lang, func(p *shop.Policy) (string, i18n.Lang) {
		return p.ID, langOf(p.Lang, p.Title)
	})
}

// inLang returns the item with id, or its twin written in lang; nil without the item.
func inLang[T any](items []T, id string, lang i18n.Lang, info func(*T) (string, i18n.Lang)) *T {
	var found, twin *T
	for i := range items {
		itID, itLang := info(&items[i])
		switch {
		case itID == id:
			found = &items[i]
			if itLang == lang {
				return found
			}
		case twin == nil && itLang == lang && twinIDs(itID, id):
			twin = &items[i]
		}
	}
	if found != nil && twin != nil {
		return twin
	}
	return found
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
	desc := truncateRunes(localDescription(p.Description, lang), maxBriefRunes)
	key := "agent.kb.product"
	if stock == 0 {
		key = "agent.kb.product.soldout"
	}
	return i18n.T(lang, key, titleText(p.Title, lang), price, desc)
}
