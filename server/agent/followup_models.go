package agent

import (
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// extendsModel: "and the Plus?", "那Pro呢" after a question of the "<L> 3" asks
// the same of the "<L> 3 Plus" — a follow-up whose one Latin word, put after the
// model the earlier message named, names another product (the device, of it and
// the parts titled for it). Not a value the product itself is sold in ("那<X>版呢"
// is its variant), nor a word of its own title.
func (s *session) extendsModel() (string, bool) {
	words := slices.DeleteFunc(latinWordsOf(s.low), func(w string) bool { return stopWords[w] }) // "and the <W>?"
	if len(words) != 1 {
		return "", false
	}
	w := words[0]
	prev, ps := s.productMessage()
	if len(ps) != 1 || containsWord(strings.ToLower(ps[0].Title), w) || sellsValueIn(ps[0], s.text, s.low) {
		return "", false
	}
	p := ps[0]
	for _, n := range latinNamesOf(prev) {
		if !writtenWhole(n.re, p.Title) {
			continue
		}
		name := prev[n.from:n.to]
		q := s.modelExtended(p, name, w)
		if q == nil {
			return "", false
		}
		// The customer's own message with the name extended wherever it writes it;
		// prev may begin with the title the answer showed, which names the other.
		raw := s.latestFromCustomer()
		named := raw
		for _, o := range slices.Backward(latinNamesOf(raw)) {
			if foldName(raw[o.from:o.to]) == foldName(name) {
				named = named[:o.to] + " " + w + named[o.to:]
			}
		}
		if named == raw {
			named = localText(q.Title, s.lang) + " " + raw
		}
		return s.inContextOf(named, []*shop.Product{q}), true
	}
	return "", false
}

// modelExtended is the one product other than p whose title writes name and w
// after it: of several, those of p's kind (the "<L> 3 Plus" station, not its
// battery), then the main one; nil when none stands out.
func (s *session) modelExtended(p *shop.Product, name, w string) *shop.Product {
	longer := strings.ToLower(name) + " " + w
	re := wholeName(longer)
	if re == nil {
		return nil
	}
	var cands []*shop.Product
	for _, q := range s.words.bestModelCandidates(longer, maxLineModels) {
		if q != p && re.MatchString(strings.ToLower(q.Title)) {
			cands = append(cands, q)
		}
	}
	if same := slices.DeleteFunc(slices.Clone(cands), func(q *shop.Product) bool { return q.Category != p.Category }); len(same) > 0 {
		cands = same
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return mainOf(cands, longer)
}
