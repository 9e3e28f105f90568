package agent

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"weak"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// catalogWords is what the offline planner knows about the words of one catalog:
// which words name which category, each product's name as customers copy it, and
// the attribute values (colors, sizes) that are not product names. It is built once
// per snapshot and cached, so a turn costs a scan of titles, not of the catalog.
type catalogWords struct {
	catWords  []catWord                  // longest first
	byCat     map[string][]*shop.Product // category → products, catalog order
	titles    *nameIndex                 // the products by their name keys
	nameWords wordList                   // the folded words of every title ("z3", "<w>")
	attrParts map[string]bool
	// letterWords are the words of titles and tags made of one Latin letter and a
	// Chinese character ("t恤", "v领"), lower-cased: a product name may start with one.
	letterWords map[string]bool
	// stopPairs are the runs of three runes of titles and tags that hold a
	// one-rune stop phrase ("和牛眼"): see words_stops.go.
	stopPairs map[string]bool
	// numbers maps the numbers titles write as a word of their own ("<Name> 330")
	// to those products, by catalogue position: see models_numbers.go.
	numbers map[string][]int32
	// latin maps the Latin words of titles ("<Name><Y>", "<x5>", "<z3>", "<y>") to the
	// products whose title has them, by catalogue position (products[i]): a model
	// name names its product. Positions, not pointers: a word thousands of titles
	// share is counted per message (byModel), and ints need no map to be ordered
	// nor the collector to scan them.
	// Its words are sorted, so the words a prefix starts ("sky" of "skyline") are
	// found by binary search, not by a scan of every title's words.
	latin    *postings
	products []shop.Product // the catalogue, whose positions latin holds
	// latinSpread counts, per Latin word of a title, the products whose title or
	// tags have it: a word only one product carries ("<Brand>line") names it alone.
	latinSpread *wordCounts
	scores      sync.Pool // *modelScratch for byModel, one per turn at once
	// tagNames are the tags only one product carries ("轻量", "barrier balm"): a
	// name when nothing else in the message is one (nameTags).
	tagNames *nameIndex
	catLatin map[string]bool // the Latin words of category words ("leather", "shoes")
	// countNames are the counts that titles and variant values write as part of a
	// name, alone and with the rune after them ("四件", "四件套"): no quantity.
	countNames map[string]bool
	packValues map[string]bool // variant values that are a count ("8盒"), see packPart
	// charted: the shop sizes something by charts (a size system, or a product's
	// chart); without, no one is asked for the shoe size they wear.
	charted bool
	// kinds maps the words a title says what its product is by — the ends of its
	// Chinese words ("<材质><kind>" → "<kind>") and the last word of its Latin half,
	// stemmed — to those products (kindKey); noHan and noLatin are the titles with
	// no word in that script, which cannot say they are not of a kind.
	kinds          map[string][]*shop.Product
	noHan, noLatin []*shop.Product
	// codes are the Latin words titles write in capitals ("ABC", "XYZ"), lower-
	// cased: a code the products sharing it are named by together.
	codes map[string]bool
	// shopLatin are the Latin words of every text of the shop (glossedQuery).
	shopLatin map[string]bool
	// valueSellers maps a Chinese word of a variant value ("<品种>") to the few
	// products sold in it (at most maxValueSellers; nil for a value many share).
	valueSellers map[string][]*shop.Product
	// faqConcepts are the concepts the shop's FAQs' questions name (coversOthers).
	faqConcepts map[string]bool
}

type catWord struct {
	word, cat string
	ascii     bool
}

// categorySynonyms are the everyday words for common categories (lang/categories.json).
// A word counts only when the catalog has a category of that name (exactly, or
// with/without a plural s).
var categorySynonyms, categoryQualifiers, categoryAlso = mustCategoryWords(categoriesJSON)

//go:embed lang/categories.json
var categoriesJSON []byte

// mustCategoryWords parses the embedded category words; the package's tests load it,
// so a malformed file never ships.
func mustCategoryWords(data []byte) (map[string][]string, []string, map[string][]string) {
	var f struct {
		Categories map[string][]string `json:"categories"`
		Qualifiers []string            `json:"qualifiers"`
		Also       map[string][]string `json:"also"`
	}
	if err := json.Unmarshal(data, &f); err != nil || len(f.Categories) == 0 {
		panic(fmt.Sprintf("agent: lang/categories.json: %v", err))
	}
	return f.Categories, f.Qualifiers, f.Also
}

