package agent

import (
	"slices"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Shop text shown in a reply. Bilingual shop text ("<中文名> <Latin name>",
// "双12预热·跑鞋8折 | 12.12 early access…", "白色 White") is cut to the customer's
// language; text in one language is quoted as it is.

// localText picks the customer's half of a bilingual text.
func localText(s string, lang i18n.Lang) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{" | ", "｜", "|"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			if pick, ok := pickLang(a, b, lang); ok {
				return pick
			}
			return s
		}
	}
	words := strings.Fields(s)
	cut := len(words)
	for cut > 0 && latinWord(words[cut-1]) {
		cut--
	}
	// Figures closing a Chinese text ("全场满 1000 减 80") are part of it, not an English half.
	if cut == 0 || cut == len(words) || !slices.ContainsFunc(words[cut:], isPlainWord) {
		return s
	}
	if pick, ok := pickLang(strings.Join(words[:cut], " "), strings.Join(words[cut:], " "), lang); ok {
		return pick
	}
	return s
}

// titleText is a product title in lang (localText); one Latin word after a Chinese
// title is a code of it ("… XYZ"), not its Latin-script name, so the whole title stands.
func titleText(title string, lang i18n.Lang) string {
	words := strings.Fields(title)
	if n := len(words); n >= 2 && latinWord(words[n-1]) && !latinWord(words[n-2]) {
		return strings.TrimSpace(title)
	}
	// A model name closing a Chinese title ("…<kind> <M> <n>")
	// is the product's name, not a Latin-script half: kept, so the customer sees it.
	if tail := latinTail(words); tail > 0 && tail <= maxModelTail && len(words) > tail && modelTail(words[:len(words)-tail], words[len(words)-tail:]) {
		return strings.TrimSpace(title)
	}
	// Latin words closing a Chinese title with no word in them ("… <n>ATM <n>mm/<n>mm")
	// are its specifications, not an English name: the whole title stands.
	if tail := latinTail(words); tail > 0 && len(words) > tail && !slices.ContainsFunc(words[len(words)-tail:], isPlainWord) {
		return strings.TrimSpace(title)
	}
	// A Latin half of two words or fewer after a Chinese half of two or more
	// ("<品牌> <品名> <L> <Name>") names the line, not the product: the brand
	// is in the Chinese half. "<品名> <W> <kind>" is the English name whole.
	if tail := latinTail(words); tail > 0 && tail <= maxLineTail && len(words)-tail >= 2 {
		return strings.TrimSpace(title)
	}
	return localText(title, lang)
}

// maxLineTail: a Latin half this short is a line's name, shown with its Chinese.
const maxLineTail = 2

// isPlainWord: a word of three letters or more and nothing else.
func isPlainWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 3
}

// maxModelTail: a model name is a few words; more is a Latin-script title.
const maxModelTail = 3

// latinTail counts the Latin words closing words.
func latinTail(words []string) int {
	n := 0
	for i := len(words) - 1; i >= 0 && latinWord(words[i]); i-- {
		n++
	}
	return n
}

// modelTail: the closing words end with a model number (digits) that the
// words before do not already give — a name, not a Latin-script half repeating the
// model ("<品牌> K5 <品类> <Brand> K5").
func modelTail(head, tail []string) bool {
	if !strings.ContainsAny(tail[len(tail)-1], "0123456789") {
		return false
	}
	before := strings.ToLower(strings.Join(head, " "))
	for _, w := range tail {
		if strings.ContainsAny(w, "0123456789") && strings.Contains(before, strings.ToLower(w)) {
			return false
		}
	}
	return true
}

// latinWord: a word of the Latin-script half — no Chinese, Japanese or Korean letter
// and no full-width punctuation; "¥6,000," and "café" count.
func latinWord(w string) bool {
	for _, r := range w {
		if r >= 0x2E80 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF65 {
			return false
		}
	}
	return true
}

// pickLang returns the one of a, b written in lang, when they are in two languages.
func pickLang(a, b string, lang i18n.Lang) (string, bool) {
	la, lb := i18n.Detect(a), i18n.Detect(b)
	if la == lb || a == "" || b == "" {
		return "", false
	}
	if la == lang {
		return a, true
	}
	return b, true
}

// attrsText lists a sku's attribute values for a customer: size, then color, then
// the rest by name ("39 · 白色").
func attrsText(attrs shop.Attrs, lang i18n.Lang) string {
	if len(attrs) == 0 {
		return ""
	}
	var parts []string
	for _, k := range []string{"size", "color"} {
		if v := attrs.Get(k); v != "" {
			parts = append(parts, localText(v, lang))
		}
	}
	var rest []string
	for k := range attrs.All() {
		if k != "size" && k != "color" {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		if v := attrs.Get(k); v != "" {
			parts = append(parts, localText(v, lang))
		}
	}
	return strings.Join(parts, " · ")
}

// itemName is "**title**（attrs）" or "**title** (attrs)".
func itemName(title string, attrs shop.Attrs, lang i18n.Lang) string {
	name := "**" + titleText(title, lang) + "**"
	if a := attrsText(attrs, lang); a != "" {
		name += i18n.T(lang, "agent.paren", a)
	}
	return name
}

func bullet(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("- ")
		b.WriteString(l)
	}
	return b.String()
}
