package agent

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// The catalogue's own name words, read once per snapshot (words.go): codes titles
// write in capitals, tags one product carries, category tags, letters glued to a
// Chinese word, and the counts titles and variant values write as names.

// titleCodes are the words of two letters or more that titles write in capitals.
func titleCodes(ps []shop.Product) map[string]bool {
	out := map[string]bool{}
	for i := range ps {
		for _, f := range strings.FieldsFunc(ps[i].Title, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') }) {
			if len(f) >= 2 && strings.ToUpper(f) == f {
				out[strings.ToLower(f)] = true
			}
		}
	}
	return out
}

// nameTags: a tag only one product carries, found in no other product's title
// and no word of shop talk, names that product ("barrier balm" on the one barrier balm) — folded, at least
// two Chinese characters or four Latin letters; by the product's position in ps.
func nameTags(ps []shop.Product) map[string]int {
	owner := map[string]int{}
	shared := map[string]bool{}
	for i := range ps {
		for _, t := range ps[i].Tags {
			k := foldName(t)
			if len([]rune(k)) < 2 || isASCII(k) && len(k) < 4 || isShopTalk(strings.ToLower(t)) {
				continue
			}
			if o, ok := owner[k]; ok && o != i {
				shared[k] = true
			}
			owner[k] = i
		}
	}
	out := map[string]int{}
	for k, p := range owner {
		if shared[k] {
			continue
		}
		inOther := false
		for i := range ps {
			if i != p && strings.Contains(foldName(ps[i].Title), k) {
				inOther = true
				break
			}
		}
		if !inOther {
			out[k] = p
		}
	}
	return out
}

// tagStat is how a tag is carried: the category of the first product with it, by
// how many products, and whether products of another category carry it too.
type tagStat struct {
	cat   string
	count int
	mixed bool
}

// tagStats are the catalogue's tags (lower-cased, once per product) and the number
// of products per category, read in one pass for the category words built from
// them (categoryTags, inOneCategory).
type tagStats struct {
	tags   map[string]*tagStat
	perCat map[string]int
}

func readTagStats(snap *shop.Snapshot) tagStats {
	ts := tagStats{tags: map[string]*tagStat{}, perCat: map[string]int{}}
	for i := range snap.Catalog.Products {
		p := &snap.Catalog.Products[i]
		if p.Category == "" {
			continue
		}
		ts.perCat[p.Category]++
		done := map[string]bool{}
		for _, t := range p.Tags {
			t = strings.ToLower(strings.TrimSpace(t))
			if t == "" || done[t] {
				continue
			}
			done[t] = true
			s := ts.tags[t]
			if s == nil {
				s = &tagStat{cat: p.Category}
				ts.tags[t] = s
			}
			if s.cat != p.Category {
				s.mixed = true
			}
			s.count++
		}
	}
	return ts
}

// categoryTags: a tag every product of a category carries, and no product of
// another category, names that category ("跑鞋" on every running shoe).
func (ts tagStats) categoryTags(products []shop.Product) map[string]string {
	out := map[string]string{}
	for t, s := range ts.tags {
		// A category of one product: its kind words only, not a model name it is
		// tagged with ("<M>" on a spare part made for the <M> device).
		if !s.mixed && s.count == ts.perCat[s.cat] && (s.count >= 2 || !strings.ContainsFunc(t, isLatinOrDigit)) && len([]rune(t)) >= 2 {
			out[t] = s.cat
		}
	}
	dropEndingOthers(products, out)
	dropInOtherTitles(products, out, ts.perCat)
	return out
}

// inOneCategory maps each tag carried in one category only, by two products or
// more, to that category: the shop's own word for it, which a built-in synonym of
// another category does not take over.
func (ts tagStats) inOneCategory() map[string]string {
	out := map[string]string{}
	for t, s := range ts.tags {
		if !s.mixed && s.count >= 2 {
			out[t] = s.cat
		}
	}
	return out
}

