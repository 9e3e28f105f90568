package agent

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/shop"
)

// A model named by its number alone ("<n>能<做某事>吗" of "<Brand> <L> <n> <kind>"):
// when nothing else in the text names a product, a number of three digits or more
// that few titles write as a word of their own names those products — unless it is
// part of a code ("CL-300"), a variant's value ("256"), or a unit, an amount or a
// size follows it ("<n>元", "<n> ml", "<n>码"), or a budget comes before it, which
// language data lists (number_not_model_after, number_not_model_before).

// maxNumberProducts: a number more titles write than this names none of them.
const maxNumberProducts = 3

// bareNumber: a number of 3–5 digits standing apart from Latin letters, digits and
// a decimal point.
var bareNumber = regexp.MustCompile(`(?:^|[^0-9A-Za-z._/-])(\d{3,5})(?:[^0-9A-Za-z._/-]|$)`)

var (
	numberNotAfter  = cues("number_not_model_after")
	numberNotBefore = cues("number_not_model_before")
)

// titleNumbers maps the numbers of three digits or more that titles write as a
// word of their own to those products, by catalogue position.
func titleNumbers(ps []shop.Product) map[string][]int32 {
	// A number some variant's value starts with ("300mm", "2016年") is that value's
	// matter, and a title listing values ("300/350/400") lists variants.
	values := map[string]bool{}
	for i := range ps {
		for _, k := range ps[i].SKUs {
			for _, v := range k.Attributes.All() {
				if n := v[:len(v)-len(strings.TrimLeft(v, "0123456789"))]; n != "" {
					values[n] = true
				}
			}
		}
	}
	out := map[string][]int32{}
	for i := range ps {
		for _, f := range strings.FieldsFunc(ps[i].Title, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != '/' && !isASCIILetter(r) }) {
			if len(f) >= 3 && len(f) <= 5 && strings.Trim(f, "0123456789") == "" && !values[f] {
				if ids := out[f]; len(ids) == 0 || ids[len(ids)-1] != int32(i) {
					out[f] = append(ids, int32(i))
				}
			}
		}
	}
	return out
}

// byBareNumber are the products text names by a title's number alone.
func (s *session) byBareNumber(text string) []*shop.Product {
	var out []*shop.Product
	low := strings.ToLower(text)
	for _, m := range bareNumber.FindAllStringSubmatchIndex(low, -1) {
		num, before, after := low[m[2]:m[3]], low[:m[2]], strings.TrimLeft(low[m[3]:], " ")
		ids := s.words.numbers[num]
		if len(ids) == 0 || len(ids) > maxNumberProducts || s.words.attrParts[num] || counted(low[m[2]:]) || numberNotBefore.suffixOf(strings.TrimRight(before, " ")) || numberNotAfter.prefixOf(after) || unitFollows(after) {
			continue
		}
		for _, i := range ids {
			if p := &s.words.products[i]; !containsProduct(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// counted: text starts with a Chinese count ("200粒", "300个").
func counted(text string) bool {
	loc := qtyZh.FindStringIndex(text)
	return loc != nil && loc[0] == 0
}

// unitFollows: rest starts with a Latin unit word ("330 ml").
func unitFollows(rest string) bool {
	end := strings.IndexFunc(rest, func(r rune) bool { return !isASCIILetter(r) })
	if end < 0 {
		end = len(rest)
	}
	// "<n> in white": a word of chat ("in") is no unit written apart.
	return end > 0 && isUnitWord(rest[:end]) && !stopWords[rest[:end]]
}

// withoutBrandOf: ps without those of the brand of a product the number named
// ("HP 2729 in white" is the <brand>'s 2729, not another <brand> sold in white
// that the brand's word and the colour named).
func withoutBrandOf(ps, byNumber []*shop.Product) []*shop.Product {
	if len(byNumber) == 0 {
		return ps
	}
	return slices.DeleteFunc(slices.Clone(ps), func(p *shop.Product) bool {
		return !containsProduct(byNumber, p) && slices.ContainsFunc(byNumber, func(n *shop.Product) bool { return p.Brand != "" && n.Brand == p.Brand })
	})
}
