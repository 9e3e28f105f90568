package agent

import (
	"regexp"
	"slices"
	"strings"

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
	if strings.Contains(s.text, "\n") || !strings.Contains(s.text, text) {
		return nil // a follow-up read in context, or an earlier message: the latest line tells the variant
	}
	cands := s.lineCandidates(text, low)
	// The value is told beside the line's words, not by them: a spare part sold in
	// "<M> / <M2>" (the machines it fits) is not named by "<M> 有几个版本".
	rest := text
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
	if whole := wholeModelTitles(text, out); len(whole) == 1 {
		return whole // "<L> 2 单机" of "<L> 2" and "<L> 2 <Z>", both sold 单机
	}
	// Not told apart by a value: the one of them that is no add-on to the others
	// ("<M>" of a printer and the nozzles, extruder and plates made for it;
	// "<M> 标准版" of the printer and a camera made for it, both sold so).
	pool := cands
	if len(out) > 1 {
		pool = out
	}
	if main := mainOf(pool, low); main != nil && len(pool) > 1 && !accessoryMarks.in(low) && oneModelOf(cands, low) {
		return []*shop.Product{main}
	}
	return nil
}

// wholeModelTitles are the products of ps whose titles write a Latin name of text
// whole — not followed by more of a model the customer did not say ("<L> 2" in
// "<L> 2 <Z>").
func wholeModelTitles(text string, ps []*shop.Product) []*shop.Product {
	var names []*regexp.Regexp // each model name of text, compiled once for every title
	for _, m := range latinName.FindAllString(text, -1) {
		if f := foldName(m); len(f) >= minCrossName && strings.ContainsAny(f, "0123456789") {
			if re := wholeName(f); re != nil {
				names = append(names, re)
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
