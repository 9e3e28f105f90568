package agent

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// byBrandNamed: of the products text names, not those whose titles only mention a
// brand the text names ("<BrandA>003墨水" is <BrandA>'s own ink, not <BrandB>'s
// "兼容<BrandA>003墨水") — unless the text says a word only their titles have
// ("兼容"). A product named otherwise ("<A> vs <BrandB>'s <B>") stays.
func byBrandNamed(text string, ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	low := strings.ToLower(text)
	said := brandWordsSaid(low, ps)
	if len(said) == 0 {
		return ps
	}
	ofSaid := func(p *shop.Product) bool {
		return slices.ContainsFunc(strings.Fields(strings.ToLower(p.Brand)), func(b string) bool { return slices.Contains(said, b) })
	}
	mentions := func(p *shop.Product) bool {
		title := strings.ToLower(p.Title)
		return !ofSaid(p) && slices.ContainsFunc(said, func(b string) bool { return strings.Contains(title, b) })
	}
	var of []string
	for _, p := range ps {
		if ofSaid(p) {
			of = append(of, strings.ToLower(p.Title))
		}
	}
	for _, p := range ps {
		if mentions(p) && saysOwnWordOf(low, strings.ToLower(p.Title), of) {
			return ps
		}
	}
	return slices.DeleteFunc(slices.Clone(ps), mentions)
}

// brandWordsSaid are the words of ps's brands that low says: a brand written in
// two scripts ("<中文名> <Latin>") is named by either.
func brandWordsSaid(low string, ps []*shop.Product) []string {
	var said []string
	for _, p := range ps {
		for _, b := range strings.Fields(strings.ToLower(p.Brand)) {
			if isASCII(b) && len(b) >= 2 && containsWord(low, b) || !isASCII(b) && utf8.RuneCountInString(b) >= 2 && strings.Contains(low, b) {
				said = append(said, b)
			}
		}
	}
	return said
}

// inWord: "in" and the word after it.
var inWord = regexp.MustCompile(`(?i)\bin\s+([a-z]+)\b`)

// withoutColourAfterIn is text without the colour words written after "in" ("3 of
// them in black"): a colour then, not a brand that starts with it ("<Black> <…>").
func withoutColourAfterIn(text string) string {
	if !strings.Contains(strings.ToLower(text), "in ") {
		return text
	}
	return inWord.ReplaceAllStringFunc(text, func(m string) string {
		w := strings.ToLower(inWord.FindStringSubmatch(m)[1])
		if slices.ContainsFunc(lang.Chinese(w), func(zh string) bool { return colorRoot(zh) != "" }) {
			return "in " + strings.Repeat(" ", len(w))
		}
		return m
	})
}
