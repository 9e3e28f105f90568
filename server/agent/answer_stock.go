package agent

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/tool"
)

// "牛津鞋棕色43码有货吗", "is the Z3 512GB black in stock?": the stock of exactly the
// variant asked about — or that the product has no such variant — before the card.

// variantStock is the line about the variants the customer named, "" when they named
// no attribute value of the product.
func (s *session) variantStock(info tool.ProductInfo) string {
	if !s.asksStock() {
		return ""
	}
	named := s.namedValues(info)
	if size := askedSize(s.text); size != "" && len(named["size"]) == 0 && hasAttr(info, "size") {
		// A size the customer named that no variant has ("45码" of a 38–42 shoe).
		return s.t("agent.stock.no_variant", titleText(info.Title, s.lang), size)
	}
	if len(named) == 0 {
		return ""
	}
	var lines []string
	for _, k := range info.SKUs {
		if !hasValues(k, named) {
			continue
		}
		if k.Stock > 0 {
			lines = append(lines, s.t("agent.stock.variant_in", attrsText(k.Attributes, s.lang), k.Stock))
		} else {
			lines = append(lines, s.t("agent.stock.variant_out", attrsText(k.Attributes, s.lang)))
		}
	}
	if len(lines) == 0 {
		var asked []string
		for _, name := range slices.Sorted(maps.Keys(named)) { // one order every time
			for _, v := range named[name] {
				asked = append(asked, localText(v, s.lang))
			}
		}
		return s.t("agent.stock.no_variant", titleText(info.Title, s.lang), strings.Join(asked, " · "))
	}
	if len(lines) > maxVariantLines {
		lines = append(lines[:maxVariantLines], "…")
	}
	text := bullet(lines)
	if alt := s.inStockInstead(info, named); alt != "" {
		text += "\n" + alt
	}
	return text
}

// inStockInstead: when every variant asked about is sold out, the ones of the
// other values of what was asked that are in stock ("蓝色" sold out: "粉色, 白色
// are in stock"), as a person at the counter would offer; "" otherwise.
func (s *session) inStockInstead(info tool.ProductInfo, named map[string][]string) string {
	for _, k := range info.SKUs {
		if hasValues(k, named) && k.Stock > 0 {
			return "" // something asked about is there
		}
	}
	var groups []string
	for _, attr := range slices.Sorted(maps.Keys(named)) {
		// The other values of this attribute, the rest of what was asked kept.
		rest := maps.Clone(named)
		delete(rest, attr)
		var alts []string
		for _, k := range info.SKUs {
			v := localText(k.Attributes.Get(attr), s.lang)
			if k.Stock > 0 && v != "" && hasValues(k, rest) && !contains(named[attr], k.Attributes.Get(attr)) && !contains(alts, v) {
				alts = append(alts, v)
			}
		}
		if len(alts) > 0 {
			groups = append(groups, strings.Join(alts, s.t("agent.ids_sep")))
		}
	}
	if len(groups) == 0 {
		return ""
	}
	return s.t("agent.stock.instead", strings.Join(groups, s.t("agent.list_sep")))
}

// stockTail: "白色的有吗", "do you have it in blue?" — whether there is one, asked
// at the end of a line that names the product or its variant.
var stockTail = anyOf(lang.Regexps("stock_tail"))

// asksStock: the turn asks about stock, in words of stock or by asking whether
// there is the variant it names.
func (s *session) asksStock() bool {
	if s.says(stockWords) {
		return true
	}
	// "do you have the <product> in <value>?", "<product>有没有<value>的": whether
	// that variant is there to buy. ("<product>有没有<feature>" names no value.)
	if s.says(haveAnyWords) && s.namesAVariant() {
		return true
	}
	for _, line := range strings.Split(s.low, "\n") {
		if stockTail.MatchString(strings.TrimSpace(line)) && !s.asksWhatItComesWith(line) {
			return true
		}
	}
	return false
}

// asksWhatItComesWith: "<product>…鼓凳有没有" asks whether a thing its page speaks
// of comes with it, not whether it is in stock: the words before "有没有" are
// in a named product's description and name none of its variants.
func (s *session) asksWhatItComesWith(line string) bool {
	clauses := questionClauses(line)
	if len(clauses) == 0 || s.namesAVariant() {
		return false
	}
	last := clauses[len(clauses)-1]
	what := last
	for _, re := range stockTail {
		what = re.ReplaceAllString(what, "")
	}
	what = strings.TrimSpace(what)
	if utf8.RuneCountInString(what) < 2 || isASCII(what) {
		return false
	}
	for _, p := range s.namedProducts(s.text) {
		if strings.Contains(strings.ToLower(p.Description), what) {
			return true
		}
	}
	return false
}

