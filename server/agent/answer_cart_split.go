package agent

import (
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/shop"
)

// cartSplit splits text at the separators of a cart's items — but not at a slash
// inside a variant value of a product the text names ("grey/black" of the colour
// "灰黑 Grey/Black"): "<boots> grey/black 43" is one item, not "grey" and "black 43".
func (s *session) cartSplit(text string) []string {
	locs := cartSep.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return []string{text}
	}
	var slashed []string
	if strings.Contains(text, "/") {
		slashed = slashedValues(s.namedProducts(text))
	}
	var out []string
	from := 0
	for _, l := range locs {
		if text[l[0]:l[1]] == "/" && joinsValue(text, l[0], slashed) {
			continue
		}
		out = append(out, text[from:l[0]])
		from = l[1]
	}
	return append(out, text[from:])
}

// slashedValues are the products' variant values written with a slash, lower-cased.
func slashedValues(ps []*shop.Product) []string {
	var out []string
	for _, p := range ps {
		for i := range p.SKUs {
			for _, v := range p.SKUs[i].Attributes.All() {
				if v = strings.ToLower(v); strings.Contains(v, "/") && !contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return out
}

// joinsValue: the words either side of the slash at byte i, with it, are written
// in one of the values ("black/white").
func joinsValue(text string, i int, values []string) bool {
	if len(values) == 0 {
		return false
	}
	start := strings.LastIndexFunc(text[:i], notWordRune) + 1
	end := strings.IndexFunc(text[i+1:], notWordRune)
	if end < 0 {
		end = len(text)
	} else {
		end += i + 1
	}
	if start == i || end == i+1 {
		return false
	}
	pair := strings.ToLower(text[start:end])
	for _, v := range values {
		if strings.Contains(v, pair) {
			return true
		}
	}
	return false
}

// notWordRune ends a word around a slash: anything but a letter or a digit.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
