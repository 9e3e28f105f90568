package agent

import (
	"regexp"
	"strings"
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
