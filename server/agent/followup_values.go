package agent

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// overrideValues removes from prev the values of every attribute that now names
// another value of it: "白色40码有货吗" + "那黑色的呢" → "40码有货吗".
func overrideValues(prev, now string, ps []*shop.Product) string {
	lowNow, out := strings.ToLower(now), prev
	for _, p := range ps {
		values, namedBy := valuesNamed(p, now, lowNow)
		for _, name := range slices.Sorted(maps.Keys(namedBy)) { // one order every time
			for _, v := range values[name] {
				if !contains(namedBy[name], v) {
					out = removeValue(out, name, v)
				}
			}
		}
		out = withoutUnsold(out, p, values, namedBy)
	}
	return out
}

// valuesNamed are p's values by attribute, and those of them text (low,
// lower-cased) names, by attribute, in the order p sells them.
func valuesNamed(p *shop.Product, text, low string) (values, namedBy map[string][]string) {
	values, namedBy = map[string][]string{}, map[string][]string{}
	for i := range p.SKUs {
		for name, v := range p.SKUs[i].Attributes.All() {
			if !contains(values[name], v) {
				values[name] = append(values[name], v)
				if mentionsValueIn(text, low, name, v) {
					namedBy[name] = append(namedBy[name], v)
				}
			}
		}
	}
	return values, namedBy
}

// withoutUnsold removes from text the values of an attribute now does not name
// that goes one to one with an attribute it names, when no variant has them beside
// the values it names: "8口的呢" after "<M1>多少钱", where each model is one
// port count, drops <M1> too. A colour and a size are not one to one: "43有吗"
// after "棕色有哪些码" still asks of 棕色.
func withoutUnsold(text string, p *shop.Product, values, namedBy map[string][]string) string {
	if len(namedBy) == 0 {
		return text
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if _, ok := namedBy[name]; ok || !pairedWithNamed(p, name, namedBy) {
			continue
		}
		for _, v := range values[name] {
			if !soldWith(p, name, v, namedBy) {
				text = removeValue(text, name, v)
			}
		}
	}
	return text
}

// pairedWithNamed: each value of attribute name goes with one value of an attribute
// named and the other way round, across p's variants.
func pairedWithNamed(p *shop.Product, name string, namedBy map[string][]string) bool {
	for other := range namedBy {
		fwd, back := map[string]string{}, map[string]string{}
		paired := true
		for i := range p.SKUs {
			a, b := p.SKUs[i].Attributes.Get(name), p.SKUs[i].Attributes.Get(other)
			if x, ok := fwd[a]; ok && x != b {
				paired = false
				break
			}
			if y, ok := back[b]; ok && y != a {
				paired = false
				break
			}
			fwd[a], back[b] = b, a
		}
		if paired && len(fwd) > 1 {
			return true
		}
	}
	return false
}