// categoryKeyMatches: a catalogue category (folded) is the key's, with or without
// a plural s or its hyphens, or after a leading qualifier ("mens-<kind>s", "<kind>s").
func categoryKeyMatches(key, folded string) bool {
	same := func(a, b string) bool {
		a, b = strings.ReplaceAll(a, "-", ""), strings.ReplaceAll(b, "-", "")
		return a == b || a+"s" == b || a == b+"s"
	}
	if same(key, folded) {
		return true
	}
	for _, q := range categoryQualifiers {
		if rest, ok := strings.CutPrefix(folded, q+"-"); ok && same(key, rest) {
			return true
		}
	}
	return false
}

// WarmUp builds the words of a new snapshot ahead of the first turn that needs them
// (about a second for 100,000 products); call it after an import, in the background.
func WarmUp(snap *shop.Snapshot) {
	if snap != nil {
		wordsFor(snap)
	}
}

var (
	wordsMu    sync.Mutex
	wordsCat   weak.Pointer[shop.Catalog]
	wordsCache *catalogWords
)

// wordsFor returns the words of snap's catalog, building them on the first turn
// after a catalog import. They are kept by catalog, not by snapshot: an orders
// import makes a new snapshot around the same catalog, and rebuilding the words
// then made the next customer wait (12 s at 100k products on a busy machine,
// `make loadtest`). The cache holds the catalog weakly: it never keeps an old one
// alive.
func wordsFor(snap *shop.Snapshot) *catalogWords {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	if wordsCache != nil && wordsCat.Value() == snap.Catalog {
		return wordsCache
	}
	w := buildWords(snap)
	wordsCat, wordsCache = weak.Make(snap.Catalog), w
	return w
}

func buildWords(snap *shop.Snapshot) *catalogWords {
	w := &catalogWords{byCat: map[string][]*shop.Product{}, attrParts: map[string]bool{}, letterWords: map[string]bool{}, stopPairs: map[string]bool{}}
	cats := w.indexProducts(snap)
	w.indexCategoryWords(snap, cats)
	w.indexTitles(snap)
	w.codes = titleCodes(snap.Catalog.Products)
	w.numbers = titleNumbers(snap.Catalog.Products)
	w.latinSpread = newWordCounts(w.latin.words, latinSpread(snap.Catalog.Products, func(t string) bool {
		return w.latin.has(t) || w.codes[t]
	}))
	w.indexKinds(snap.Catalog.Products)
	w.spreadByGloss()
	w.spreadOfPhraseTags()
	w.shopLatin = shopLatinWords(snap.Catalog)
	w.faqConcepts = map[string]bool{}
	for i := range snap.Catalog.FAQs {
		for _, c := range knowledge.Concepts(snap.Catalog.FAQs[i].Question) {
			w.faqConcepts[c] = true
		}
	}
	w.charted = len(snap.Catalog.SizeSystems) > 0 || slices.ContainsFunc(snap.Catalog.Products, func(p shop.Product) bool { return p.SizeChart != nil })
	return w
}

// indexProducts records the products by category, their attribute values' words
// and the letters that belong to their words; it returns the catalogue's
// categories, folded name → catalogue spelling.
func (w *catalogWords) indexProducts(snap *shop.Snapshot) map[string]string {
	cats := map[string]string{}
	addCat := func(c string) {
		if c != "" {
			cats[foldCategory(c)] = c
		}
	}
	values := map[string]bool{} // attribute values repeat across skus: split each once
	w.valueSellers = map[string][]*shop.Product{}
	for i := range snap.Catalog.Products {
		p := &snap.Catalog.Products[i]
		w.addValueSeller(p)
		addCat(p.Category)
		if p.Category != "" {
			w.byCat[p.Category] = append(w.byCat[p.Category], p)
		}
		for _, s := range p.SKUs {
			for _, v := range s.Attributes.All() {
				values[v] = true
			}
		}
		addLetterWords(w.letterWords, p.Title)
		addStopPairs(w.stopPairs, p.Title)
		for _, t := range p.Tags {
			addLetterWords(w.letterWords, t)
			addStopPairs(w.stopPairs, t)
		}
	}
	for v := range values {
		for _, part := range strings.FieldsFunc(strings.ToLower(v), isAttrSep) {
			w.attrParts[part] = true
		}
	}
	for _, s := range snap.Catalog.SizeSystems {
		addCat(s.Category)
	}
	return cats
}