// dropInOtherTitles removes from tags (tag → category) those of a one-product
// category that another category's title says ("<feature>" of the one <feature> cart,
// and a "<feature>式<kind>" elsewhere): they describe that product, they do not name the
// category.
func dropInOtherTitles(products []shop.Product, tags map[string]string, perCat map[string]int) {
	// Only those tags are looked for: a catalogue of 100k has few one-product
	// categories, and each title is read once.
	var alone []string
	for t, cat := range tags {
		if perCat[cat] == 1 {
			alone = append(alone, t)
		}
	}
	if len(alone) == 0 {
		return
	}
	for i := range products {
		title := strings.ToLower(products[i].Title)
		for _, t := range alone {
			if cat, ok := tags[t]; ok && cat != products[i].Category && strings.Contains(title, t) {
				delete(tags, t)
			}
		}
	}
}

// dropEndingOthers removes from tags (tag → category) those that end other kinds'
// names ("吉他" of two lessons, the end of every "民谣吉他" and "电吉他"): they name
// no one category. One inside them as a modifier ("角磨机配件" of a disc) stays.
func dropEndingOthers(ps []shop.Product, tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	for i := range ps {
		p := &ps[i]
		for _, tok := range scriptTokens(strings.ToLower(p.Title + " " + strings.Join(p.Tags, " "))) {
			// Each ending of the word, looked up: far fewer than the tags.
			for j := range tok {
				if c, ok := tags[tok[j:]]; ok && c != p.Category {
					delete(tags, tok[j:])
				}
			}
		}
	}
}

// addLetterWords records the letter+character words of text ("T恤" → "t恤"): a
// Latin letter that starts a word, followed by a Chinese character.
func addLetterWords(set map[string]bool, text string) {
	rs := []rune(strings.ToLower(text))
	for i := 0; i+1 < len(rs); i++ {
		startsWord := i == 0 || !(rs[i-1] < utf8.RuneSelf && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])))
		if rs[i] < utf8.RuneSelf && unicode.IsLetter(rs[i]) && startsWord && unicode.Is(unicode.Han, rs[i+1]) {
			set[string(rs[i:i+2])] = true
		}
	}
}

// englishPack: a count of pieces in an English value ("10 pcs", "6-pack", "3 pieces").
var englishPack = regexp.MustCompile(`\b(\d{1,3})\s*-?\s*(?:pcs|pc|pieces|piece|pack|packs|count|ct)\b`)

// packValues are the variant values that are a count and its measure word.
func packValues(ps []shop.Product) map[string]bool {
	out := map[string]bool{}
	for i := range ps {
		for _, k := range ps[i].SKUs {
			for _, a := range k.Attributes {
				v := strings.TrimSpace(a.Value)
				if packValue.MatchString(v) {
					out[numeralsAsDigits(strings.TrimSuffix(v, "装"))] = true
				}
				// "10 pcs", "6-pack": English packs, looked up as "<n> pack" (packNamed).
				for _, m := range englishPack.FindAllStringSubmatch(strings.ToLower(v), -1) {
					out[m[1]+" pack"] = true
				}
			}
		}
	}
	return out
}

// countNames collects the counts of titles and variant values (see catalogWords).
func countNames(ps []shop.Product) map[string]bool {
	out := map[string]bool{}
	add := func(text string) {
		for _, m := range qtyZh.FindAllStringIndex(text, -1) {
			out[text[m[0]:m[1]]] = true
			if r, size := utf8.DecodeRuneInString(text[m[1]:]); size > 0 && unicode.Is(unicode.Han, r) {
				out[text[m[0]:m[1]+size]] = true
			}
		}
	}
	for i := range ps {
		add(ps[i].Title)
		for _, k := range ps[i].SKUs {
			for _, a := range k.Attributes {
				add(a.Value)
			}
		}
	}
	return out
}

// maxKindRunes: a Chinese kind of product is a short word ("<kind>", "<材质><kind>").
const maxKindRunes = 4

// kindKey is the index key of a kind word in its script.
func kindKey(w string, han bool) string {
	if han {
		return w
	}
	return "\x00" + stem(w)
}

// spreadByGloss counts, for a Latin word one product's title alone carries, the
// products whose Chinese titles end in its gloss: "<kind>" of the one English
// title among titles ending in its gloss is the kind they all are, not that product's name.
func (w *catalogWords) spreadByGloss() {
	w.latinSpread.update(func(t string, n int) int {
		if n != 1 {
			return n
		}
		for _, zh := range lang.Chinese(t) {
			n += len(w.kinds[kindKey(zh, true)])
		}
		return n
	})
}