// soldWith: a variant of p has value v of attribute name and one of the named
// values of every attribute in namedBy.
func soldWith(p *shop.Product, name, v string, namedBy map[string][]string) bool {
	for i := range p.SKUs {
		a := p.SKUs[i].Attributes
		if a.Get(name) != v {
			continue
		}
		all := true
		for n, vs := range namedBy {
			if !contains(vs, a.Get(n)) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// removeValue deletes the mentions of one attribute value from text.
func removeValue(text, name, v string) string {
	if name == "size" && isNumber(v) {
		return regexp.MustCompile(`(^|[^\d.])`+regexp.QuoteMeta(v)+`([^\d.]|$)`).ReplaceAllString(text, "$1 $2")
	}
	for _, part := range valueParts(v) {
		if m := measure.FindStringSubmatch(part); m != nil {
			// The unit glued to the figure, or its own after a space ("<n> mm"); not
			// the word after it ("<n> price").
			text = regexp.MustCompile(`(?i)(^|[^\d.])`+regexp.QuoteMeta(m[1])+`(?:\s+`+regexp.QuoteMeta(m[2])+`\b|[a-z]*)`).ReplaceAllString(text, "$1 ")
			text = removeMeasureSaid(text, m[1], m[2])
			continue
		}
		// "1.8m床" named "1.8米": its figure and the unit after it, in any words.
		if m := leadFigure.FindStringSubmatch(part); m != nil && strings.Contains(m[1], ".") {
			text = regexp.MustCompile(`(?i)(^|[^\d.])`+regexp.QuoteMeta(m[1])+`\s*(?:[a-z]+|\p{Han})?`).ReplaceAllString(text, "$1 ")
			continue
		}
		// "15年" named "15": the figure alone too.
		if m := figureUnit.FindStringSubmatch(part); m != nil {
			text = regexp.MustCompile(`(^|[^\d.])`+regexp.QuoteMeta(m[1])+`(\p{Han}?)([^\d.]|$)`).ReplaceAllString(text, "$1 $3")
			continue
		}
		text = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(part)).ReplaceAllString(text, " ")
		for _, c := range contractionsOf(part) { // "<A>版" of <A><B>版
			text = strings.ReplaceAll(text, c, " ")
		}
		if stem := styleStem(part); stem != "" {
			text = strings.ReplaceAll(text, stem, " ") // "单只" of 单只装
		}
		if isColourAttr(name) && !isASCII(part) {
			// "黑色" said of "<fancy>黑": its base colour as the customer wrote it.
			text = baseColourWords(part).Replace(text)
		}
	}
	return text
}

// removeMeasureSaid removes the measure figure+unit as a customer writes it: the
// figure without a trailing ".0" and the unit in any of its words ("3米" of 3.0m).
func removeMeasureSaid(text, figure, unit string) string {
	figs := []string{regexp.QuoteMeta(figure)}
	if short := strings.TrimSuffix(figure, ".0"); short != figure {
		figs = append(figs, regexp.QuoteMeta(short))
	}
	units := []string{regexp.QuoteMeta(unit)}
	for _, u := range unitWords[unit] {
		units = append(units, regexp.QuoteMeta(u))
	}
	re := regexp.MustCompile(`(?i)(^|[^\d.])(?:` + strings.Join(figs, "|") + `)\s*(?:` + strings.Join(units, "|") + `)`)
	return re.ReplaceAllString(text, "$1 ")
}

// withQuotedValues adds to context the values of the one variant of p the last
// reply quoted that the follow-up leaves as they were: "那<v2>版呢" after a quote
// of "<v1>版 · 单只装" asks the single <v2>版, not also its pack of two — as a
// person hears it. Only values sold beside the ones the follow-up names.
func (s *session) withQuotedValues(context string, p *shop.Product) string {
	k := s.quotedVariant(p)
	if k == nil {
		return context
	}
	values, namedBy := valuesNamed(p, s.text, s.low)
	if len(namedBy) == 0 {
		return context
	}
	lowCtx := strings.ToLower(context)
	var add []string
	for _, name := range slices.Sorted(maps.Keys(values)) {
		v := k.Attributes.Get(name)
		if _, named := namedBy[name]; named || v == "" || len(values[name]) < 2 {
			continue
		}
		if slices.ContainsFunc(values[name], func(o string) bool { return mentionsValueIn(context, lowCtx, name, o) }) {
			continue // the customer chose it before
		}
		if soldWith(p, name, v, namedBy) {
			add = append(add, v)
		}
	}
	if len(add) == 0 {
		return context
	}
	return context + " " + strings.Join(add, " ")
}

// quotedVariant is the one variant of p the last reply quoted ("**<title>**（<values>）"),
// nil when it quoted none or several.
func (s *session) quotedVariant(p *shop.Product) *shop.SKU {
	reply := ""
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		if m := s.turn.History[i]; !m.FromCustomer {
			reply = m.Text
			break
		}
	}
	var got *shop.SKU
	for i := range p.SKUs {
		k := &p.SKUs[i]
		if attrsText(k.Attributes, i18n.ZH) == "" {
			continue
		}
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			if strings.Contains(reply, itemName(p.Title, k.Attributes, l)) {
				if got != nil && got != k {
					return nil
				}
				got = k
			}
		}
	}
	return got
}
