package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Whether one product goes with another ("<A>能给<B>用吗", "<B>能用吗" after <A>,
// "does the <A> fit the <B>?"): the shop says so where it matters, in the
// description of the part, case or plan — "不适用于无碟刹的车型（如<B>）", "只适配<B>，
// 不适配<C>". A yes-no question naming a product whose name another product's
// description writes is answered from that sentence, yes or no by the clause
// that names it.

// latinName: a run of Latin letters and digits with the spaces and hyphens inside
// it — a model as customers write it ("<Name> 4", "<X>2 <Y>", "<name>7").
var latinName = regexp.MustCompile(`[A-Za-z0-9]+(?:[ \-]+[A-Za-z0-9]+)*`)

// minCrossName: the shortest folded name that may stand for a product.
const minCrossName = 3

// crossMention is the answer to a yes-no question whether a product goes with
// another, from the one description that names the other; "" when the question
// asks no such thing or no single description answers it.
func (s *session) crossMention() string {
	if !s.asksYesNo() {
		return ""
	}
	names := s.otherProductNames()
	if len(names) == 0 {
		return ""
	}
	var found *shop.Product
	var sentence, clause string
	line := strings.ToLower(s.lastLine())
	for _, p := range s.crossCandidates() {
		if sent, c, name := crossSentence(p, names, s.lang); c != "" && s.crossSubject(p, line, name) {
			if found != nil && found != p {
				return "" // two descriptions speak of it: no single answer
			}
			found, sentence, clause = p, sent, c
		}
	}
	if found == nil {
		return ""
	}
	var info tool.ProductInfo
	if s.call(tool.GetProduct, map[string]string{"product_id": found.ID}, &info) != nil {
		return ""
	}
	lead := s.t("agent.fact.can")
	if negations.in(strings.ToLower(clause)) {
		lead = s.t("agent.fact.cannot")
	}
	sep := s.t("agent.sentence_sep")
	return joinNonEmpty(lead+sentence+strings.TrimSpace(sep), s.productText(info, false, false))
}

// otherProductNames are the Latin names the last line writes (folded) that name a
// product of the catalogue.
func (s *session) otherProductNames() []string {
	var out []string
	for _, m := range latinName.FindAllString(s.lastLine(), -1) {
		f := foldName(m)
		if len(f) < minCrossName || strings.Trim(f, "0123456789") == "" || contains(out, f) {
			continue
		}
		// A product's name, or a brand's or line's that several titles share.
		if len(s.namedProducts(m)) > 0 || len(s.byModel(m)) > 0 || len(s.words.bestModelCandidates(strings.ToLower(m), maxLineModels)) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// crossSubject: p is what the line asks about and the product named is the object —
// p is written before that name ("<A>能给<B>用吗"), or not at all, the product
// under discussion ("<B>能用吗" after <A>). "<B> 买了带<A>吗" asks of <B>.
func (s *session) crossSubject(p *shop.Product, line, name string) bool {
	at := mentionAt(line, p)
	if at < 0 {
		_, prev := s.productMessage()
		return containsProduct(prev, p)
	}
	for _, m := range latinName.FindAllStringIndex(line, -1) {
		if foldName(line[m[0]:m[1]]) == name {
			return at < m[0]
		}
	}
	return false
}

// maxMentionRunes: the longest run of a title's Chinese looked for in a line.
const maxMentionRunes = 6

// mentionAt is the byte offset in line where p is first named — a Latin name of
// its title, or two or more runes of its title's Chinese ("地布" of "<Name> 专用地布");
// -1 when the line does not name it.
func mentionAt(line string, p *shop.Product) int {
	title := strings.ToLower(p.Title)
	folded := foldName(p.Title)
	at := -1
	for _, m := range latinName.FindAllStringIndex(line, -1) {
		if f := foldName(line[m[0]:m[1]]); len(f) >= minCrossName && strings.Contains(folded, f) {
			at = m[0]
			break
		}
	}
	rs := []rune(line)
	off := 0
	for i := range rs {
		if at >= 0 && off >= at {
			break
		}
		for j := i + 2; j <= len(rs) && j-i <= maxMentionRunes; j++ {
			if isHanWord(string(rs[i:j])) && strings.Contains(title, string(rs[i:j])) {
				return off
			}
		}
		off += len(string(rs[i]))
	}
	return at
}

// crossCandidates are the products whose descriptions may answer: the ones named
// or asked about in the turn, and the product under discussion before it.
func (s *session) crossCandidates() []*shop.Product {
	var out []*shop.Product
	add := func(ps []*shop.Product) {
		for _, p := range ps {
			if !containsProduct(out, p) {
				out = append(out, p)
			}
		}
	}
	add(s.namedProducts(s.text))
	add(s.productsToShow())
	_, prev := s.productMessage()
	add(prev)
	return out
}

// crossSentence is the sentence of p's description that writes one of names not
// in p's own title — another product's name —, the clause of it that does, and
// that name; "" when none does.
func crossSentence(p *shop.Product, names []string, lang i18n.Lang) (sentence, clause, name string) {
	title := foldName(p.Title)
	for _, sent := range sentenceEnd.Split(localDescription(p.Description, lang), -1) {
		for _, c := range descClause.Split(sent, -1) {
			fc := foldName(c)
			for _, n := range names {
				if !strings.Contains(title, n) && strings.Contains(fc, n) && writesWhole(c, n) {
					return strings.TrimSpace(sent), strings.TrimSpace(c), n
				}
			}
		}
	}
	return "", "", ""
}

// alnumRun: letters or digits, each a token of a model's name ("<name>", "3").
var alnumRun = regexp.MustCompile(`[a-z]+|[0-9]+`)

// writesWhole: the clause writes the folded name as a whole model (see wholeName).
func writesWhole(clause, name string) bool {
	re := wholeName(name)
	return re != nil && writtenWhole(re, clause)
}

// wholeName matches a folded model name written whole — its letters and digits in
// a row, with spaces or hyphens between them or none — and, in group 1, more of a
// model after it: "<L> 3" is not written in "<L> 3 <Y>". Nil for a name with no
// letters or digits.
func wholeName(name string) *regexp.Regexp {
	toks := alnumRun.FindAllString(name, -1)
	if len(toks) == 0 {
		return nil
	}
	for i, t := range toks {
		toks[i] = regexp.QuoteMeta(t)
	}
	return regexp.MustCompile(`(?:^|[^a-z0-9])` + strings.Join(toks, `[\s\-]*`) + `(?:[\s\-]*([a-z0-9])|[^a-z0-9]|$)`)
}

// writtenWhole: text writes re's name with no more of a model after it.
func writtenWhole(re *regexp.Regexp, text string) bool {
	for _, m := range re.FindAllStringSubmatchIndex(strings.ToLower(text), -1) {
		if m[2] < 0 {
			return true // what follows is no more of a name
		}
	}
	return false
}
