package agent

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Model names ("<L> K5", "Z3 <Y>") name a product by the Latin words
// of its title, whatever else the customer writes around them. Each word narrows the
// products whose title has it; the ones left, if few, are named.

// latinWordsOf: the runs of two or more of [a-z0-9] in low (what the regular
// expression [a-z0-9]{2,} finds, by hand: it runs over every product's description
// when a catalogue is indexed).
func latinWordsOf(low string) []string {
	low = withoutAccents(low)
	var out []string
	start := -1
	for i := 0; i <= len(low); i++ {
		if i < len(low) && (low[i] >= 'a' && low[i] <= 'z' || low[i] >= '0' && low[i] <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		// "5g" of "2.5g" is a decimal's fraction, no word of its own.
		if start >= 0 && i-start >= 2 && !afterDecimalPoint(low, start) {
			out = append(out, low[start:i])
		}
		start = -1
	}
	return out
}

// afterDecimalPoint: the word at start follows a figure's point ("2.5g").
func afterDecimalPoint(low string, start int) bool {
	return start >= 2 && low[start-1] == '.' && isDigitByte(low[start-2]) && isDigitByte(low[start])
}

// maxModelProducts: more products than this sharing the words is no name.
const maxModelProducts = 2

// modelWord: a word distinctive enough to name a product: with a digit and a letter
// ("k5", "x3", "a2"), or four letters or more ("<Word><Y>", "sky") — not a measure
// ("30ml", "256gb", "65w"), which many products of a shop share in their titles
// and variants and which names none of them.
func modelWord(t string) bool {
	if isMeasure(t) {
		return false
	}
	hasDigit := strings.ContainsAny(t, "0123456789")
	hasLetter := strings.ContainsFunc(t, func(r rune) bool { return r >= 'a' && r <= 'z' })
	return hasDigit && hasLetter || !hasDigit && len(t) >= 4
}

// measureToken: a number and a unit word (the Latin words of the unit_* lists).
var measureToken = func() *regexp.Regexp {
	var units []string
	for _, id := range append(slices.Clone(unitLists), "unit_other") {
		for _, w := range lang.Words(id) {
			if isASCII(w) && w != "" && !strings.ContainsAny(w, " °") {
				units = append(units, regexp.QuoteMeta(w))
			}
		}
	}
	sort.Slice(units, func(i, j int) bool { return len(units[i]) > len(units[j]) })
	return regexp.MustCompile(`^\d+(?:\.\d+)?(?:` + strings.Join(units, "|") + `)$`)
}()

// isMeasure: t is a measure; a digit and one letter ("5g", "3d") is as often a
// model's name as a measure, so it stays a model word.
func isMeasure(t string) bool { return len(t) >= 3 && measureToken.MatchString(t) }

func latinWords(title string) []string {
	var out []string
	low := strings.ToLower(title)
	for _, t := range latinWordsOf(low) {
		// "78G+" is a model's name, not 78 grams: a measure with a plus after it.
		if modelWord(t) || len(t) >= 2 && !strings.ContainsAny(t, "0123456789") || strings.Contains(low, t+"+") {
			out = append(out, t)
		}
	}
	return out
}

// compoundToken: a model name written in parts — a word and its number ("Word 29",
// "X 7"), or hyphenated parts ("Ab-Cd", "X-1") — which the customer may write
// with or without the space or hyphen; compounds fold them into one word.
var compoundToken = regexp.MustCompile(`[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+ ?[0-9]+[a-z]*`)

// numberFirstToken: a model name that is a number and a word ("<nnn> <Y>",
// "<nnnn> Ti"), found apart from compoundToken's matches, which may hold its number
// ("<L> <nnnn>").
var numberFirstToken = regexp.MustCompile(`[0-9]{2,} ?[a-z]{2,}`)

// gluedToken: a model's code and the word after it written as one
// ("<ab10>ultra" for "<Ab 10> Ultra").
var gluedToken = regexp.MustCompile(`\b([a-z]+[0-9]+)([a-z]{3,})\b`)

// gluedParts are the code and the word of each glued token of low ("<ab10>",
// "ultra"), as the titles' compounds write them apart.
func gluedParts(low string) []string {
	var out []string
	for _, m := range gluedToken.FindAllStringSubmatch(low, -1) {
		out = append(out, m[1], m[2])
	}
	return out
}

// isModelCode: a letter and a digit ("p7", "7x"), a model's code when written apart.
func isModelCode(f string) bool {
	return strings.ContainsAny(f, "0123456789") && strings.ContainsAny(f, "abcdefghijklmnopqrstuvwxyz")
}

// joinParts folds a compound's parts together (built once: a replacer is costly to build).
var joinParts = strings.NewReplacer(" ", "", "-", "")

// compounds are text's model names written in parts, folded ("trail29", "ego").
func compounds(low string) []string {
	if !strings.ContainsAny(low, "0123456789-") {
		return nil // the pattern needs a digit or a hyphen; most text has neither
	}
	var out []string
	for _, m := range compoundToken.FindAllString(low, -1) {
		// "<L>-<d>" is "<l><d>": two characters make a model code when one is a letter and one a digit.
		if f := joinParts.Replace(m); (len(f) >= 3 || len(f) == 2 && isModelCode(f)) && !contains(out, f) {
			out = append(out, f)
		}
	}
	for _, m := range numberFirstToken.FindAllString(low, -1) {
		if f := joinParts.Replace(m); !isMeasure(f) && !contains(out, f) {
			out = append(out, f) // "28cm" is a measure, no model's name
		}
	}
	return out
}

// byModel: the products the text's model words name. Each product scores the
// text's Latin words its title has (a word of four letters or more also as the
// start of a title word: "sky" of "Skyline"); the best-scoring ones are named
// when they are at most maxModelProducts and one of their words is distinctive —
// a model code ("k5", "x3") or a word no other product carries in its title or
// tags or description ("<Brandword>"), or two words of one title ("flex <y>").
// A category's word names none, and a word several share ("leather", "wipes") narrows but
// does not name.
func (w *catalogWords) byModel(low string) []*shop.Product {
	sc := w.modelScores(low)
	defer w.scores.Put(sc)
	best := int32(0)
	for _, i := range sc.touched {
		best = max(best, sc.score[i].n)
	}
	var cands, own []int32
	for _, i := range sc.touched {
		if e := sc.score[i]; e.n == best {
			cands = append(cands, i)
			if e.distinct {
				own = append(own, i)
			}
		}
	}
	// Named as much, a title with a word of its own ("<Brandword>") beats those
	// with a word many carry ("english" of several titles' tags).
	if len(own) > 0 {
		cands = own
	}
	if len(cands) > maxModelProducts {
		return nil // more share the best score than a name names
	}
	distinct := len(own) > 0 || best >= 2
	if !distinct && best == 1 {
		distinct = w.sharedCode(low, len(cands)) // a code two titles share names the pair of them
	}
	if !distinct {
		cands, distinct = w.narrowByHan(low, cands)
	}
	if !distinct || len(cands) == 0 {
		return nil
	}
	// Named as much, a title with the customer's own word beats one with a longer
	// word it begins ("<word>" names the title with it, not one with "<word>th").
	if own := slices.DeleteFunc(slices.Clone(cands), func(i int32) bool { return !sc.score[i].exact }); len(own) > 0 {
		cands = own
	}
	// Catalogue order: the order the words came in must not decide what is named.
	slices.Sort(cands)
	out := make([]*shop.Product, len(cands))
	for k, i := range cands {
		out[k] = &w.products[i]
	}
	return out
}

// bestModelCandidates are the products low's Latin names score best for — its
// words the glossary does not know ("<L>", not a colour or a wood) — in
// catalogue order, when they are at most most and the best is a whole word of
// their titles; nil otherwise.
func (w *catalogWords) bestModelCandidates(low string, most int) []*shop.Product {
	var names []string
	for _, t := range append(latinWordsOf(low), compounds(low)...) {
		if len(lang.Chinese(t)) == 0 {
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sc := w.modelScores(strings.Join(names, " "))
	defer w.scores.Put(sc)
	best := int32(0)
	for _, i := range sc.touched {
		best = max(best, sc.score[i].n)
	}
	var cands []int32
	for _, i := range sc.touched {
		if e := sc.score[i]; e.n == best && e.exact {
			cands = append(cands, i)
		}
	}
	if best == 0 || len(cands) > most {
		return nil
	}
	slices.Sort(cands)
	out := make([]*shop.Product, len(cands))
	for k, i := range cands {
		out[k] = &w.products[i]
	}
	return out
}

// narrowByHan: "Satin四件套" of a Satin 四件套 and a Satin 被套 — the shared word
// and the Chinese only one of their titles has name that one.
func (w *catalogWords) narrowByHan(low string, cands []int32) ([]int32, bool) {
	if len(cands) < 2 {
		return cands, false
	}
	if one, ok := w.ownedByHan(low, cands); ok {
		return []int32{one}, true
	}
	return cands, false
}

// maxOwnedRunes: the longest Chinese run of a message looked for in titles.
const maxOwnedRunes = 8

// ownedByHan is the one candidate whose title has a Chinese run of low (two
// characters or more) that no other candidate's title has.
func (w *catalogWords) ownedByHan(low string, cands []int32) (int32, bool) {
	titles := make([]string, len(cands))
	for k, i := range cands {
		titles[k] = strings.ToLower(w.products[i].Title)
	}
	owner := -1
	for _, tok := range scriptTokens(low) {
		rs := []rune(tok)
		if len(rs) < 2 || !unicode.Is(unicode.Han, rs[0]) {
			continue
		}
		for a := 0; a < len(rs); a++ {
			for b := a + 2; b <= len(rs) && b-a <= maxOwnedRunes; b++ {
				run := string(rs[a:b])
				holder := -1
				for k, t := range titles {
					if strings.Contains(t, run) {
						if holder >= 0 {
							holder = -2
							break
						}
						holder = k
					}
				}
				switch {
				case holder < 0:
				case owner >= 0 && owner != holder:
					return 0, false // runs of two titles: no one name
				default:
					owner = holder
				}
			}
		}
	}
	if owner < 0 {
		return 0, false
	}
	return cands[owner], true
}

// sharedCode: low has a code of the titles ("abc") or a compound model word
// ("<ab>-<Y>", "<x>7") that exactly n products carry: it names those n, as a
// product line's name does (the device and its accessory of one model).
func (w *catalogWords) sharedCode(low string, n int) bool {
	for _, t := range latinWordsOf(low) {
		if w.codes[t] && !w.catLatin[t] && w.latinSpread.of(t) == n {
			return true
		}
	}
	for _, t := range compounds(low) {
		if !w.catLatin[t] && w.latinSpread.of(t) == n {
			return true
		}
	}
	return false
}

// modelScore is one product's score in modelScores.
type modelScore struct {
	n        int32 // int32, not int: a scratch has one per product (100k at a time per turn)
	distinct bool
	exact    bool  // a customer's word is a word of the title, not the start of one
	word     int32 // the customer's word that counted last: each counts once
}

// modelScratch is modelScores' working memory, indexed by catalogue position and
// reused (catalogWords.scores): a word many generated titles share ("light") names
// thousands of products, and a map of them per message was most of the plugin's
// CPU (its growth and the collections it caused) with 50 customers at once.
type modelScratch struct {
	score   []modelScore
	touched []int32 // the positions scored, in the order found
}

// modelScores counts per product the text's Latin words its title has, and
// whether one of them is distinctive. The caller puts it back in w.scores.
func (w *catalogWords) modelScores(low string) *modelScratch {
	sc, _ := w.scores.Get().(*modelScratch)
	if sc == nil {
		sc = &modelScratch{score: make([]modelScore, len(w.products))}
	}
	for _, i := range sc.touched {
		sc.score[i] = modelScore{}
	}
	sc.touched = sc.touched[:0]
	var asking []string
	for wordNo, t := range dedupe(append(append(latinWordsOf(low), compounds(low)...), gluedParts(low)...)) {
		switch {
		case w.catLatin[t] || stopWords[t]:
			continue // a category's word ("leather shoes") names no one product, "the" nothing
		case askingWords()[t]:
			asking = append(asking, t)
			continue
		}
		for _, key := range w.keysFor(t) {
			sc.count(w.latin.of(key), int32(wordNo)+1, key == t && w.distinctive(t), key == t) //nolint:gosec // a message has far fewer than 2^31 words
		}
	}
	// A word of asking that a title carries ("order", "plus" as words of a title) counts
	// only for a product the other words name already: alone it names none.
	for _, t := range asking {
		for _, i := range w.latin.of(t) {
			if e := &sc.score[i]; e.n > 0 {
				e.n++
			}
		}
	}
	return sc
}

// count scores the customer's word (numbered from 1) for the products at the
// catalogue positions it matches; one word counts once per product ("<word>" of
// "<word>th" and "<word>ing" is one word matched).
func (sc *modelScratch) count(positions []int32, word int32, distinct, exact bool) {
	for _, i := range positions {
		e := &sc.score[i]
		if e.n == 0 {
			sc.touched = append(sc.touched, i)
		}
		if e.word != word {
			e.word = word
			e.n++
		}
		e.distinct = e.distinct || distinct
		e.exact = e.exact || exact
	}
}

// askingWords are the one-word English entries of the language lists ("order",
// "return", "price"), measures aside: words of asking, never a model's name, even
// where one title carries them.
var askingWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, id := range lang.IDs() {
		if strings.HasPrefix(id, "unit_") {
			continue
		}
		for _, p := range lang.Words(id) {
			if p = strings.ToLower(p); isASCII(p) && len(p) >= 2 && !strings.ContainsAny(p, " -'") {
				out[p] = true
			}
		}
	}
	return out
})

// keysFor: the title words t names — itself, and when it has four letters or more
// every word it starts (a binary search over the sorted keys: a turn must not cost a
// scan of a 100k-product catalogue's words).
// maxPrefixKeys bounds the title words one word's start may stand for.
const maxPrefixKeys = 64

func (w *catalogWords) keysFor(t string) []string {
	if len(t) < 4 {
		if w.latin.has(t) {
			return []string{t}
		}
		return nil
	}
	keys := w.latin.words
	i, found := keys.find(t)
	j := i
	for j < keys.len() && strings.HasPrefix(keys.at(j), t) {
		j++
		// A start that hundreds of title words share (a generated catalogue's series
		// word before its numbers) names none of them by its start: only as itself.
		if j-i > maxPrefixKeys {
			if found {
				return []string{t}
			}
			return nil
		}
	}
	out := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, keys.at(k))
	}
	return out
}

