package agent

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
)

// numberAfterWord: a Latin word, then — past the Chinese glued to it and spaces — a
// number standing alone ("<Brand><品牌> <nnn> <kind>").
var numberAfterWord = regexp.MustCompile(`([a-z]{2,})\p{Han}*\s+([0-9]{2,5})(?:\s|$|\p{Han})`)

// numberCompounds are a title's brand-and-number names ("<brand><nnn>" of "<Brand><品牌>
// <nnn> <kind>"): customers name such a product "<Brand> <nnn>", which compounds reads as
// one word, though the title's number stands apart from the brand; a number alone
// is no name (a count, a size, a price).
func numberCompounds(title string) []string {
	var out []string
	for _, m := range numberAfterWord.FindAllStringSubmatch(strings.ToLower(title), -1) {
		out = append(out, m[1]+m[2])
	}
	return out
}

// measureTwins are a count's other spellings in measure words that count the same
// things ("99枝" of "99朵", measure_word_twins); nil for none.
func measureTwins(count string) []string {
	r, size := utf8.DecodeLastRuneInString(count)
	if size == 0 {
		return nil
	}
	var out []string
	for _, g := range measureWordTwins {
		if !strings.ContainsRune(g, r) {
			continue
		}
		for _, t := range g {
			if t != r {
				out = append(out, count[:len(count)-size]+string(t))
			}
		}
	}
	return out
}

var measureWordTwins = lang.Words("measure_word_twins")
