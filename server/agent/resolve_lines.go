package agent

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A product line's products: a model word the titles of a device and the parts,
// batteries and plans made for it share, and how one of them is meant.

// lineCandidates are the products a model word of low names together (up to
// maxLineModels), narrowed in a single question to the titles that say most of
// its English words, a glossed one too (byEnglishWords: "<y>" of "<M> <n> <Y>"
// beside "<M> <n>K").
func (s *session) lineCandidates(text, low string) []*shop.Product {
	cands := s.words.bestModelCandidates(low, maxLineModels)
	if s.says(togetherWords) || plusJoin.MatchString(text) {
		return cands // a cart of several things
	}
	return s.byEnglishWords(text, cands)
}

// maxLineModels: a model word more products share than this names none of them,
// even with a value only one of them sells. A device and the dozen accessories,
// parts and care plans titled for it ("<Brand> <M> <part>") share its name:
// 8 was too few for a shop that sells them all.
const maxLineModels = 16

// byModelAndValue: a word a few titles share ("<L> <kind A>", "<L> <E>
// <kind A>", "<L> <kind B>") names the one of them sold in the value the text
// names ("<L> <c>"): nil when none or several sell it.
func (s *session) byModelAndValue(text, low string) []*shop.Product {
	if !strings.Contains(s.lastLine(), text) {
		// A follow-up read in context, or an earlier message: the latest line tells
		// the variant. A part of that line is read on its own ("再加一台<L> 2单机").
		return nil
	}
	cands := s.lineCandidates(text, low)
	// The value is told beside the line's words, not by them: a spare part sold in
	// "<M> / <M2>" (the machines it fits) is not named by "<M> 有几个版本".
	rest := withoutNamesOf(text, cands)
	for _, w := range latinWordsOf(low) {
		if slices.ContainsFunc(cands, func(p *shop.Product) bool { return containsWord(strings.ToLower(p.Title), w) }) {
			rest = replaceWordFold(rest, w)
		}
	}
	restLow := strings.ToLower(rest)
	var out []*shop.Product
	for _, p := range cands {
		if sellsValueIn(p, rest, restLow) {
			out = append(out, p)
		}
	}
	if len(out) == 1 {
		return out
	}
	return s.mainNamed(text, low, cands, out)
}

// mainNamed: of a line's candidates (or of those sold in the value named, out),
// the one the text's model names whole ("<L> 2 单机" of "<L> 2" and "<L> 2 <Z>",
// both sold 单机; "<L> 3" of "<L> 3", "<L> 3 <Z>" and a bag sold in "<L> 3款") —
// unless the message asks for an add-on by its word ("<M> 想再加块电池") — else
// the one that is no add-on to the others ("<M>" of a printer and the nozzles,
// extruder and plates made for it; "<M> 标准版" of the printer and a camera made
// for it, both sold so); nil when none stands out.
func (s *session) mainNamed(text, low string, cands, out []*shop.Product) []*shop.Product {
	pool := cands
	if len(out) > 1 {
		pool = out
	}
	oneModel := oneModelOf(cands, low)
	if whole := wholeModelTitles(text, pool); len(whole) >= 1 && (len(out) > 1 || !saysAddOnWord(s.low, cands, whole[0])) {
		if len(whole) == 1 {
			return whole
		}
		pool = whole
		// Written whole, the one figure of the text is that model's, whatever
		// English words ask of it ("how heavy is the <L> 3").
		oneModel = oneModel || figureWords(low) == 1
	}
	if main := mainOf(pool, low); main != nil && len(pool) > 1 && !accessoryMarks.in(low) && oneModel {
		return []*shop.Product{main}
	}
	return nil
}

