package agent

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// An English question to a shop that writes in Chinese ("is the fingerprint lock
// in stock?", "any installment options?") shares no word with the titles, FAQs
// and policies that answer it. Its English words the shop never writes are read
// as well as the Chinese words the glossary gives for them (lang/glossary.json),
// added to the query the offline planner searches with; a word the shop writes
// itself ("<Y>", "USB-C", an English FAQ's) stays the shop's.

// maxGlossWords bounds the Chinese words added to one query.
const maxGlossWords = 16

// shopLatinWords are the Latin words (lower-case) of every text of the shop a
// search finds — titles, tags, descriptions, variant values, FAQs and policies —
// that glossedQuery may ask about: the glossary's words, the first words of its
// pairs, and their stems. The others (model codes, names: at 100k products, a
// million) can never stop a gloss, and would only hold memory.
func shopLatinWords(c *shop.Catalog) map[string]bool {
	heads := glossHeads()
	out := map[string]bool{}
	add := func(text string) {
		for _, w := range latinWordsOf(strings.ToLower(text)) {
			if heads[w] {
				out[w] = true
			}
		}
	}
	for i := range c.Products {
		p := &c.Products[i]
		add(p.Title)
		add(p.Description)
		add(strings.Join(p.Tags, " "))
		for _, k := range p.SKUs {
			for _, a := range k.Attributes {
				add(a.Value)
			}
		}
	}
	for _, f := range c.FAQs {
		add(f.Question + " " + f.Answer + " " + strings.Join(f.Tags, " "))
	}
	for _, p := range c.Policies {
		add(p.Title + " " + p.Body)
	}
	return out
}

// glossHeads are the glossary's English words and the first words of its pairs,
// with their stems: the only words glossedQuery looks up in shopLatin.
var glossHeads = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, k := range lang.EnglishWords() {
		for _, w := range []string{k, strings.Fields(k)[0]} {
			out[w], out[stem(w)] = true, true
		}
	}
	return out
})

// conceptPhrases: the knowledge's English phrases of two words or more.
var conceptPhrases = knowledge.EnglishConceptPhrases()

// conceptWordsIn are the words of low inside a phrase of a knowledge concept: the
// concept carries them into Chinese whole ("cash on delivery" is no 发货).
func conceptWordsIn(low string) map[string]bool {
	out := map[string]bool{}
	for _, p := range conceptPhrases {
		if containsWord(low, p) {
			for _, w := range strings.Fields(p) {
				out[w] = true
			}
		}
	}
	return out
}

// glossedQuery is q with the glossary's Chinese words for its English words the
// shop does not write; q itself when it is no English question or has none.
func (s *session) glossedQuery(q string) string {
	if s.lang != i18n.EN {
		return q
	}
	low := strings.ToLower(q)
	words := latinWordsOf(low)
	covered := conceptWordsIn(low)
	var add []string
	seen := map[string]bool{}
	for i, w := range words {
		if stopWords[w] || covered[w] || s.words.shopLatin[w] || s.words.shopLatin[stem(w)] || isNumber(w) {
			continue
		}
		zh := lang.Chinese(w)
		if i+1 < len(words) {
			zh = append(lang.Chinese(w+" "+words[i+1]), zh...) // "rain cover" before "rain"
		}
		for _, t := range zh {
			if !seen[t] && len(add) < maxGlossWords {
				seen[t] = true
				add = append(add, t)
			}
		}
	}
	if len(add) == 0 {
		return q
	}
	return q + " " + strings.Join(add, " ")
}

// byEnglishWords: of several products one name fits ("<Brand>" of a case and a
// chain), those whose title says the most of the English words beside the name —
// itself or in the glossary's Chinese ("leather case" → 皮, 眼镜盒); all of them
// when none says more than another.
func (s *session) byEnglishWords(seg string, ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	words := contentWords(seg)
	best, top := []*shop.Product(nil), 0
	for _, p := range ps {
		title := strings.ToLower(p.Title)
		n := 0
		for _, w := range words {
			if strings.Contains(title, w) || slices.ContainsFunc(lang.Chinese(w), func(zh string) bool { return strings.Contains(title, zh) }) {
				n++
			}
		}
		switch {
		case n > top:
			best, top = []*shop.Product{p}, n
		case n == top:
			best = append(best, p)
		}
	}
	if top == 0 || len(best) == len(ps) {
		return ps
	}
	return best
}