// openAsk: a question of what there is ("what do you have that fits?"), not
// whether one thing is there.
var openAsk = cues("open_ask")

// namesAVariant: the turn names a variant value of the one product it names.
func (s *session) namesAVariant() bool {
	if s.variantNamed == nil {
		named := false
		// One product, named or found ("do you have the <value> <kind>?" of the one
		// <kind> sold in <value>); not "what do you have for <a car model>", a fit
		// several share.
		if ps := s.productsAsked(); len(ps) == 1 && !s.says(openAsk) {
			for _, k := range ps[0].SKUs {
				for _, a := range k.Attributes {
					named = named || mentionsValueIn(s.text, s.low, a.Name, a.Value)
				}
			}
		}
		s.variantNamed = &named
	}
	return *s.variantNamed
}

// namesUnchartedVariant: the turn writes out a variant value's figure of the one
// product it names, and that product has no size chart — "1.5号" of a fishing
// line is that variant, not a size the customer wears ("M还是L" of trousers sized
// by their description's rows still is a size question).
func (s *session) namesUnchartedVariant() bool {
	ps := s.namedProducts(s.text)
	if len(ps) != 1 || ps[0].SizeChart != nil {
		return false
	}
	for _, k := range ps[0].SKUs {
		for _, a := range k.Attributes {
			for _, part := range valueParts(a.Value) {
				if strings.ContainsAny(part, "0123456789") && strings.Contains(s.low, part) {
					return true
				}
			}
		}
	}
	return false
}

// namedValues are the attribute values of the product the turn names, per
// attribute: a sku must have one of each.
// In a follow-up read in context ("<in dark green?>\n<what about black?>"), a
// value its own line names replaces the earlier line's of that attribute.
func (s *session) namedValues(info tool.ProductInfo) map[string][]string {
	named, last := map[string][]string{}, map[string][]string{}
	lastText := s.text[strings.LastIndex(s.text, "\n")+1:]
	lastLow := s.low[strings.LastIndex(s.low, "\n")+1:]
	for _, k := range info.SKUs {
		for name, v := range k.Attributes.All() {
			if !contains(named[name], v) && mentionsValueIn(s.text, s.low, name, v) {
				named[name] = append(named[name], v)
			}
			if len(lastText) < len(s.text) && !contains(last[name], v) && mentionsValueIn(lastText, lastLow, name, v) {
				last[name] = append(last[name], v)
			}
		}
	}
	maps.Copy(named, last)
	return named
}

// hasValues: the sku has one of the values named for each attribute.
func hasValues(k tool.SKUInfo, named map[string][]string) bool {
	for name, vs := range named {
		if !contains(vs, k.Attributes.Get(name)) {
			return false
		}
	}
	return true
}

// maxVariantLines bounds the variants listed for one question.
const maxVariantLines = 6

// sizeAsked: a size written as one ("45码", "size 45", "44号").
var sizeAsked = regexp.MustCompile(`(?i)(\d{1,3}(?:\.5)?)\s*(?:码|號|号)|\bsize\s*(\d{1,3}(?:\.5)?)\b`)

func askedSize(text string) string {
	m := sizeAsked.FindStringSubmatch(text)
	if m == nil {
		if sizes := sizesNamed(text); len(sizes) > 0 {
			return sizes[0] // "M码", "XL"
		}
		return ""
	}
	return m[1] + m[2]
}

func hasAttr(info tool.ProductInfo, name string) bool {
	for _, k := range info.SKUs {
		if k.Attributes.Get(name) != "" {
			return true
		}
	}
	return false
}

var optionsAsk = cues("options_ask")

// optionsLineAsked: the turn asks which variants there are — itself, or as the
// earlier question a follow-up without a question of its own repeats ("那瑜伽裤呢").
func (s *session) optionsLineAsked() bool {
	return s.saysLast(optionsAsk) || s.says(optionsAsk) && !isQuestion(strings.ToLower(s.lastLine()))
}

