package agent

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/shop"
)

// cartSplit splits text at the separators of a cart's items — but not at a slash
// inside a variant value of a product the text names ("<c1>/<c2>" of the colour
// "灰黑 <C1>/<C2>"): "<K> <c1>/<c2> 43" is one item, not "<c1>" and "<c2> 43".
func (s *session) cartSplit(text string) []string {
	var out []string
	for _, seg := range s.sepSplit(text) {
		out = append(out, s.countStarts(seg)...)
	}
	return out
}

// countStarts splits seg before a count after a space that follows an earlier
// count, when what follows names another product ("买一个<A> <value> 一个<B>S号": two
// items, each with its count; "<A>买两把 一把黑的一把金的" stays one).
func (s *session) countStarts(seg string) []string {
	ms := qtyZh.FindAllStringIndex(seg, -1)
	if len(ms) < 2 {
		return []string{seg}
	}
	var out []string
	from := 0
	for _, m := range ms[1:] {
		if m[0] <= from || seg[m[0]-1] != ' ' {
			continue
		}
		before, after := s.namedProducts(seg[from:m[0]]), s.namedOrFound(seg[m[0]:])
		if len(after) == 0 || len(before) > 0 && containsProduct(before, after[0]) {
			continue
		}
		out = append(out, seg[from:m[0]])
		from = m[0]
	}
	return append(out, seg[from:])
}

// sepSplit splits text at the cart's separators (see cartSplit).
func (s *session) sepSplit(text string) []string {
	locs := cartSep.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return []string{text}
	}
	var named []*shop.Product
	if strings.ContainsAny(text, "/+") {
		named = s.namedOrFound(text)
	}
	slashed := slashedValues(named)
	var out []string
	from := 0
	for _, l := range locs {
		switch sep := text[l[0]:l[1]]; {
		case sep == "/" && joinsValue(text, l[0], slashed):
			continue
		case sep == "+" && endsTitleWord(text, l[0], named):
			continue // "<L> <M>+ <c>": the plus is the name's
		}
		out = append(out, text[from:l[0]])
		from = l[1]
	}
	return append(out, text[from:])
}

// plusJoins: a plus joins two things bought together — not the plus of a name
// ("<L> <M>+ <c><kit>").
func (s *session) plusJoins() bool {
	locs := plusJoin.FindAllStringIndex(s.text, -1)
	if len(locs) == 0 {
		return false
	}
	named := s.namedOrFound(s.text)
	for _, l := range locs {
		i := l[0] + strings.IndexAny(s.text[l[0]:l[1]], "+＋")
		if s.text[i] != '+' || !endsTitleWord(s.text, i, named) {
			return true
		}
	}
	return false
}

// saysTogether: the turn says its items are bought together — but an English word
// of the list that is a word of a variant value of the products in play names that
// variant ("那<P>版呢" of a seat sold as "T" and "T <P>"), not a second item.
func (s *session) saysTogether() bool {
	if !s.says(togetherWords) {
		return false
	}
	if !slices.ContainsFunc(togetherWords.phrases, func(w string) bool { return isASCII(w) && containsWord(s.low, w) }) {
		return true // only a Chinese word of the list, which no Latin value holds
	}
	low := s.low
	for _, p := range s.namedOrFound(s.text) {
		for i := range p.SKUs {
			for _, v := range p.SKUs[i].Attributes.All() {
				for _, w := range latinWordsOf(strings.ToLower(v)) {
					if slices.Contains(togetherWords.phrases, w) {
						low = replaceWord(low, w, " ")
					}
				}
			}
		}
	}
	return low == s.low || s.saysIn(togetherWords, low)
}

// namedOrFound are the products text names and those the search finds for its
// words ("<T>+ <c>" names no title by itself).
// Once per text a turn: the together, plus and cart readings all ask it.
func (s *session) namedOrFound(text string) []*shop.Product {
	if ps, ok := s.found[text]; ok {
		return ps
	}
	if s.found == nil {
		s.found = map[string][]*shop.Product{}
	}
	ps := append(s.namedProducts(text), s.searchProducts(text, nil, false)...)
	s.found[text] = ps
	return ps
}

// endsTitleWord: the word before the plus at byte i, with it, ends a word of a
// named product's title ("<M>+" of "<L> <M>+").
func endsTitleWord(text string, i int, named []*shop.Product) bool {
	// The Latin word before it: "<c><T>+" ends with "<t>+".
	start := runStart(text[:i], func(r rune) bool { return !isASCIILetter(r) && !unicode.IsDigit(r) })
	if start == i {
		return false
	}
	word := strings.ToLower(text[start : i+1])
	for _, p := range named {
		for _, f := range strings.Fields(strings.ToLower(p.Title)) {
			if strings.HasSuffix(f, word) {
				return true
			}
		}
	}
	return false
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
	start := runStart(text[:i], notWordRune)
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

// runStart is the byte offset in s where its last run of runes that are not stop
// begins (after the last rune that is).
func runStart(s string, stop func(rune) bool) int {
	i := strings.LastIndexFunc(s, stop)
	if i < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}

// notWordRune ends a word around a slash: anything but a letter or a digit.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