// byChineseTitleWords: of several products a question fits, those whose titles
// have the most of its Chinese title words, in characters — a title's own words
// of two characters or more that the question writes ("<品牌><kind>…" of "<品牌> <kind> …", not
// "<品牌> <feature><kind>" nor "<Brand> <kind>"); all of them when none has more.
func byChineseTitleWords(text string, ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	low := strings.ToLower(text)
	best, top, least := []*shop.Product(nil), 0, -1
	for _, p := range ps {
		n := 0
		for _, f := range strings.Fields(strings.ToLower(p.Title)) {
			for _, run := range hanRuns.FindAllString(f, -1) {
				if c := utf8.RuneCountInString(run); c >= 2 && strings.Contains(low, run) {
					n += c // the longer word says more: "<六类网线>" over "<六类>"
				}
			}
		}
		switch {
		case n > top:
			best, top = []*shop.Product{p}, n
		case n == top:
			best = append(best, p)
		}
		if least < 0 || n < least {
			least = n
		}
	}
	if top == least {
		return ps
	}
	return best
}

// hanRuns: the runs of Chinese characters of a text.
var hanRuns = regexp.MustCompile(`\p{Han}+`)

// byGlossedTitle: an English line that names no product, and says more of a
// Chinese-titled product's name in its own words than of the English-titled ones
// the search found ("the <w1> <w2> <kind>" of "<品牌> <中1><中2><kind>" where an
// English title says "<kind>" alone), is about that product (glossedTitleProductIn).
func (s *session) byGlossedTitle(found []*shop.Product) []*shop.Product {
	line := s.lastLine()
	if s.lang != i18n.EN || len(found) == 0 && s.choosesOne(line) ||
		s.namesAList() || len(s.namedProducts(line)) > 0 ||
		slices.ContainsFunc(found, func(p *shop.Product) bool { return hasScript(p.Title, true) }) {
		return found // named, or found among the Chinese titles the glossary reads too
	}
	g := s.glossedTitleProductIn(line)
	if len(g) == 0 || containsProduct(found, g[0]) {
		return found
	}
	words := contentWords(line)
	top := 0
	for _, p := range found {
		top = max(top, englishCoverage(words, p))
	}
	if englishCoverage(words, g[0]) > top {
		return g
	}
	return found
}

// choosesOne: a line that asks which to buy, where nothing is
// found, is answered of the kind it names (a recommendation), not of one product
// the glossary points at.
func (s *session) choosesOne(line string) bool {
	return s.says(whichWords) || s.says(recommendWords) || whichSuits.MatchString(line)
}

// contentWords are the Latin words of line that may name a product: no stop word,
// no number, three letters or more.
func contentWords(line string) []string {
	var out []string
	for _, w := range latinWordsOf(strings.ToLower(line)) {
		if len(w) >= 3 && !stopWords[w] && !isNumber(w) {
			out = append(out, w)
		}
	}
	return out
}

// englishCoverage is how many of words p's title and tags say, as they are or in
// the glossary's Chinese — two words at once where the glossary has them together
// ("high waist" → 高腰).
func englishCoverage(words []string, p *shop.Product) int {
	text := strings.ToLower(p.Title + " " + strings.Join(p.Tags, " "))
	says := func(zh string) bool { return strings.Contains(text, zh) }
	n := 0
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case i+1 < len(words) && slices.ContainsFunc(lang.Chinese(w+" "+words[i+1]), says):
			n += 2
			i++
		case containsWord(text, w) || containsWord(text, stem(w)) || slices.ContainsFunc(lang.Chinese(w), says):
			n++
		}
	}
	return n
}
