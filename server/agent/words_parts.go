package agent

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/shop"
)

// titlePartNames are the parts of Chinese titles that name one product alone. A
// title is written in parts set off by spaces and brackets ("<author>《<work>》全集",
// "<brand> <L><kind>"), and a customer names the product by one of them — the
// work, the author, the series — not by the whole title. A part is a name of its
// product when no other product's text has it anywhere (so "<brand>", shared by a range,
// names none of it) nor says it of another, and it is no category word, no variant value of any product
// ("平装" picks a variant, it names no product) and no shop talk.
// They come in catalogue order, so the index they join is the same every time.
func titlePartNames(ps []shop.Product, isCatWord map[string]bool, hanCatWords []string, attrParts map[string]bool) []titleKey {
	parts := make([][]string, len(ps)) // each title's parts, read once
	for i := range ps {
		parts[i] = titleParts(ps[i].Title, isCatWord, hanCatWords, attrParts)
	}
	owner, shared := partOwners(ps, parts)
	cand := newNameIndex(ps, len(owner))
	for k, p := range owner {
		if !shared[k] {
			cand.add(k, p)
		}
	}
	cand.seal()
	quoted := quotedLineWords(ps)
	for i := range ps {
		markSaidOfOthers(cand, &ps[i], shared, quoted)
	}
	var out []titleKey
	for i := range ps {
		for _, k := range parts[i] {
			if owner[k] == i && !shared[k] {
				out = append(out, titleKey{key: k, prod: i})
				shared[k] = true // once
			}
		}
	}
	lines := lineParts(ps, isCatWord, attrParts)
	for _, k := range slices.Sorted(maps.Keys(lines)) {
		for _, p := range lines[k] {
			out = append(out, titleKey{key: k, prod: p})
		}
	}
	return out
}

// maxLineSize: a title part that at most this many products share names them
// together — a product line ("<line> <kindA>", "<line> <kindB>", "<line> <kindC>"):
// "<line> 30ml" is then the one the line sells in 30ml. A part more products
// share is a range's (a brand's, a material's) and names none of them.
const maxLineSize = 4

// lineParts are the words a product line's titles share: a whole Chinese word of
// the title (not a stem cut off a category word: "<feature><kind>" titles share
// the feature), not the title's first word (the brand's place, "<品牌> …"), in 2
// to maxLineSize titles of more than one category (a line's products are of
// several kinds; two titles of one kind share a kind's word, "<品牌A> <kind>" and
// "<品牌B> <kind>"), none of the owners' brand, and in no other product's title,
// tags or variant values. Each word maps to its products' positions in ps.
func lineParts(ps []shop.Product, isCatWord, attrParts map[string]bool) map[string][]int {
	quoted := quotedLineWords(ps)
	owners, brand := linePartOwners(ps, isCatWord, attrParts, quoted)
	cand := newNameIndex(ps, 0)
	for k, owned := range owners {
		most := maxLineSize
		if quoted[k] {
			most = maxQuotedLineSize
		}
		if len(owned) < 2 || len(owned) > most || brand[k] || !severalKindsAt(ps, owned) {
			delete(owners, k)
			continue
		}
		for _, p := range owned {
			cand.add(k, p)
		}
	}
	cand.seal()
	// Said of a product outside the line ("<line>" inside another's title word or
	// value): a feature, not the line's name.
	for i := range ps {
		p := &ps[i]
		for j, text := range productTexts(p) {
			for _, h := range cand.in(foldName(text)) {
				// A quoted line's name may be another product's variant (a glaze
				// of that name): namedProducts names both, the kind or value said
				// then picks.
				if !slices.Contains(owners[h.key], i) && (j <= len(p.Tags) || !quoted[h.key]) {
					delete(owners, h.key)
				}
			}
		}
	}
	return owners
}

// maxQuotedLineSize: a line's name set off in quotes in its titles ("<品牌>「<line>」
// <kind>") is a name however many products it spans, up to this many.
const maxQuotedLineSize = 8

// quotedLineWords are the words titles set off in quotes (quotedParts), of any title.
func quotedLineWords(ps []shop.Product) map[string]bool {
	out := map[string]bool{}
	for i := range ps {
		for _, k := range quotedParts(ps[i].Title) {
			out[k] = true
		}
	}
	return out
}