// maxValueSellers: a value more products sell than this names none of them.
const maxValueSellers = 3

// addValueSeller records p as a seller of each Chinese word (two runes or more)
// of its variant values.
func (w *catalogWords) addValueSeller(p *shop.Product) {
	var done []string // a product's skus repeat its values: each is split once
	for _, k := range p.SKUs {
		for _, a := range k.Attributes {
			if slices.Contains(done, a.Value) {
				continue
			}
			done = append(done, a.Value)
			for _, part := range valueParts(a.Value) {
				if utf8.RuneCountInString(part) < 2 || isASCII(part) || strings.ContainsAny(part, "0123456789") {
					continue
				}
				l, ok := w.valueSellers[part]
				switch {
				case ok && l == nil, len(l) > 0 && l[len(l)-1] == p:
				case len(l) == maxValueSellers:
					w.valueSellers[part] = nil // too many to name any
				default:
					w.valueSellers[part] = append(l, p)
				}
			}
		}
	}
}

// addAlsoWords adds the words that name a category only where no other takes them
// ("运动鞋": running shoes, else sneakers), in the order of the shop's categories.
func (w *catalogWords) addAlsoWords(cats map[string]string, add func(word, cat string)) {
	taken := map[string]bool{}
	for _, cw := range w.catWords {
		taken[cw.word] = true
	}
	for _, folded := range slices.Sorted(maps.Keys(cats)) {
		for key, words := range categoryAlso {
			if !categoryKeyMatches(key, folded) {
				continue
			}
			for _, word := range words {
				if low := strings.ToLower(word); !taken[low] {
					taken[low] = true
					add(word, cats[folded])
				}
			}
		}
	}
}

// indexCategoryWords records the words that name each category: its name, the
// built-in synonyms, the tags of its products, and the shop's own words; longest
// first, so a longer word wins over one inside it.
func (w *catalogWords) indexCategoryWords(snap *shop.Snapshot, cats map[string]string) {
	seen := map[string]bool{}
	add := func(word, cat string) {
		word = strings.ToLower(strings.TrimSpace(word))
		if word == "" || seen[word+"\x00"+cat] {
			return
		}
		seen[word+"\x00"+cat] = true
		w.catWords = append(w.catWords, catWord{word: word, cat: cat, ascii: isASCII(word)})
	}
	// The catalogue's own tags say which category a word is ("<kind>" on one category's
	// products): a built-in synonym does not send it to another category the shop
	// also has ("<kind>" listed for a broader category, where shops without the narrower one file it).
	ts := readTagStats(snap)
	tagged, sole := ts.categoryTags(snap.Catalog.Products), ts.inOneCategory()
	builtIn := func(word, cat string) {
		if c, ok := sole[strings.ToLower(strings.TrimSpace(word))]; !ok || c == cat {
			add(word, cat)
		}
	}
	for folded, c := range cats {
		add(c, c)
		add(strings.NewReplacer("-", " ", "_", " ").Replace(c), c)
		for key, syn := range categorySynonyms {
			if categoryKeyMatches(key, folded) {
				for _, s := range syn {
					builtIn(s, c)
				}
			}
		}
	}
	w.addAlsoWords(cats, builtIn)
	for word, c := range tagged {
		add(word, c)
	}
	if v := snap.Catalog.Vocabulary; v != nil {
		for c, words := range v.Categories { // the shop's own words, validated on import
			for _, word := range words {
				add(word, c)
			}
		}
	}
	sort.Slice(w.catWords, func(i, j int) bool {
		a, b := w.catWords[i], w.catWords[j]
		if len(a.word) != len(b.word) {
			return len(a.word) > len(b.word)
		}
		if a.word != b.word {
			return a.word < b.word
		}
		return a.cat < b.cat
	})
}

