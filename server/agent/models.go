package agent

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Model names ("<Series> K5", "Z3 Pro") name a product by the Latin words
// of its title, whatever else the customer writes around them. Each word narrows the
// products whose title has it; the ones left, if few, are named.

// latinWordsOf: the runs of two or more of [a-z0-9] in low (what the regular
// expression [a-z0-9]{2,} finds, by hand: it runs over every product's description
// when a catalogue is indexed).
func latinWordsOf(low string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(low); i++ {
		if i < len(low) && (low[i] >= 'a' && low[i] <= 'z' || low[i] >= '0' && low[i] <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 2 {
			out = append(out, low[start:i])
		}
		start = -1
	}
	return out
}

// maxModelProducts: more products than this sharing the words is no name.
const maxModelProducts = 2

// modelWord: a word distinctive enough to name a product: with a digit and a letter
// ("k5", "x3", "a2"), or four letters or more ("DuoPro", "sky") — not a measure
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
	for _, t := range latinWordsOf(strings.ToLower(title)) {
		if modelWord(t) || len(t) >= 2 && !strings.ContainsAny(t, "0123456789") {
			out = append(out, t)
		}
	}
	return out
}

// compoundToken: a model name written in parts — a word and its number ("Word 29",
// "X 7"), or hyphenated parts ("Ab-Cd", "X-1") — which the customer may write
// with or without the space or hyphen; compounds fold them into one word.
var compoundToken = regexp.MustCompile(`[a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+ ?[0-9]+[a-z]*`)

// joinParts folds a compound's parts together (built once: a replacer is costly to build).
var joinParts = strings.NewReplacer(" ", "", "-", "")

// compounds are text's model names written in parts, folded ("trail29", "ego").
func compounds(low string) []string {
	if !strings.ContainsAny(low, "0123456789-") {
		return nil // the pattern needs a digit or a hyphen; most text has neither
	}
	var out []string
	for _, m := range compoundToken.FindAllString(low, -1) {
		if f := joinParts.Replace(m); len(f) >= 3 && !contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// byModel: the products the text's model words name. Each product scores the
// text's Latin words its title has (a word of four letters or more also as the
// start of a title word: "sky" of "Skyline"); the best-scoring ones are named
// when they are at most maxModelProducts and one of their words is distinctive —
// a model code ("k5", "x3") or a word no other product carries in its title or
// tags or description ("Trekline"), or two words of one title ("flex pro").
// A category's word names none, and a word several share ("leather", "wipes") narrows but
// does not name.
func (w *catalogWords) byModel(low string) []*shop.Product {
	score, distinctFor, exact, order := w.modelScores(low)
	best := 0
	for _, p := range order {
		best = max(best, score[p])
	}
	var cands []*shop.Product
	distinct := false
	for _, p := range w.orderOf(order) {
		if score[p] == best {
			cands = append(cands, p)
			distinct = distinct || distinctFor[p] || best >= 2
		}
	}
	if !distinct && best == 1 {
		distinct = w.sharedCode(low, len(cands)) // "GTX" of the GTX boots, the pair of them
	}
	if !distinct || len(cands) == 0 || len(cands) > maxModelProducts {
		return nil
	}
	// Named as much, a title with the customer's own word beats one with a longer
	// word it begins ("grow" names the Grow seat, not the Growth formula).
	if own := slices.DeleteFunc(slices.Clone(cands), func(p *shop.Product) bool { return !exact[p] }); len(own) > 0 {
		return own
	}
	return cands
}

// sharedCode: low has a code of the titles ("gtx") that exactly n products carry.
func (w *catalogWords) sharedCode(low string, n int) bool {
	for _, t := range latinWordsOf(low) {
		if w.codes[t] && !w.catLatin[t] && w.latinSpread[t] == n {
			return true
		}
	}
	return false
}

// modelScores counts per product the text's Latin words its title has, and
// whether one of them is distinctive; order is the products in the order found.
func (w *catalogWords) modelScores(low string) (score map[*shop.Product]int, distinct, exact map[*shop.Product]bool, order []*shop.Product) {
	score, distinct, exact = map[*shop.Product]int{}, map[*shop.Product]bool{}, map[*shop.Product]bool{}
	var asking []string
	for _, t := range dedupe(append(latinWordsOf(low), compounds(low)...)) {
		switch {
		case w.catLatin[t]:
			continue // a category's word ("leather shoes") names no one product
		case askingWords()[t]:
			asking = append(asking, t)
			continue
		}
		counted := map[*shop.Product]bool{} // one customer word counts once per product
		for _, key := range w.keysFor(t) {
			if key == t {
				for _, p := range w.latin[key] {
					exact[p] = true
				}
			}
			d := key == t && w.distinctive(t)
			for _, p := range w.latin[key] {
				if _, ok := score[p]; !ok {
					order = append(order, p)
				}
				if !counted[p] {
					counted[p] = true
					score[p]++
				}
				distinct[p] = distinct[p] || d
			}
		}
	}
	// A word of asking that a title carries ("order", "plus" as words of a title) counts
	// only for a product the other words name already: alone it names none.
	for _, t := range asking {
		for _, p := range w.latin[t] {
			if _, ok := score[p]; ok {
				score[p]++
			}
		}
	}
	return score, distinct, exact, order
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
func (w *catalogWords) keysFor(t string) []string {
	if len(t) < 4 {
		if _, ok := w.latin[t]; ok {
			return []string{t}
		}
		return nil
	}
	i, _ := slices.BinarySearch(w.latinKeys, t)
	j := i
	for j < len(w.latinKeys) && strings.HasPrefix(w.latinKeys[j], t) {
		j++
	}
	return w.latinKeys[i:j]
}

// distinctive: a model code ("k5") or a word of four letters or more that only one
// product carries.
func (w *catalogWords) distinctive(t string) bool {
	return modelWord(t) && strings.ContainsAny(t, "0123456789") || len(t) >= 3 && w.latinSpread[t] == 1
}

// orderOf is ps in catalogue order (map iteration must not decide what is named).
func (w *catalogWords) orderOf(ps []*shop.Product) []*shop.Product {
	out := slices.Clone(ps)
	sort.SliceStable(out, func(i, j int) bool { return w.pos[out[i]] < w.pos[out[j]] })
	return out
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

// latinSpread counts, per Latin word, the products whose title, tags or
// description carry it.
func latinSpread(ps []shop.Product) map[string]int {
	out := map[string]int{}
	seen := map[string]bool{}
	for i := range ps {
		clear(seen)
		text := strings.ToLower(ps[i].Title + " " + strings.Join(ps[i].Tags, " ") + " " + ps[i].Description)
		for _, t := range append(latinWordsOf(text), compounds(text)...) {
			if !seen[t] {
				seen[t] = true
				out[t]++
			}
		}
	}
	return out
}