// linePartOwners maps each whole Chinese word of a title after its first to the
// positions of the products whose titles have it, and marks the words of the
// products' brands.
func linePartOwners(ps []shop.Product, isCatWord, attrParts, quoted map[string]bool) (map[string][]int, map[string]bool) {
	owners := map[string][]int{}
	brand := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		fields := strings.FieldsFunc(p.Title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for j, f := range fields {
			k := foldName(f)
			canName := partCanName(k, isCatWord, attrParts) || quoted[k] && partCanName(k, isCatWord, nil)
			if j == 0 || !canName || !isHanWord(k) {
				continue
			}
			if owned := owners[k]; len(owned) == 0 || owned[len(owned)-1] != i {
				owners[k] = append(owned, i)
			}
		}
		for _, w := range strings.Fields(p.Brand) {
			brand[foldName(w)] = true
		}
		brand[foldName(p.Brand)] = true
	}
	return owners, brand
}

// severalKindsAt: the products at positions of ps are not all of one category.
func severalKindsAt(ps []shop.Product, at []int) bool {
	return slices.ContainsFunc(at, func(i int) bool { return ps[i].Category != ps[at[0]].Category })
}

// ofSeveralKinds: the products are not all of one category.
func ofSeveralKinds(ps []*shop.Product) bool {
	return slices.ContainsFunc(ps, func(p *shop.Product) bool { return p.Category != ps[0].Category })
}

