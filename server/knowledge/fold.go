package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold is the NFKC-like normalisation applied to every text before tokenising, at
// index and at query time alike: full-width ASCII becomes half-width (ＡＢＣ１２３ →
// abc123), the ideographic space becomes a space, letters are lower-cased and runs of
// white space collapse to one space (so multi-word synonyms such as "runs large" match
// however the customer spaced them). We do it by hand rather than with x/text/norm:
// these are the only compatibility mappings shop text needs, and it avoids a dependency.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = foldRune(r)
		if unicode.IsSpace(r) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII block
		r -= 0xFEE0
	case r == 0x3000: // ideographic space
		r = ' '
	case r == '\u2018' || r == '\u2019':
		r = '\''
	case r == '\u2013' || r == '\u2014' || r == '\u2212':
		r = '-'
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// runeClass tells the tokenizer how to treat a rune of folded text.
type runeClass int

const (
	classSep runeClass = iota
	classHan
	classLetter
	classDigit
)

func classify(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z':
			return classLetter
		case '0' <= r && r <= '9':
			return classDigit
		}
		return classSep
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.IsLetter(r):
		return classLetter
	case unicode.IsDigit(r):
		return classDigit
	}
	return classSep
}

// isASCIIWord reports whether s is made of ASCII letters only (what the English
// stemmer and the fuzzy fallback apply to).
func isASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// contraction matches an English word with a clitic after an apostrophe:
// what's, women's, don't, i'm, we'll. Split at the apostrophe, the tail would be
// a term of its own ("s", "t"), found in every title with a possessive.
var contraction = regexp.MustCompile(`(?i)\b([a-z]+?)(n['’]t|['’](?:s|re|ve|ll|d|m))\b`)

// dropContractions rewrites clitics in a query: "n't" becomes " not" (a negation
// carries meaning; can't, won't keep their verb), the others are dropped.
func dropContractions(q string) string {
	if !strings.ContainsAny(q, "'’") {
		return q
	}
	return contraction.ReplaceAllStringFunc(q, func(m string) string {
		sub := contraction.FindStringSubmatch(m)
		word, clitic := sub[1], strings.ToLower(sub[2])
		if !strings.HasPrefix(clitic, "n") {
			return word
		}
		switch strings.ToLower(word) {
		case "ca":
			return word + "n not"
		case "wo":
			return "will not"
		}
		return word + " not"
	})
}