// withoutNamesOf is text with each Latin name a title of ps writes whole blanked
// (see latinNamesOf): the figure of "<L> 3" is the model's, not a value's ("<L>
// 3款" of a bag made for it), though a bare figure alone is no word of the title.
func withoutNamesOf(text string, ps []*shop.Product) string {
	var spans [][2]int // the longest written name of each run, in text order
	for _, n := range latinNamesOf(text) {
		if len(spans) > 0 && spans[len(spans)-1][1] == n.to {
			continue // a shorter end of a run already blanked whole
		}
		if slices.ContainsFunc(ps, func(p *shop.Product) bool { return writtenWhole(n.re, p.Title) }) {
			spans = append(spans, [2]int{n.from, n.to})
		}
	}
	for _, sp := range slices.Backward(spans) {
		text = text[:sp[0]] + " " + text[sp[1]:]
	}
	return text
}

// saysAddOnWord: low has a Chinese word of another title of ps that main's has
// not ("<M> 想再加块电池" of the <M> and the batteries made for it).
func saysAddOnWord(low string, ps []*shop.Product, main *shop.Product) bool {
	mainTitle := []string{strings.ToLower(main.Title)}
	return slices.ContainsFunc(ps, func(p *shop.Product) bool {
		return p != main && saysOwnWordOf(low, strings.ToLower(p.Title), mainTitle)
	})
}

// figureWords counts the Latin words of low with a figure ("3", "k5").
func figureWords(low string) int {
	n := 0
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !isASCIILetter(r) && !isDigitOrPoint(r) }) {
		if strings.ContainsAny(w, "0123456789") {
			n++
		}
	}
	return n
}

// wholeModelTitles are the products of ps whose titles write a Latin name of text
// whole — not followed by more of a model the customer did not say ("<L> 2" in
// "<L> 2 <Z>").
func wholeModelTitles(text string, ps []*shop.Product) []*shop.Product {
	var names []*regexp.Regexp // each model name of text, compiled once for every title
	for _, run := range latinName.FindAllString(text, -1) {
		// Folded: "<L> 3" is found in any spacing. A name of several words folds into
		// one ("<brand><l>1") no title writes; its end from a word of three letters
		// or more is tried then ("<L> 3" of "<Brand> <L> 3", "how heavy is the <L>
		// 3"), never a bare code ("<l>1"): a title that goes on in Latin after it
		// ("<Brand> <L>1 <Feature>") would read as a longer model.
		words := strings.Fields(fromTitleWord(run, ps))
		for i := range words {
			if i > 0 && !slices.ContainsFunc(words[i:], func(w string) bool { return len(w) >= 3 && !strings.ContainsAny(w, "0123456789") }) {
				break
			}
			f := foldName(strings.Join(words[i:], " "))
			if len(f) < minCrossName || !strings.ContainsAny(f, "0123456789") {
				break
			}
			re := wholeName(f)
			if re != nil && slices.ContainsFunc(ps, func(p *shop.Product) bool { return writtenWhole(re, p.Title) }) {
				names = append(names, re)
				break
			}
		}
	}
	var out []*shop.Product
	for _, p := range ps {
		if slices.ContainsFunc(names, func(re *regexp.Regexp) bool { return writtenWhole(re, p.Title) }) {
			out = append(out, p)
		}
	}
	return out
}

// fromTitleWord is a run of Latin words from the first that a title of ps has:
// the words of the question before a model are no part of its name.
func fromTitleWord(run string, ps []*shop.Product) string {
	words := strings.Fields(run)
	for i, w := range words {
		lw := strings.ToLower(w)
		if slices.ContainsFunc(ps, func(p *shop.Product) bool { return containsWord(strings.ToLower(p.Title), lw) }) {
			return strings.Join(words[i:], " ")
		}
	}
	return run
}

type latinNameAt struct {
	from, to int
	re       *regexp.Regexp // the name written whole, in any case and spacing
}