// indexTitles records each product's name keys, and each title's words.
func (w *catalogWords) indexTitles(snap *shop.Snapshot) {
	n := len(snap.Catalog.Products)
	w.titles = newNameIndex(snap.Catalog.Products, 3*n)
	nameWords := make(map[string]bool, n)
	isCatWord := map[string]bool{}
	var hanCatWords []string // folded, for cutting a category word off a name
	for _, cw := range w.catWords {
		f := foldName(cw.word)
		isCatWord[f] = true
		if !cw.ascii {
			hanCatWords = append(hanCatWords, f)
		}
	}
	latin := map[string][]int32{}
	w.products = snap.Catalog.Products
	w.catLatin = map[string]bool{}
	for _, cw := range w.catWords {
		for _, t := range latinWordsOf(strings.ToLower(cw.word)) {
			w.catLatin[t] = true
		}
	}
	for i := range snap.Catalog.Products {
		p := &snap.Catalog.Products[i]
		for _, word := range strings.Fields(p.Title) {
			if f := foldName(word); f != "" {
				nameWords[f] = true
			}
		}
		// The Latin words of the title, the tags and the brand: an English question
		// about a product with a Chinese title finds it by its English tags ("wipes")
		// or its brand's Latin name (a brand "<Latin> <汉字>" of a title in Chinese).
		names := append(compounds(strings.ToLower(p.Title)), numberCompounds(p.Title)...)
		for _, tok := range append(latinWords(p.Title+" "+strings.Join(p.Tags, " ")+" "+p.Brand), names...) {
			if ps := latin[tok]; len(ps) == 0 || ps[len(ps)-1] != int32(i) { //nolint:gosec // a catalogue is far below 2^31 products
				latin[tok] = append(ps, int32(i)) //nolint:gosec // as above
			}
		}
		for _, k := range titleKeys(p.Title, isCatWord, hanCatWords) {
			w.titles.add(k, i)
		}
	}
	for _, k := range titlePartNames(snap.Catalog.Products, isCatWord, hanCatWords, w.attrParts) {
		w.titles.add(k.key, k.prod)
	}
	w.titles.seal()
	w.nameWords = wordListOf(nameWords)
	w.latin = newPostings(latin)
	w.countNames = countNames(snap.Catalog.Products)
	w.packValues = packValues(snap.Catalog.Products)
	w.tagNames = newNameIndex(snap.Catalog.Products, 0)
	for key, p := range nameTags(snap.Catalog.Products) {
		if !isCatWord[key] {
			w.tagNames.add(key, p)
		}
	}
	w.tagNames.seal()
}

// titleKeys are the names a title is written by (nameKeys) that are no category
// word, and each also without its category word: "<name><category word>" is also
// written "<name>".
func titleKeys(title string, isCatWord map[string]bool, hanCatWords []string) []string {
	var out []string
	for _, k := range nameKeys(title) {
		if isCatWord[k] {
			continue
		}
		out = append(out, k)
		for _, cw := range hanCatWords {
			if stem, ok := strings.CutSuffix(k, cw); ok && len([]rune(stem)) >= 2 {
				out = append(out, stem)
				break
			}
		}
	}
	return out
}

// isShopTalk: the words of asking about offers, prices or stock ("national
// subsidy", "包邮"), which a customer writes about any product.
func isShopTalk(low string) bool {
	for _, c := range []cueList{offerWords, subsidyWords, memberWords, priceWords, stockWords, spendWords} {
		if c.in(low) {
			return true
		}
	}
	return false
}

// inName reports whether word is a word of a product's name (the "Z3" of a model name).
func (w *catalogWords) inName(word string) bool { return w.nameWords.has(foldName(word)) }

// namePart: word is a word of a title, or a count written as part of a name.
// A count in Chinese numerals is the name's count in digits ("三套装" of 3套装).
func (w *catalogWords) namePart(word string) bool {
	if w.inName(word) || w.countNames[word] || w.countNames[numeralsAsDigits(word)] {
		return true
	}
	for _, t := range measureTwins(word) { // "99朵" of a bouquet sold as 99枝
		if w.countNames[t] || w.countNames[numeralsAsDigits(t)] {
			return true
		}
	}
	return false
}

