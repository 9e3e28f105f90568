package agent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// A shop-wide question about a kind of product ("<category> can it ship abroad",
// "<category> why so slow", "<product word> gifts: can I choose") names a product
// only as its subject: the answer is the sentence of the shop's FAQs or policies
// that speaks of that subject and of what is asked ("<category> ships by land
// only … not to …"), which the search may rank below the product itself, whose
// title carries the subject word. When the product's own description does not
// answer the question, those sentences do.

// maxSubjectSentences bounds the quoted sentences, as for a product's facts.
const maxSubjectSentences = 2

// subjectSentences are the sentences of the FAQ answers and policies in the
// customer's language that contain a word the turn names its products by and share
// a word of the question besides; nil when none does, or when the turn asks about
// the product itself (price, stock, offers, options).
func (s *session) subjectSentences() []string {
	if s.asksStock() || s.says(priceWords) || s.says(offerWords) || s.says(optionsAsk) || s.says(compareWords) {
		return nil
	}
	subjects, named := s.subjectWords()
	if len(subjects) == 0 || len(named) > 1 || s.says(whichWords) {
		return nil // products named or chosen between are compared, not a kind of product asked about
	}
	terms := s.questionTermsOf(withoutWords(strings.ToLower(s.lastLine()), subjects), "")
	if terms.empty() {
		return nil
	}
	// What the products' own descriptions say of the question sets the bar: the
	// shop's sentences answer only when they speak of it clearly more — twice the
	// product's own evidence (a character or two in common, "只" of "一只多重" in a
	// sizing sentence, is no reason to leave the product's answer).
	bar := max(minFactScore, 2*s.ownEvidence(named, subjects, terms))
	return s.bestShopSentences(subjects, terms, bar)
}

// ownEvidence: how well the products' own descriptions speak of the question.
func (s *session) ownEvidence(named []*shop.Product, subjects []string, terms questionTerms) float64 {
	own := 0.0
	for _, p := range named {
		for _, sent := range sentenceEnd.Split(localDescription(p.Description, s.lang), -1) {
			own = max(own, terms.score(withoutWords(strings.ToLower(sent), subjects)))
		}
	}
	return own
}

// bestShopSentences are the best-scoring shop sentences naming a subject and
// scoring at least bar on the question's other words.
func (s *session) bestShopSentences(subjects []string, terms questionTerms, bar float64) []string {
	type hit struct {
		text  string
		score float64
	}
	var hits []hit
	best := 0.0
	for _, doc := range s.shopTexts() {
		for _, sent := range sentenceEnd.Split(doc, -1) {
			sent = strings.TrimRight(strings.TrimSpace(sent), ".。;；!！?？ ")
			low := strings.ToLower(sent)
			rest := withoutWords(low, subjects)
			if rest == low {
				continue // speaks of no subject of the turn
			}
			// The subject word itself is no evidence of what is asked.
			if sc := terms.score(rest); sc >= bar {
				hits = append(hits, hit{sent, sc})
				best = max(best, sc)
			}
		}
	}
	var out []string
	for _, h := range hits {
		if h.score == best && len(out) < maxSubjectSentences && !contains(out, h.text) {
			out = append(out, h.text)
		}
	}
	return out
}

// shopTexts are the FAQ answers and policy bodies in the customer's language.
func (s *session) shopTexts() []string {
	var out []string
	for _, f := range s.snap.Catalog.FAQs {
		if langOf(f.Lang, f.Answer) == s.lang {
			out = append(out, f.Answer)
		}
	}
	for _, p := range s.snap.Catalog.Policies {
		if langOf(p.Lang, p.Body) == s.lang {
			out = append(out, p.Body)
		}
	}
	return out
}

// subjectWords are the words by which the turn's last line names products: the
// category words it uses, and the parts of a named product's title it repeats (a
// Chinese run of two characters or more, a Latin word of three letters or more),
// lower-cased, longest first.
func (s *session) subjectWords() (words []string, named []*shop.Product) {
	line := strings.ToLower(s.lastLine())
	var out []string
	for _, m := range s.words.categoryMentions(line) {
		out = append(out, line[m.pos:m.end])
	}
	named = s.namedProducts(s.lastLine())
	if _, kind := s.knowledge(); kind == knowledge.KindProduct {
		if p := s.snap.Product(s.kb.item.ID); p != nil && !containsProduct(named, p) {
			named = append(named, p)
		}
	}
	for _, p := range named {
		for _, tok := range scriptTokens(strings.ToLower(p.Title)) {
			out = sharedRuns(tok, line, out)
		}
		// The shop writes of a kind of product by its category's words ("air
		// conditioners include installation"), not by one product's name.
		for _, cw := range s.words.catWords {
			if cw.cat == p.Category && !contains(out, cw.word) && utf8.RuneCountInString(cw.word) >= 2 {
				out = append(out, cw.word)
			}
		}
	}
	// Longest first: "<brand><category>" before "<category>".
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, named
}

// withoutWords is low with each of words blanked out.
func withoutWords(low string, words []string) string {
	for _, w := range words {
		low = strings.ReplaceAll(low, w, " ")
	}
	return low
}

// sharedRuns adds to out every part of tok that line repeats ("<L>" and
// "<kind>" of "<L>…<kind>"): the longest, then the same in what is left on
// either side of it.
func sharedRuns(tok, line string, out []string) []string {
	w := sharedRun(tok, line)
	if w == "" {
		return out
	}
	if !contains(out, w) {
		out = append(out, w)
	}
	before, after, _ := strings.Cut(tok, w)
	return sharedRuns(after, line, sharedRuns(before, line, out))
}

// sharedRun is the longest part of the title token tok that line contains: for
// Chinese two runes or more, for Latin the whole word of three letters or more.
func sharedRun(tok, line string) string {
	rs := []rune(tok)
	if len(rs) == 0 || !unicode.Is(unicode.Han, rs[0]) {
		if len(tok) >= 3 && containsWord(line, tok) {
			return tok
		}
		return ""
	}
	for n := len(rs); n >= 2; n-- {
		for i := 0; i+n <= len(rs); i++ {
			if w := string(rs[i : i+n]); strings.Contains(line, w) && utf8.RuneCountInString(w) >= 2 {
				return w
			}
		}
	}
	return ""
}
