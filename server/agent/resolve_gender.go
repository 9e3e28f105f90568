package agent

import (
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// Products made for one sex: a title marked for men or for women ("<kind> 男
// 圆领", "<kind> women's") is not meant by a question that asks for the other
// ("<kind>女款L码"), when a title marked as asked is among the candidates.

var (
	menWords   = cues("gender_men")
	womenWords = cues("gender_women")
)

// bySex drops from ps the titles marked for the sex text does not ask for, when
// text asks for one and a title of ps is marked for it; ps otherwise.
func bySex(ps []*shop.Product, text string) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	low := strings.ToLower(text)
	men, women := menWords.in(low), womenWords.in(low)
	if men == women {
		return ps // neither, or both ("男款XL一套 女款M一套": each item its own)
	}
	asked, other := menWords, womenWords
	if women {
		asked, other = womenWords, menWords
	}
	if !slices.ContainsFunc(ps, func(p *shop.Product) bool { return titleMarked(p.Title, asked) }) {
		return ps
	}
	return slices.DeleteFunc(slices.Clone(ps), func(p *shop.Product) bool {
		return titleMarked(p.Title, other) && !titleMarked(p.Title, asked)
	})
}

// titleMarked: the title says the sex of c — one of its words, or its first
// character alone as a word of the title ("男").
func titleMarked(title string, c cueList) bool {
	low := strings.ToLower(title)
	if c.in(low) {
		return true
	}
	lone := []rune(c.phrases[0])[0] // "男" of 男款
	return slices.ContainsFunc(strings.Fields(title), func(f string) bool { return f == string(lone) })
}