// distinctive: a model code ("k5") or a word of four letters or more that only one
// product carries.
func (w *catalogWords) distinctive(t string) bool {
	return modelWord(t) && strings.ContainsAny(t, "0123456789") || len(t) >= 3 && w.latinSpread.of(t) == 1
}

// lowerCaseWords is text with its capitalised Latin words blanked out.
func lowerCaseWords(text string) string {
	b := []byte(text)
	for i := 0; i < len(b); i++ {
		if b[i] < 'A' || b[i] > 'Z' || i > 0 && isASCIIAlnum(b[i-1]) {
			continue
		}
		for ; i < len(b) && isASCIIAlnum(b[i]); i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func dedupe(ws []string) []string {
	var out []string
	for _, x := range ws {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// latinSpread counts, per Latin word that counted(word) keeps, the products whose
// title, tags or description carry it. Only words a name can be made of are asked
// about, so only those are kept — with the catalogue's spelling as the key, not a
// piece of the lower-cased description, which would keep every description alive
// (a third of the planner's memory at 100k products).
//
// A description counts the common words it writes (the glossary's) and the words it
// writes in lower case: a name there, capitalised ("fits the <Name> earphones"), is
// that product speaking of the named one, which stays the one the name names.
func latinSpread(ps []shop.Product, counted func(string) bool) map[string]int {
	out := map[string]int{}
	seen := map[string]bool{}
	count := func(t string) {
		if seen[t] {
			return
		}
		seen[t] = true
		if n, ok := out[t]; ok {
			out[t] = n + 1
		} else if counted(t) {
			out[strings.Clone(t)] = 1
		}
	}
	lowered := map[string]bool{}
	for i := range ps {
		clear(seen)
		clear(lowered)
		for _, t := range latinWordsOf(lowerCaseWords(ps[i].Description)) {
			lowered[t] = true
		}
		text := strings.ToLower(ps[i].Title + " " + strings.Join(ps[i].Tags, " ") + " " + ps[i].Brand)
		for _, t := range append(latinWordsOf(text), compounds(text)...) {
			count(t)
		}
		for _, t := range latinWordsOf(strings.ToLower(ps[i].Description)) {
			if len(lang.Chinese(t)) > 0 || lowered[t] {
				count(t)
			}
		}
		for _, t := range compounds(strings.ToLower(ps[i].Description)) {
			count(t)
		}
	}
	return out
}