// latinNamesOf are the model names of text, each compiled once for every title:
// each run of Latin words with a letter and a figure, or its end after the words
// before it ("<L> 3" of "<Brand> <L> 3", when titles write the brand apart), the
// longest first at each run; spans do not overlap.
func latinNamesOf(text string) []latinNameAt {
	var out []latinNameAt
	for _, m := range latinName.FindAllStringIndex(text, -1) {
		for from := m[0]; from < m[1]; {
			name := strings.ToLower(text[from:m[1]])
			if f := foldName(name); len(f) >= minCrossName && strings.ContainsAny(f, "0123456789") && strings.ContainsFunc(f, unicode.IsLetter) {
				if re := wholeName(name); re != nil {
					out = append(out, latinNameAt{from, m[1], re})
				}
			}
			sp := strings.IndexAny(name, " -")
			if sp < 0 {
				break
			}
			from += sp + 1
		}
	}
	return out
}

// mainOf is the one product of pool that is no add-on to the others: not marked
// one, not naming low's model only in brackets — or, of several such, a device
// among the parts, batteries and plans titled for it, costing several times any
// of them; nil when none stands out.
func mainOf(pool []*shop.Product, low string) *shop.Product {
	var mains []*shop.Product
	for _, p := range pool {
		if !isAddOnProduct(p) && !namedInBrackets(p.Title, low) {
			mains = append(mains, p)
		}
	}
	if len(mains) == 1 {
		return mains[0]
	}
	return dearestByFar(mains)
}

// dominantPriceRatio: how many times the dearest of others its cheapest variant
// must cost for a product to be the device the others are made for.
const dominantPriceRatio = 3

// dearestByFar is the product of ps whose cheapest variant costs dominantPriceRatio
// times the dearest variant of every other; nil when none does.
func dearestByFar(ps []*shop.Product) *shop.Product {
	var top *shop.Product
	var topLow, restHigh shop.Money
	for _, p := range ps {
		low, high := priceSpan(p)
		if top == nil || low > topLow {
			if top != nil {
				_, h := priceSpan(top)
				restHigh = max(restHigh, h)
			}
			top, topLow = p, low
			continue
		}
		restHigh = max(restHigh, high)
	}
	if top == nil || restHigh == 0 || topLow < dominantPriceRatio*restHigh {
		return nil
	}
	return top
}

// priceSpan is the lowest and highest price of p's variants.
func priceSpan(p *shop.Product) (low, high shop.Money) {
	for i, k := range p.SKUs {
		if i == 0 || k.Price < low {
			low = k.Price
		}
		high = max(high, k.Price)
	}
	return low, high
}

// isAddOnProduct: p's title or category marks it an add-on to another product
// ("…专用", "…（<M>适用）", a category of spare parts).
func isAddOnProduct(p *shop.Product) bool {
	return accessoryMarks.in(strings.ToLower(p.Title)) || accessoryMarks.in(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(p.Category)))
}

// oneModelOf: the text's Latin words the glossary does not know include a model
// code ("k2") and every one of them is in each candidate's title: one model's
// products, not two models named ("<add-on> work with my <machine>?").
func oneModelOf(cands []*shop.Product, low string) bool {
	code := false
	for _, w := range latinWordsOf(low) {
		if len(lang.Chinese(w)) > 0 || stopWords[w] {
			continue
		}
		code = code || strings.ContainsAny(w, "0123456789") || spacedModelNumber.MatchString(low)
		for _, p := range cands {
			if !containsWord(strings.ToLower(p.Title), w) {
				return false
			}
		}
	}
	return code
}

// spacedModelNumber: a model code written with a space before its number
// ("<M> 4 <y>"), which latinWordsOf leaves as words without a digit.
var spacedModelNumber = regexp.MustCompile(`[a-z]{2,}\s+\d{1,3}(?:\s|$|\p{Han})`)

// namedInBrackets: the Latin words of low that p's title has, it has only inside
// brackets ("… <part> 0.4mm (<M> / <M2>)": the machines it fits).
func namedInBrackets(title, low string) bool {
	t := strings.ToLower(title)
	outside := bracketed.ReplaceAllString(t, " ")
	found := false
	for _, w := range latinWordsOf(low) {
		if !containsWord(t, w) {
			continue
		}
		found = true
		if containsWord(outside, w) {
			return false
		}
	}
	return found
}
