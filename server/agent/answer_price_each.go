package agent

import (
	"regexp"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A cart of one product's variants: those the customer names, each with its own
// count ("黑色两瓶，青色品红各一瓶", "one white M and one black L"), all of them
// ("四个颜色各来一个"), or as many as the count bought ("two pairs, a 40 and a 39").

// maxEachValues: the most variants one cart takes one of each of ("四个颜色各来一个").
const maxEachValues = 8

// everyVariant: see every_variant in the language data.
var everyVariant = lang.Regexp("every_variant")

// leadingCountEn: an English part starting with its count ("one white M").
var leadingCountEn = regexp.MustCompile(`^\s*(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+[a-z]`)

// countsPerValue: the last line's parts each name variants and their own count
// ("黑色两瓶，青色品红各一瓶", "one white M and one black L"); a cart of those,
// when the counts differ or some variants of p's named values no part asks for.
func (s *session) countsPerValue(p *shop.Product, skus []*shop.SKU) ([]commerce.CartLine, bool) {
	// Words apart are parts too: "黑色两瓶 青色 品红各一瓶".
	var parts []string
	for _, part := range s.cartSplit(s.lastLine()) {
		if isASCII(part) {
			parts = append(parts, part) // English words apart are one phrase
			continue
		}
		parts = append(parts, strings.Fields(part)...)
	}
	if len(parts) < 2 {
		return nil, false
	}
	counts := s.partCounts(parts)
	cart := make([]commerce.CartLine, 0, len(skus))
	differ, dropped := false, false
	for _, k := range skus {
		qty := int64(0)
		for i, part := range parts {
			if counts[i] > 0 && skuFitsPart(p, k, part) {
				qty = counts[i]
				break
			}
		}
		if qty == 0 {
			dropped = true
			continue
		}
		differ = differ || len(cart) > 0 && cart[0].Qty != qty
		cart = append(cart, commerce.CartLine{SKUID: k.ID, Qty: qty})
	}
	return cart, len(cart) > 0 && (differ && !dropped || dropped && len(cart) >= 2)
}

// skuFitsPart: part names a value of k and no other value of an attribute k has
// ("one white M" is not the white L).
func skuFitsPart(p *shop.Product, k *shop.SKU, part string) bool {
	low := strings.ToLower(part)
	hits := 0
	for name, v := range k.Attributes.All() {
		if mentionsValueIn(part, low, name, v) {
			hits++
			continue
		}
		for i := range p.SKUs {
			if o := p.SKUs[i].Attributes.Get(name); o != "" && o != v && mentionsValueIn(part, low, name, o) {
				return false
			}
		}
	}
	return hits > 0
}

// partCounts are the counts of a cart's parts (0 for none): a part's own, else
// that of the next part saying it counts each ("青 品红 黄各一瓶": one of each).
func (s *session) partCounts(parts []string) []int64 {
	counts := make([]int64, len(parts))
	each := int64(0) // the count of each, read from the end
	for i := len(parts) - 1; i >= 0; i-- {
		if m := leadingCountEn.FindStringSubmatch(strings.ToLower(parts[i])); m != nil {
			counts[i], each = parseCount(m[1]), 0 // "one white M"
			continue
		}
		if len(countsIn(parts[i], s.words.namePart)) > 0 {
			counts[i] = quantity(parts[i], s.words.namePart, s.words.packPart)
			each = 0
			if countEach.in(parts[i]) {
				each = counts[i]
			}
			continue
		}
		counts[i] = each
	}
	return counts
}

// everyVariantAsked: the turn asks for a count of each of p's variants ("四个颜色
// 各来一个", "one of every colour"): them all (a number said must be theirs) and
// that count; nil when it does not.
func (s *session) everyVariantAsked(p *shop.Product) ([]*shop.SKU, int64) {
	m := everyVariant.FindString(s.low)
	if m == "" || !s.says(countEach) && !isASCII(m) || len(p.SKUs) > maxEachValues {
		return nil, 0
	}
	if n := quantity(m, s.words.namePart); n > 1 && n != int64(len(p.SKUs)) && strings.ContainsAny(m, "两二三四五六七八九十0123456789") {
		return nil, 0 // "三个颜色" of a product in four: which three is not said
	}
	out := make([]*shop.SKU, len(p.SKUs))
	for i := range p.SKUs {
		out[i] = &p.SKUs[i]
	}
	each := int64(1)
	if i := strings.Index(s.low, "各"); i >= 0 {
		each = quantity(s.low[i:], s.words.namePart, s.words.packPart)
	} else if isASCII(m) {
		each = quantity(s.low, s.words.namePart, s.words.packPart) // "two of every colour"
	}
	return out, each
}

// countsTheValues: the count bought is that of p's variants the turn names ("two
// pairs, a 40 and a 39"): one of each, bought together.
func (s *session) countsTheValues(p *shop.Product, qty int64) bool {
	each := s.eachNamedSKU(p)
	if qty < 2 || qty != int64(len(each)) || s.says(priceEach) {
		return false
	}
	// Each value the variants differ in is said in the last line ("a 40 and a 39"),
	// not one that several variants' values share ("70%" of 54.5% and 70.5%).
	line := s.lastLine()
	low := strings.ToLower(line)
	differ := false
	for name := range each[0].Attributes.All() {
		var vals []string
		for _, k := range each {
			if v := k.Attributes.Get(name); !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		if len(vals) < 2 {
			continue
		}
		differ = true
		if slices.ContainsFunc(vals, func(v string) bool { return !mentionsValueIn(line, low, name, v) }) {
			return false
		}
	}
	return differ
}

// linesOf is one cart of qty of each sku.
func linesOf(skus []*shop.SKU, qty int64) []commerce.CartLine {
	out := make([]commerce.CartLine, len(skus))
	for i, k := range skus {
		out[i] = commerce.CartLine{SKUID: k.ID, Qty: qty}
	}
	return out
}

// eachNamedSKU: the customer names several values of one attribute of p ("36和38",
// "black and white"): the sku of each, with the other values they name; nil
// unless there are two or more.
func (s *session) eachNamedSKU(p *shop.Product) []*shop.SKU {
	var out []*shop.SKU
	for i := range p.SKUs {
		k := &p.SKUs[i]
		all := true
		for name, v := range k.Attributes.All() {
			if s.valuesNamedOf(p, name) > 0 && !mentionsValueIn(s.text, s.low, name, v) {
				all = false
				break
			}
		}
		if all && len(out) < maxEachValues {
			out = append(out, k)
		}
	}
	if len(out) < 2 || len(out) == len(p.SKUs) {
		return nil
	}
	return out
}

// valuesNamedOf counts the values of attribute name of p that the turn names.
func (s *session) valuesNamedOf(p *shop.Product, name string) int {
	var seen []string
	for i := range p.SKUs {
		if v := p.SKUs[i].Attributes.Get(name); v != "" && !contains(seen, v) && mentionsValueIn(s.text, s.low, name, v) {
			seen = append(seen, v)
		}
	}
	return len(seen)
}

// allNamedSKUs are p's variants when the turn names every value of each of them
// (up to maxEachValues), nil otherwise.
func (s *session) allNamedSKUs(p *shop.Product) []*shop.SKU {
	if len(p.SKUs) > maxEachValues {
		return nil
	}
	out := make([]*shop.SKU, 0, len(p.SKUs))
	for i := range p.SKUs {
		k := &p.SKUs[i]
		for name, v := range k.Attributes.All() {
			if !mentionsValueIn(s.text, s.low, name, v) {
				return nil
			}
		}
		out = append(out, k)
	}
	return out
}
