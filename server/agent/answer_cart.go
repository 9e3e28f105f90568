package agent

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A cart told in one breath ("速干T恤黑色M码买2件 再加一条瑜伽裤S", "<书名>平装 <书名>
// <书名> 三本一起"): its items, each with its own variant and quantity.

// plusCount: see plus_count in the language data ("加一个", "配一棵", "再要两组").
var plusCount = lang.Regexp("plus_count")

// cartSep splits a cart told in one breath into its items.
var cartSep = lang.Regexp("cart_sep")

// segmentCart reads a cart of several products asked about together, each item
// with its own variant and quantity ("速干T恤黑色M码买2件 再加一条瑜伽裤S 一共多少钱"):
// every part of the message that names a product gives that product's sku, chosen
// by the attributes written in that part, and that part's quantity.
func (s *session) segmentCart() []commerce.CartLine {
	if !s.together() {
		return nil
	}
	b := cartBuilder{s: s}
	// "A加一个B", "A加两件B": the count after 加 starts the next item, and stays its quantity.
	for _, seg := range s.cartParts(plusCount.ReplaceAllString(s.text, "，$1")) {
		b.add(seg)
	}
	cart := b.cart
	// "<A> <B> <C> 三本一起": the count is of all the items, not the last one's.
	if n := countOfAll(s.text); len(cart) > 1 && n == int64(len(cart)) && cart[len(cart)-1].Qty == n {
		cart[len(cart)-1].Qty = 1
	}
	return cart
}

// cartBuilder reads a cart part by part.
type cartBuilder struct {
	s    *session
	cart []commerce.CartLine
	seen []*shop.Product
	prev string // the part that named the last product seen
}

// add reads one part of the cart.
func (b *cartBuilder) add(seg string) {
	s := b.s
	if b.countsOutAnother(seg) {
		return
	}
	if n := len(b.seen); n > 0 && len(b.cart) > 0 && s.toldOn(b.seen[n-1], seg) {
		// "<A>, <variant of A> version, plus <B>": the part names the item before
		// by its variant, not another product its words also describe.
		b.tellOn(b.seen[n-1], seg)
		return
	}
	ps := s.productsOfPart(seg)
	if b.anotherVariant(seg, ps) {
		return
	}
	switch {
	case len(ps) == 0 && len(b.cart) > 0:
		// "2 of those", "这个要两件": a quantity for the item before it.
		if q := quantity(seg, s.words.namePart, s.words.packPart); q > 1 {
			b.cart[len(b.cart)-1].Qty = q
		}
	case len(ps) == 0:
	case len(b.seen) > 0 && b.seen[len(b.seen)-1] == ps[0] && len(b.cart) > 0:
		// The item before, told on ("<Name> <P>": a separator inside its name;
		// "<A> 黑色 要4盒"): its variant and quantity read from both parts.
		b.tellOn(ps[0], seg)
	case containsProduct(b.seen, ps[0]):
	default:
		// Of one name's products, the one of its words, sold in the size named, with a variant the part names.
		p := s.byVariantsNamedIn(seg, s.bySizesNamed(s.byEnglishWords(seg, ps)))[0]
		b.seen, b.prev = append(b.seen, p), seg
		if line := s.cartLine(p, seg); line.SKUID != "" {
			b.cart = append(b.cart, line)
		}
	}
}

// countsOutAnother: "<name> 男款XL一套 女款M一套" — a part that counts out another
// variant of the item before is an item of its own, not the item before told on;
// it is added, and reported.
func (b *cartBuilder) countsOutAnother(seg string) bool {
	s, n := b.s, len(b.seen)
	if n == 0 || len(b.cart) == 0 {
		return false
	}
	sku := s.countedVariant(b.seen[n-1], seg)
	if sku == "" {
		return false
	}
	ps := s.productsOfPart(seg)
	return (len(ps) == 0 || ps[0] == b.seen[n-1]) && len(s.namedProducts(seg)) == 0 && b.addVariant(seg, sku)
}

// anotherVariant adds, for a part naming no other product that counts out another
// variant of the item before ("<name> 黑色40码1双 白色42码2双": the white pair),
// that variant as an item of its own, and reports whether it did.
func (b *cartBuilder) anotherVariant(seg string, ps []*shop.Product) bool {
	s, n := b.s, len(b.seen)
	if n == 0 || len(b.cart) == 0 || len(ps) > 0 && ps[0] != b.seen[n-1] || len(s.namedProducts(seg)) > 0 {
		return false
	}
	p := b.seen[n-1]
	sku := s.countedVariant(p, seg)
	if sku == "" {
		sku = s.wholeVariant(p, seg, b.prev, b.cart[len(b.cart)-1].SKUID)
	}
	return b.addVariant(seg, sku)
}

// addVariant adds the line seg reads of the item before when it is variant sku,
// not yet in the cart, and reports whether it did.
func (b *cartBuilder) addVariant(seg, sku string) bool {
	if sku == "" || slices.ContainsFunc(b.cart, func(l commerce.CartLine) bool { return l.SKUID == sku }) {
		return false
	}
	line := b.s.cartLine(b.seen[len(b.seen)-1], seg)
	if line.SKUID != sku {
		return false
	}
	b.cart, b.prev = append(b.cart, line), seg
	return true
}

// tellOn reads the last item again from the parts that told it and seg.
func (b *cartBuilder) tellOn(p *shop.Product, seg string) {
	b.prev = b.prev + " " + seg
	if line := b.s.cartLine(p, b.prev); line.SKUID != "" {
		b.cart[len(b.cart)-1] = line
	}
}

// variantTold: see variant_told in the language data.
var variantTold = cues("variant_told")

// toldOn: seg names no product by name but a variant of p, the item before it, as
// a variant ("<value> version"): it goes on telling that item. A part naming a
// value of p's and a kind ("<value><kind>") is another item.
func (s *session) toldOn(p *shop.Product, seg string) bool {
	return len(p.SKUs) > 1 && s.saysIn(variantTold, strings.ToLower(seg)) && len(s.namedProducts(seg)) == 0 && s.namesVariantIn(p, seg)
}

// byVariantsNamedIn: of the products a part of a cart names, those with a variant
// the part picks out ("<kind><款>": the one sold in <款>, not the other <kind>;
// "一对白色<kind>": the one sold in white, not the one whose every variant is
// that pair), or all of them when it picks out none of theirs.
func (s *session) byVariantsNamedIn(seg string, ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 {
		return ps
	}
	low := strings.ToLower(seg)
	var out []*shop.Product
	for _, p := range ps {
		named := 0
		for i := range p.SKUs {
			if skuNamedIn(&p.SKUs[i], seg, low) {
				named++
			}
		}
		if named > 0 && named < len(p.SKUs) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return ps
	}
	return out
}

// countOfAllRe: see count_of_all in the language data.
var countOfAllRe = lang.Regexp("count_of_all")

// countOfAll is the count of every item the customer says together, 0 when none.
func countOfAll(text string) int64 {
	for _, m := range countOfAllRe.FindAllStringSubmatch(strings.ToLower(text), -1) {
		for _, g := range m[1:] {
			if g != "" {
				return parseCount(g)
			}
		}
	}
	return 0
}

// productsOfPart are the products a part of a cart names: by name, else as the
// search finds them, else by the kind it writes.
func (s *session) productsOfPart(seg string) []*shop.Product {
	if ps := s.namedProducts(seg); len(ps) > 0 {
		return ps
	}
	if ps := s.searchProducts(seg, nil, false); len(ps) > 0 {
		return byChineseTitleWords(seg, ps) // "<brand><kind> <values>": the title saying most of it
	}
	if p := s.valueSellerIn(seg); p != nil {
		return []*shop.Product{p} // "<品种>2年苗来3棵": the one product sold in that variety
	}
	if ps := s.kindProductIn(seg); len(ps) > 0 {
		return ps
	}
	if ps := s.glossedKindProductIn(seg); len(ps) > 0 {
		return ps
	}
	return s.glossedTitleProductIn(seg)
}

// maxGlossCandidates: the search's first hits the glossed title is looked for in.
const maxGlossCandidates = 40

// minGlossedWords is how many of an English part's words the glossary's Chinese
// must find in one title for that title to be the part's product.
const minGlossedWords = 2

// glossedTitleProductIn: an English part whose words, as they are or in the
// glossary's Chinese, a Chinese title and its tags say more of than any other ("3
// <Brand> <w1> <w2> <kind>s": <Brand> and the Chinese of <w1>, <w2> and <kind> in
// "<Brand> <中1><中2><kind>") is that product — when two of them or more are
// glossed, so that a brand and one shared word ("<kind>") name nothing.
func (s *session) glossedTitleProductIn(seg string) []*shop.Product {
	words := contentWords(seg)
	glossed := 0
	for _, w := range words {
		if len(lang.Chinese(w)) > 0 {
			glossed++
		}
	}
	if glossed < minGlossedWords {
		return nil
	}
	// The search's hits for the glossed words are the candidates: every title the
	// glossary's words are in ranks there, and a catalogue of 100k is not scanned.
	var best *shop.Product
	top, tied := 0, false
	seen := map[string]bool{}
	for _, h := range s.searchHits(s.glossedQuery(seg), maxGlossCandidates) {
		p := s.snap.Product(h.ID)
		if h.Kind != knowledge.KindProduct || p == nil || seen[p.ID] || !hasScript(p.Title, true) {
			continue
		}
		seen[p.ID] = true
		switch n := englishCoverage(words, p); {
		case n > top:
			best, top, tied = p, n, false
		case n == top:
			tied = true
		}
	}
	if top < minGlossedWords || tied {
		return nil
	}
	return []*shop.Product{best}
}

// glossedKindProductIn: an English part naming a kind whose Chinese (the
// glossary's) ends the title of one product only ("the long mouse pad" of a shop
// with one 鼠标垫) is that product.
func (s *session) glossedKindProductIn(seg string) []*shop.Product {
	words := latinWordsOf(strings.ToLower(seg))
	var keys []string
	for i, w := range words {
		if i+1 < len(words) {
			keys = append(keys, w+" "+words[i+1])
		}
		if !stopWords[w] {
			keys = append(keys, w)
		}
	}
	for _, k := range keys {
		for _, zh := range lang.Chinese(k) {
			// "a pair of white <kind>s": of that kind's products, the one sold in white
			// among others (not the one whose every variant is that pair).
			if ps := s.byVariantsNamedIn(seg, s.words.kinds[kindKey(zh, true)]); len(ps) == 1 {
				return ps
			}
		}
	}
	return nil
}

// maxValueRunes: a value word longer than this is not looked up in a message.
const maxValueRunes = 8

// valueSellerIn is the one product sold in the variant values seg writes, nil when
// they name none or several.
func (s *session) valueSellerIn(seg string) *shop.Product {
	var found *shop.Product
	rs := []rune(strings.ToLower(seg))
	for i := range rs {
		// Each run of the segment is looked up, not every value scanned: a
		// catalogue has far more values than a message has runs.
		for j := i + 2; j <= len(rs) && j-i <= maxValueRunes; j++ {
			run := string(rs[i:j])
			ps := s.words.valueSellers[run]
			if len(ps) != 1 || isCountWord(run) {
				continue // "一对" of "买一对呢" counts the item before, though one product is sold as "一对"
			}
			if found != nil && found != ps[0] {
				return nil
			}
			found = ps[0]
		}
	}
	return found
}

// isCountWord: run is a count and its measure word and nothing else ("一对", "两个").
func isCountWord(run string) bool {
	loc := qtyZh.FindStringIndex(run)
	return loc != nil && loc[0] == 0 && loc[1] == len(run)
}

// cartLine is p's line of a cart read in seg: the variant its values name (a value
// said once for all, "A和B都要大的", is each item's unless seg names one) and its
// quantity; no sku when none fits.
func (s *session) cartLine(p *shop.Product, seg string) commerce.CartLine {
	picked := s.pickSKUsIn(p, seg)
	if !s.namesVariantIn(p, seg) {
		picked = s.pickSKUsIn(p, s.text)
	}
	if len(picked) == 0 {
		return commerce.CartLine{}
	}
	qty := quantity(withoutVariantCounts(seg, []*shop.Product{p}), s.words.namePart, s.words.packPart)
	// "2 pure white <kind> 300x270": the count it starts with — unless it is the
	// pack the variant is sold as ("8 boxes" of the 8盒).
	if m := leadingCountEn.FindStringSubmatch(strings.ToLower(seg)); qty == 1 && m != nil && !packOf(picked[0], parseCount(m[1])) {
		qty = parseCount(m[1])
	}
	return commerce.CartLine{SKUID: picked[0].ID, Qty: qty}
}

// packOf: a value of k starts with the count n ("8盒", "6瓶").
func packOf(k *shop.SKU, n int64) bool {
	num := strconv.FormatInt(n, 10)
	for _, v := range k.Attributes.All() {
		if strings.HasPrefix(v, num) {
			return true
		}
	}
	return false
}

// kindProductIn: a part of a cart naming a kind of product ("<count><kind><size><c>") is
// the one product of that kind it fits best — by the variant values and the title
// parts it writes — when one fits better than the others.
func (s *session) kindProductIn(seg string) []*shop.Product {
	low := strings.ToLower(seg)
	best, top, tie := (*shop.Product)(nil), 0, false
	for _, p := range s.categoryProducts(mentionedCats(s.words.categoryMentions(low))) {
		n := 0
		if s.namesVariantIn(p, seg) {
			n++
		}
		for _, tok := range scriptTokens(strings.ToLower(p.Title)) {
			if utf8.RuneCountInString(tok) >= 2 && strings.Contains(low, tok) {
				n++
			}
		}
		switch {
		case n > top:
			best, top, tie = p, n, false
		case n == top:
			tie = true
		}
	}
	if best == nil || tie || top == 0 {
		return nil
	}
	return []*shop.Product{best}
}

// cartPieceSep: see cart_piece_sep in the language data.
var cartPieceSep = lang.Regexp("cart_piece_sep")

// cartParts are the parts of a cart: text split at the separators, and a part
// that names two products or more split again at its spaces and at "加" into a
// piece per name ("<书名>平装 <书名>平装", "<品牌>45色加<品牌>72色").
func (s *session) cartParts(text string) []string {
	var out []string
	for _, seg := range s.cartSplit(text) {
		named := s.namedProducts(seg)
		if len(named) == 1 {
			out = append(out, s.variantCounts(named[0], seg)...)
			continue
		}
		if found := s.searchProducts(seg, nil, false); len(named) == 0 && len(found) == 1 {
			out = append(out, s.variantCounts(found[0], seg)...) // "<kind> 男款XL一套 女款M一套"
			continue
		}
		if len(named) < 2 {
			out = append(out, seg)
			continue
		}
		// Pieces before the first name are its ("6 bottles of <name>"); after it,
		// each belongs to the name before it ("<name>平装").
		var pieces []string
		lead := ""
		for _, p := range cartPieceSep.Split(seg, -1) {
			switch named := len(s.namedProducts(p)) > 0; {
			case !named && len(pieces) == 0:
				lead += p + " "
			case !named:
				pieces[len(pieces)-1] += " " + p
			default:
				pieces = append(pieces, lead+p)
				lead = ""
			}
		}
		if len(pieces) == 0 {
			// No piece names one alone ("<L> <Name> <size>": the name is the
			// whole part): the part is one item, not lost.
			pieces = []string{seg}
		}
		out = append(out, pieces...)
	}
	return out
}

// variantCounts splits a part naming one product into a piece per variant it
// counts out ("<name> 白色2打 黄色1打": white two, yellow one), the name staying
// with the first; the part whole when it counts out fewer than two variants.
func (s *session) variantCounts(p *shop.Product, seg string) []string {
	fields := countFields(seg)
	var pieces []string
	var picked []string // the sku each piece picks
	lead := ""
	for _, f := range fields {
		sku := s.countedVariant(p, f)
		switch {
		case sku == "" && len(pieces) == 0:
			lead += f + " "
		case sku == "" || contains(picked, sku):
			pieces[len(pieces)-1] += " " + f
		default:
			pieces, picked = append(pieces, f), append(picked, sku)
		}
	}
	if len(pieces) < 2 {
		return []string{seg}
	}
	// The count said before the variants are counted out is of them all
	// ("<name>买两把 一把黑的一把金的"): each piece has its own.
	pieces[0] = withoutCounts(lead) + pieces[0]
	return pieces
}

// withoutCounts is text without its Chinese counts ("两把"), a pack's size kept
// ("3只装" is a variant, not a count).
func withoutCounts(text string) string {
	var b strings.Builder
	from := 0
	for _, m := range qtyZh.FindAllStringIndex(text, -1) {
		if strings.HasPrefix(text[m[1]:], "装") {
			continue
		}
		b.WriteString(text[from:m[0]])
		from = m[1]
	}
	b.WriteString(text[from:])
	return b.String()
}

// countFields are seg's words, a word that counts out several things split
// before each count ("一把黑的一把金的": "一把黑的", "一把金的").
func countFields(seg string) []string {
	var out []string
	for _, f := range strings.Fields(seg) {
		at := qtyZh.FindAllStringIndex(f, -1)
		if len(at) < 2 {
			out = append(out, f)
			continue
		}
		from := 0
		for _, m := range at[1:] {
			out = append(out, f[from:m[0]])
			from = m[0]
		}
		out = append(out, f[from:])
	}
	return out
}

// wholeVariant is the one sku of p a part names by a value of each attribute its
// variants differ in, other than a value the part before told of the item before
// ("<name><flavour A>5磅+<flavour B>2磅": flavour B and 2 lb, another item; "<gloves> black/white
// L": the same pair, told on); "" when it names fewer, picks several or counts
// each ("青色品红各一瓶").
func (s *session) wholeVariant(p *shop.Product, seg, prevSeg, prevSKU string) string {
	low := strings.ToLower(seg)
	if s.saysIn(countEach, low) {
		return ""
	}
	picked := s.pickSKUsIn(p, seg)
	if len(picked) != 1 {
		return ""
	}
	prev, _ := s.snap.SKU(prevSKU)
	if prev == nil {
		return ""
	}
	prevLow := strings.ToLower(prevSeg)
	other := false
	for _, name := range differingAttrs(p) {
		v := picked[0].Attributes.Get(name)
		if !mentionsValueIn(seg, low, name, v) {
			return ""
		}
		if pv := prev.Attributes.Get(name); pv != v && mentionsValueIn(prevSeg, prevLow, name, pv) {
			other = true
		}
	}
	if !other {
		return ""
	}
	return picked[0].ID
}

// differingAttrs are the attributes whose values differ among p's variants.
func differingAttrs(p *shop.Product) []string {
	var out []string
	first := map[string]string{}
	for i := range p.SKUs {
		for name, v := range p.SKUs[i].Attributes.All() {
			if f, ok := first[name]; !ok {
				first[name] = v
			} else if f != v && !contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// countedVariant is the one sku of p a field names by its values with a count
// ("白色2打"), "" when it names none, several, or no count.
func (s *session) countedVariant(p *shop.Product, f string) string {
	if lastLineCounts(f, s.words.namePart) == nil || s.saysIn(countEach, strings.ToLower(f)) {
		return "" // no count written ("43" is a size, "2双" a count), or one for several ("各一瓶")
	}
	picked := s.pickSKUsIn(p, f)
	if len(picked) != 1 || !s.namesVariantIn(p, f) {
		return ""
	}
	return picked[0].ID
}