// attrAsked: the turn names the attribute (its name, or its words in the
// glossary: "颜色"/"colour" for a colour).
func (s *session) attrAsked(name string) bool {
	n := strings.ToLower(name)
	words := append([]string{n}, lang.Translations(n)...)
	if isColourAttr(name) {
		for _, c := range []string{"colour", "color"} {
			words = append(append(words, c, c+"s"), lang.Translations(c)...)
		}
	}
	for _, w := range words {
		if isASCII(w) && containsWord(s.low, w) || !isASCII(w) && strings.Contains(s.low, w) {
			return true
		}
	}
	return false
}

// asksAnAttrOf: the turn names an attribute the product's variants are sold by,
// other than a colour or a size ("what loft is the <M>?", "<A>和<B>的除了
// 容量还有啥不同"): its values answer.
func (s *session) asksAnAttrOf(info tool.ProductInfo) bool {
	seen := map[string]bool{}
	for _, k := range info.SKUs {
		for name := range k.Attributes.All() {
			if seen[name] || name == "size" || isColourAttr(name) || len(name) < 3 {
				continue
			}
			seen[name] = true
			if s.attrNamed(name) {
				return true
			}
		}
	}
	return false
}

// attrNamed: the turn writes the attribute's name or a translation of two
// characters or more (a one-character one, "高", is in too many questions).
func (s *session) attrNamed(name string) bool {
	for _, w := range append([]string{strings.ToLower(name)}, lang.Translations(strings.ToLower(name))...) {
		if isASCII(w) && containsWord(s.low, w) || !isASCII(w) && utf8.RuneCountInString(w) >= 2 && strings.Contains(s.low, w) {
			return true
		}
	}
	return false
}

// optionsLine answers "有哪几个颜色" / "what sizes does it come in": every attribute
// the product's variants differ in, with its values, those out of stock marked.
func (s *session) optionsLine(info tool.ProductInfo) string {
	// A follow-up with a question of its own ("灰色的有货吗") asks that, not the
	// earlier "which colours"; one without ("那瑜伽裤呢") asks the earlier again.
	if !s.optionsLineAsked() && !s.asksAnAttrOf(info) {
		return ""
	}
	var names []string
	values := map[string][]string{}
	inStock := map[string]bool{}
	for _, k := range info.SKUs {
		for name, v := range k.Attributes.All() {
			if !contains(values[name], v) {
				if len(values[name]) == 0 {
					names = append(names, name)
				}
				values[name] = append(values[name], v)
			}
			if k.Stock > 0 {
				inStock[name+"\x00"+v] = true
			}
		}
	}
	var parts []string
	for _, name := range names {
		if len(values[name]) < 2 {
			// The same for every variant: not an option — unless that is what
			// they ask ("what colours?" of a white-only shoe: only white).
			if s.attrAsked(name) {
				parts = append(parts, s.t("agent.options.only", attrLabel(name, s.lang), localText(values[name][0], s.lang)))
			}
			continue
		}
		var vs []string
		for _, v := range values[name] {
			txt := localText(v, s.lang)
			if !inStock[name+"\x00"+v] {
				txt = s.t("agent.options.out", txt)
			}
			vs = append(vs, txt)
		}
		parts = append(parts, s.t("agent.options.attr", attrLabel(name, s.lang), strings.Join(vs, s.t("agent.options.sep"))))
	}
	if len(parts) == 0 {
		return ""
	}
	return s.t("agent.options.intro", titleText(info.Title, s.lang)) + "\n" + bullet(parts)
}

// attributeNames: see attribute_names in the language data.
var attributeNames = set("attribute_names")

// attrLabel is an attribute's name as the customer reads it: "color" is 颜色 to a
// Chinese customer, 颜色 "color" to an English one; a name the glossary does not
// know is shown as the shop keyed it.
func attrLabel(name string, l i18n.Lang) string {
	low := strings.ToLower(name)
	switch {
	case l == i18n.ZH && attributeNames[low]:
		if zh := lang.Chinese(low); len(zh) > 0 {
			return zh[0]
		}
	case l == i18n.EN && !isASCII(name):
		// The glossary's words for it in no fixed order: the one the list knows
		// as an attribute's name, the first in order of them.
		en := slices.DeleteFunc(slices.Clone(lang.Translations(name)), func(w string) bool { return !attributeNames[w] })
		if len(en) > 0 {
			return slices.Min(en)
		}
	}
	return name
}
