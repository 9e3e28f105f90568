package knowledge

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// conceptPrefix marks concept tokens. Customers rarely use the shop's own words
// ("偏码" for 尺码偏大, "退钱" for 退款, "包邮吗" for 运费), so both documents and
// queries also carry one token per concept they mention; a query then matches a
// document through the concept even when they share no word. "~" never survives
// tokenising, so a concept token cannot collide with a real word.
const conceptPrefix = "~"

// conceptGroups lists, per concept, the phrases (Chinese and English, already folded)
// that express it (concepts.json). A phrase may sit in several groups. Changing the
// table changes what is indexed: the analysis fingerprint (mapping.go) includes it,
// so an index built with an older table is rebuilt on open.
var conceptGroups, shopMatters = mustConcepts(conceptsJSON)

//go:embed concepts.json
var conceptsJSON []byte

// mustConcepts reads the concept table; a malformed file is a build mistake that
// every test of the package shows.
func mustConcepts(data []byte) (map[string][]string, map[string]bool) {
	var doc struct {
		Concepts map[string][]string `json:"concepts"`
		Matters  []string            `json:"matters"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Concepts) == 0 {
		panic(fmt.Sprintf("knowledge: concepts.json: %v", err))
	}
	matters := map[string]bool{}
	for _, m := range doc.Matters {
		if _, ok := doc.Concepts[m]; !ok {
			panic(fmt.Sprintf("knowledge: concepts.json: matter %q is no concept", m))
		}
		matters[m] = true
	}
	return doc.Concepts, matters
}

// ShopMatter: the concept is one of the shop's matters (concepts.json "matters":
// shipping, invoices, payment, warranty…) rather than something a product is.
func ShopMatter(concept string) bool { return shopMatters[concept] }

// englishSuffixes are the endings an English phrase may carry and still match
// ("returns", "refunded", "shipping"); anything else ("fitness" for "fit") does not.
var englishSuffixes = []string{"", "s", "es", "ed", "d", "ing", "ment", "ments"}

// conceptMatcher finds concept phrases in folded text by a single left-to-right scan,
// longest phrase first at each position (so 优惠码 is a coupon, not a size because of
// its 码); a match is skipped over, so its tail is not matched again.
type conceptMatcher struct {
	byFirst map[rune][]conceptPhrase
}

type conceptPhrase struct {
	text     string
	ascii    bool
	concepts []string
}

func newConceptMatcher(groups map[string][]string) *conceptMatcher {
	phrases := map[string][]string{}
	for concept, list := range groups {
		for _, p := range list {
			p = fold(p)
			phrases[p] = append(phrases[p], conceptPrefix+concept)
		}
	}
	m := &conceptMatcher{byFirst: map[rune][]conceptPhrase{}}
	for p, cs := range phrases {
		sort.Strings(cs)
		r, _ := utf8.DecodeRuneInString(p)
		m.byFirst[r] = append(m.byFirst[r], conceptPhrase{text: p, ascii: classify(r) != classHan, concepts: cs})
	}
	for r := range m.byFirst {
		list := m.byFirst[r]
		sort.Slice(list, func(i, j int) bool {
			if len(list[i].text) != len(list[j].text) {
				return len(list[i].text) > len(list[j].text)
			}
			return list[i].text < list[j].text
		})
	}
	return m
}

// find appends the concept tokens of folded text to out (with repeats: a document
// that talks about refunds three times weighs more on "refund").
func (m *conceptMatcher) find(text string, out []string) []string {
	m.each(text, func(cs []string) { out = append(out, cs...) })
	return out
}

// each calls found with the concept tokens of each phrase of folded text, in order.
func (m *conceptMatcher) each(text string, found func([]string)) {
	prevWord := false // whether the previous rune was a letter or digit
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		cls := classify(r)
		matched := 0
		if cands := m.byFirst[r]; cands != nil && !(prevWord && cls != classHan) {
			for _, c := range cands {
				if n := c.matchAt(text, i); n > 0 {
					found(c.concepts)
					matched = n
					break
				}
			}
		}
		if matched > 0 {
			i += matched
			prevWord = false
			continue
		}
		prevWord = cls == classLetter || cls == classDigit
		i += size
	}
}

// matchAt returns the byte length matched at text[i:], or 0.
func (c *conceptPhrase) matchAt(text string, i int) int {
	if !strings.HasPrefix(text[i:], c.text) {
		return 0
	}
	end := i + len(c.text)
	if !c.ascii {
		return len(c.text)
	}
	for _, suf := range englishSuffixes {
		if !strings.HasPrefix(text[end:], suf) {
			continue
		}
		rest := text[end+len(suf):]
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || classify(r) == classSep || classify(r) == classHan {
			return len(c.text) + len(suf)
		}
	}
	return 0
}

// Concepts are the concepts text mentions, sorted, each once: two documents in
// different languages that mention the same ones ask the same thing.
func Concepts(text string) []string {
	var out []string
	for _, m := range Mentions(text) {
		out = append(out, m...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Mentions are the concept phrases text says, in order: per phrase, the concepts
// it expresses ("发货" is of delivery and of dispatch: one mention, two concepts).
func Mentions(text string) [][]string {
	var out [][]string
	concepts.each(fold(text), func(cs []string) {
		m := make([]string, len(cs))
		for i, c := range cs {
			m[i] = strings.TrimPrefix(c, conceptPrefix) // the token is the concept's name, marked
		}
		out = append(out, m)
	})
	return out
}

// ConceptPhrases are the phrases of a concept of concepts.json (folded: lower case,
// half-width), nil for an unknown one: the planner reads a few concepts itself.
func ConceptPhrases(name string) []string { return slices.Clone(conceptGroups[name]) }

// EnglishConceptPhrases are the concepts' phrases of two English words or more:
// the planner leaves their words unglossed ("cash on delivery" is one thing, not
// a delivery).
func EnglishConceptPhrases() []string {
	var out []string
	for _, list := range conceptGroups {
		for _, p := range list {
			if r, _ := utf8.DecodeRuneInString(p); classify(r) != classHan && strings.Contains(p, " ") {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
