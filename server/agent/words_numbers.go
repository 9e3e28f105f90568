package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
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

// taggedInOneCategory maps each tag the catalogue's products carry in one
// category only (by two products or more) to that category: the shop's own word
// for it, which a built-in synonym of another category does not take over.
func taggedInOneCategory(snap *shop.Snapshot) map[string]string {
	type seen struct {
		cat   string
		n     int
		mixed bool
	}
	by := map[string]*seen{}
	for i := range snap.Catalog.Products {
		p := &snap.Catalog.Products[i]
		for _, t := range p.Tags {
			t = strings.ToLower(strings.TrimSpace(t))
			switch e := by[t]; {
			case e == nil:
				by[t] = &seen{cat: p.Category, n: 1}
			case e.cat != p.Category:
				e.mixed = true
			default:
				e.n++
			}
		}
	}
	out := map[string]string{}
	for t, e := range by {
		if !e.mixed && e.n >= 2 && e.cat != "" {
			out[t] = e.cat
		}
	}
	return out
}