// spreadOfPhraseTags: a Latin word one product carries only inside a tag of
// several words ("<adjective> charging") describes it; it is no name of it. Told
// alone it would name that product wherever a customer describes another
// ("<M> wireless charging mount" naming the one product tagged "fast charging").
func (w *catalogWords) spreadOfPhraseTags() {
	w.latinSpread.update(func(t string, n int) int {
		if n != 1 || strings.ContainsAny(t, "0123456789") {
			return n
		}
		if at := w.latin.of(t); len(at) == 1 && onlyInPhraseTags(&w.products[at[0]], t) {
			return 2
		}
		return n
	})
}

// onlyInPhraseTags: t is a word of one of p's tags of several words, and not of
// its title, brand or one-word tags.
func onlyInPhraseTags(p *shop.Product, t string) bool {
	if contains(latinWordsOf(strings.ToLower(p.Title+" "+p.Brand)), t) {
		return false
	}
	inPhrase := false
	for _, tag := range p.Tags {
		ws := latinWordsOf(strings.ToLower(tag))
		if !contains(ws, t) {
			continue
		}
		if len(ws) == 1 && !strings.Contains(strings.TrimSpace(tag), " ") {
			return false
		}
		inPhrase = true
	}
	return inPhrase
}

// indexKinds fills kinds, noHan and noLatin, once per snapshot: the question's
// words are then looked up, not every title scanned for each.
func (w *catalogWords) indexKinds(ps []shop.Product) {
	w.kinds = map[string][]*shop.Product{}
	add := func(key string, p *shop.Product) {
		if l := w.kinds[key]; len(l) == 0 || l[len(l)-1] != p {
			w.kinds[key] = append(l, p)
		}
	}
	for i := range ps {
		p := &ps[i]
		if !hasScript(p.Title, true) {
			w.noHan = append(w.noHan, p)
		}
		if !hasScript(p.Title, false) {
			w.noLatin = append(w.noLatin, p)
		}
		quoted := quotedParts(p.Title)
		for _, tok := range scriptTokens(strings.ToLower(p.Title)) {
			rs := []rune(tok)
			if len(rs) == 0 || !unicode.Is(unicode.Han, rs[0]) || slices.Contains(quoted, foldName(tok)) {
				continue // a name set off in quotes ("「<line>」") says no kind
			}
			// From one rune: "锁" is what a "lock" of the glossary finds (kindByGloss).
			for n := 1; n <= maxKindRunes && n <= len(rs); n++ {
				add(string(rs[len(rs)-n:]), p)
			}
		}
		if words := latinWordsOf(strings.ToLower(localText(p.Title, i18n.EN))); len(words) > 0 {
			add(kindKey(words[len(words)-1], false), p)
			// "<L> <kind> with <add-on>" is a <kind>: the word before
			// what it comes with or is for.
			if i := slices.IndexFunc(words, func(w string) bool { return w == "with" || w == "for" }); i > 0 {
				add(kindKey(words[i-1], false), p)
			}
		}
	}
	compactLists(w.kinds)
}

// compactLists moves the lists of m into one array, each capped at its length (an
// append to one copies it). Grown by append, the 100k lists of a 100k-product
// catalogue's kinds kept up to twice the room they use and an allocation each, for
// as long as the catalogue is current (#18).
func compactLists(m map[string][]*shop.Product) {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	all := make([]*shop.Product, 0, n)
	for k, l := range m {
		from := len(all)
		all = append(all, l...)
		m[k] = all[from:len(all):len(all)] // a key already there: no entry is added
	}
}

// ofKind are the products whose title says they are kind, and those whose title
// cannot say (none of its words in the kind's script).
func (w *catalogWords) ofKind(kind string, han bool) []*shop.Product {
	out := slices.Clone(w.kinds[kindKey(kind, han)])
	if han {
		return append(out, w.noHan...)
	}
	return append(out, w.noLatin...)
}

// isLatinOrDigit: r is a Latin letter or an ASCII digit.
func isLatinOrDigit(r rune) bool { return isASCIILetter(r) || r >= '0' && r <= '9' }