// packPart: word is a count some variant is sold as, whole ("8盒", "30包"): an
// English count of it ("8 boxes") names that variant. A title's count ("<weight>×3袋")
// does not: "3 bags" of something else are three.
func (w *catalogWords) packPart(word string) bool { return w.packValues[word] }

// titlesIn finds the name keys that occur in folded text: each position's first two
// runes select the few keys that can start there.
func (w *catalogWords) titlesIn(folded string) []titleHit { return w.titles.in(folded) }

type titleHit struct {
	pos  int
	key  string
	prod *shop.Product
	seq  int32
}

// mention is a category named in the text at byte offset pos.
type mention struct {
	cat      string
	pos, end int
}

// categoryMentions finds the categories named in low (lower-cased text), in text
// order; a longer word wins over a shorter one inside it.
func (w *catalogWords) categoryMentions(low string) []mention {
	taken := make([]bool, len(low))
	var out []mention
	for _, cw := range w.catWords {
		for i := 0; i < len(low); {
			j := strings.Index(low[i:], cw.word)
			if j < 0 {
				break
			}
			j += i
			end := j + len(cw.word)
			i = j + 1
			if cw.ascii && (wordByteAt(low, j-1) || wordByteAt(low, end)) {
				continue
			}
			if anyTaken(taken[j:end]) {
				continue
			}
			for k := j; k < end; k++ {
				taken[k] = true
			}
			out = append(out, mention{cat: cw.cat, pos: j, end: end})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

func anyTaken(b []bool) bool {
	for _, x := range b {
		if x {
			return true
		}
	}
	return false
}

// nameKeys splits a title into the names customers copy: the trailing run of
// ASCII words (the English name of a bilingual title) and the rest.
func nameKeys(title string) []string {
	words := strings.Fields(title)
	cut := len(words)
	for cut > 0 && isASCII(words[cut-1]) {
		cut--
	}
	var keys []string
	if zh := foldName(strings.Join(words[:cut], "")); len([]rune(zh)) >= 2 {
		keys = append(keys, zh)
	}
	if en := foldName(strings.Join(words[cut:], "")); len(en) >= 4 && !isMeasure(en) { // "… <n>ml" is a size, not a name
		keys = append(keys, en)
	}
	return keys
}

// foldName keeps letters and digits, lower-cased: "Word <Y> <Z>" and
// "word-<y> max" both read "wordpromax".
func foldName(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b = utf8.AppendRune(b, r+'a'-'A')
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b = utf8.AppendRune(b, r)
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b = utf8.AppendRune(b, plainLatin(unicode.ToLower(r)))
		}
	}
	return string(b)
}

// accented maps a Latin letter with an accent to the letter customers type for
// it: "<Marqué>" is asked for as "<Marque>".
var accented = func() map[rune]rune {
	m := map[rune]rune{}
	for base, rs := range map[rune]string{'a': "àáâãäå", 'c': "ç", 'e': "èéêë", 'i': "ìíîï", 'n': "ñ", 'o': "òóôõöø", 'u': "ùúûü", 'y': "ýÿ"} {
		for _, r := range rs {
			m[r] = base
		}
	}
	return m
}()

// plainLatin is r without its accent (r lower-cased).
func plainLatin(r rune) rune {
	if b, ok := accented[r]; ok {
		return b
	}
	return r
}

// withoutAccents is low with its Latin letters' accents dropped; low itself when
// it has none (Latin-1 letters all start with the byte 0xC3 in UTF-8, which no
// other character's bytes contain).
func withoutAccents(low string) string {
	if strings.IndexByte(low, 0xC3) < 0 {
		return low
	}
	return strings.Map(plainLatin, low)
}

var categorySep = strings.NewReplacer(" ", "-", "_", "-")

func foldCategory(s string) string {
	return categorySep.Replace(strings.ToLower(strings.TrimSpace(s)))
}

func isAttrSep(r rune) bool {
	return unicode.IsSpace(r) || r == '/' || r == '|' || r == '+' || r == ','
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