// isHanWord: k is Chinese characters only.
func isHanWord(k string) bool {
	return !strings.ContainsFunc(k, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
}

// partOwners maps each title part to the position of the product whose title
// has it, and marks those two titles have.
func partOwners(ps []shop.Product, parts [][]string) (map[string]int, map[string]bool) {
	owner := map[string]int{}
	shared := map[string]bool{}
	for i := range ps {
		for _, k := range parts[i] {
			if o, ok := owner[k]; ok && o != i {
				shared[k] = true
			}
			owner[k] = i
		}
	}
	return owner, shared
}

// markSaidOfOthers marks the candidate parts p's own texts say: a part another
// product's title, tags or variant values have inside their words ("<work>" in
// "<work>续集") is not its product's alone — said of another product, it is a
// feature asked about. A description names other products too ("3岁以下请选
// <L>"): there only a word of two characters, a feature's ("蓝牙"), counts.
//
// A name a title quotes ("<品牌>「<L>」<kind>") stays its product's where another
// product sells a variant called by it or its description says it (a teapot in
// the <L> glaze): the customer names the series by it.
func markSaidOfOthers(cand *nameIndex, p *shop.Product, shared, quoted map[string]bool) {
	for i, text := range productTexts(p) {
		isValue := i > len(p.Tags)
		for _, h := range cand.in(foldName(text)) {
			if h.prod != p && !(isValue && quoted[h.key]) {
				shared[h.key] = true
			}
		}
	}
	desc := foldName(p.Description)
	for _, h := range cand.in(desc) {
		if h.prod != p && utf8.RuneCountInString(h.key) <= 2 && !quoted[h.key] && !seriesMarks.prefixOf(desc[h.pos+len(h.key):]) {
			shared[h.key] = true // not "同<名>系列": that names the other product's series
		}
	}
}

// titleParts are the folded Chinese parts of a title (each also without a
// category word it ends in), but the title's whole Chinese name, which nameKeys
// already gives.
// maxSeriesDigits: a number longer than this after a word is a code, not a series'.
const maxSeriesDigits = 3

func titleParts(title string, isCatWord map[string]bool, hanCatWords []string, attrParts map[string]bool) []string {
	fields := strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(fields) < 2 {
		return nil
	}
	var out []string
	add := func(k string) {
		if partCanName(k, isCatWord, attrParts) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	out = append(out, quotedValueNames(title, isCatWord, attrParts)...)
	models := modelDigits(fields)
	for i, f := range fields {
		k := foldName(f)
		add(k)
		if n := seriesNumberAfter(fields, i); n != "" {
			add(k + n)
		}
		// "<品牌><digits>" for "<品牌> … <Letters><digits>": a Chinese word with the model's number,
		// as customers say a model without its letters.
		if isHanWord(k) {
			for _, d := range models {
				add(k + d)
			}
		}
		// "<名>Name": a Chinese name with its English beside it, each its own.
		if han := hanRun(k); han != "" && han != k {
			add(han)
		}
		for _, stem := range partStems(k, hanCatWords) {
			add(stem)
		}
	}
	return out
}

// partStems are a title part without the category word it ends in, and without
// its series mark: "<名>系列" is named "<名>" ("<名>道服").
func partStems(k string, hanCatWords []string) []string {
	var out []string
	for _, cw := range hanCatWords {
		if stem, ok := strings.CutSuffix(k, cw); ok {
			out = append(out, stem)
			break
		}
	}
	for _, suf := range seriesMarks.phrases {
		if stem, ok := strings.CutSuffix(k, suf); ok && utf8.RuneCountInString(stem) >= 2 && isHanWord(stem) {
			out = append(out, stem)
		}
	}
	return out
}

// seriesMarks: see series_mark in the language data.
var seriesMarks = cues("series_mark")

// quotedValueNames are the names a title quotes that are also some variant's
// value: they name too (partCanName would refuse them as values).
func quotedValueNames(title string, isCatWord, attrParts map[string]bool) []string {
	var out []string
	for _, k := range quotedParts(title) {
		if attrParts[k] && partCanName(k, isCatWord, nil) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// quoteMarks are the marks a Chinese title sets a series' or a work's name in.
var quoteMarks = [][2]rune{{'「', '」'}, {'『', '』'}, {'“', '”'}, {'《', '》'}}

// quotedParts are the folded names a title sets in quotation marks.
func quotedParts(title string) []string {
	var out []string
	for _, q := range quoteMarks {
		rest := title
		for {
			_, after, ok := strings.Cut(rest, string(q[0]))
			if !ok {
				break
			}
			name, tail, ok := strings.Cut(after, string(q[1]))
			if !ok {
				break
			}
			if k := foldName(name); len([]rune(k)) >= 2 {
				out = append(out, k)
			}
			rest = tail
		}
	}
	return out
}

// partCanName: a title part that may name its product — Chinese, of a few runes,
// not starting with a figure, and no category word, variant value, shop talk or
// measure.
func partCanName(k string, isCatWord, attrParts map[string]bool) bool {
	rs := []rune(k)
	return len(rs) >= 2 && len(rs) <= maxPartRunes && !unicode.IsDigit(rs[0]) && hasHan(k) &&
		!isCatWord[k] && !attrParts[k] && !isShopTalk(k) && !isMeasure(k)
}

// modelDigits are the numbers that end the title's model codes ("<Letters><digits>" → "<digits>"):
// letters then three to five digits.
func modelDigits(fields []string) []string {
	var out []string
	for _, f := range fields {
		i := strings.IndexFunc(f, func(r rune) bool { return r >= '0' && r <= '9' })
		if i <= 0 || !isASCIILetters(f[:i]) || !isNumber(f[i:]) || len(f)-i < 3 || len(f)-i > 5 {
			continue
		}
		out = append(out, f[i:])
	}
	return out
}

// isASCIILetters: s is Latin letters only.
func isASCIILetters(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !isASCIILetter(r) })
}

// hanRun is k's Chinese when k is a Chinese word joined to Latin letters
// ("<名>name" → "<名>"), "" otherwise.
func hanRun(k string) string {
	i := strings.IndexFunc(k, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
	if i <= 0 || strings.ContainsFunc(k[i:], func(r rune) bool { return unicode.Is(unicode.Han, r) || unicode.IsDigit(r) }) {
		return ""
	}
	return k[:i]
}

// seriesNumberAfter is the number written apart after field i, a Chinese word
// ("<brand> 45 <kind>": "<brand>45" names it), "" when there is none.
func seriesNumberAfter(fields []string, i int) string {
	if i+1 < len(fields) && hasHan(fields[i]) && isNumber(fields[i+1]) && len(fields[i+1]) <= maxSeriesDigits {
		return fields[i+1]
	}
	return ""
}

// productTexts are the texts of p that say what it is: a word of another's title
// there is said of it too.
func productTexts(p *shop.Product) []string {
	out := append([]string{p.Title}, p.Tags...)
	for _, k := range p.SKUs {
		for _, v := range k.Attributes.All() {
			out = append(out, v)
		}
	}
	return out
}

// maxPartRunes: a name part is a word or two; a longer run is a phrase of the title.
const maxPartRunes = 10

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
