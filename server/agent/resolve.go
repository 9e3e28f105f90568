package agent

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Which products a customer means: an id they pasted, a name they copied, words the
// knowledge search recognises, a category they named, or what the conversation was
// about before ("this one").

// A product hit is taken from the knowledge search only when the query matches it
// on its subject (its title, tags, ids or attributes) and it scores at least
// minConfidentScore, both in the confidence search (see confident), and, among
// several, within searchNear of the best one: "<品牌>Z3" matches both Z3 models
// about equally, "<品牌>Z3 <Y>" only the <Y>. The ranking scores fell with every
// word of chat around the name, so a fixed floor on them lost products in long
// messages.
const (
	searchNear  = 0.75
	maxProducts = 4
)

var idToken = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]`)

// namedProducts are the products text names by id (product or sku) or by title, in
// text order.
func (s *session) namedProducts(text string) []*shop.Product {
	text = withoutColourAfterIn(withoutDeclined(text))
	hits := append(s.idHits(text), s.titleHits(text)...)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	var out []*shop.Product
	for _, h := range hits {
		if !containsProduct(out, h.prod) {
			out = append(out, h.prod)
		}
		// A series' name that is also another product's variant ("<L>" of a
		// set, and a teapot sold in the <L> glaze) names both: the kind or the
		// variant the customer says then picks (byKindNamed, byValuesNamed).
		if s.words.attrParts[h.key] {
			for _, p := range s.words.valueSellers[h.key] {
				if !containsProduct(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	return bySex(byBrandNamed(text, s.withoutAddOnsBesideMain(text, s.narrowedLines(text, hits, s.withModelsAndTags(text, out)))), text)
}

// narrowedLines: a word several titles share ("<Brand> <M> … <FEAT>" and
// "<Brand> <other> … <FEAT>": a feature their English names end in) names only the
// one of them something else in the text names ("<M> <kind>有<feat>吗"), when one
// does.
func (s *session) narrowedLines(text string, hits []titleHit, out []*shop.Product) []*shop.Product {
	lines := linesNamed(hits)
	if len(lines) == 0 {
		return out
	}
	inLine := map[*shop.Product]bool{}
	for _, ps := range lines {
		for _, p := range ps {
			inLine[p] = true
		}
	}
	// Named otherwise: by a hit of one product, by what else out holds, or by the
	// model words.
	other := map[*shop.Product]bool{}
	for _, h := range hits {
		if _, line := lines[hitAt{h.key, h.pos}]; !line {
			other[h.prod] = true
		}
	}
	for _, p := range out {
		if !inLine[p] {
			other[p] = true
		}
	}
	for _, p := range s.modelsInParts(text) {
		other[p] = true
	}
	drop := map[*shop.Product]bool{}
	for _, ps := range lines {
		if !slices.ContainsFunc(ps, func(p *shop.Product) bool { return other[p] }) {
			continue
		}
		for _, p := range ps {
			if !other[p] {
				drop[p] = true
			}
		}
	}
	return slices.DeleteFunc(slices.Clone(out), func(p *shop.Product) bool { return drop[p] })
}

// withoutAddOnsBesideMain drops from the products text names an add-on to another
// of them ("<品牌> 智能锁专用锂电池（<M>适用）" beside the <M> lock itself) that
// the model word naming both brought in: asked by the model's name, the main
// product is meant — unless the text speaks of add-ons or names the add-on's kind
// ("<M>的电池": a word of its title the main one's has not).
func (s *session) withoutAddOnsBesideMain(text string, ps []*shop.Product) []*shop.Product {
	low := strings.ToLower(text)
	if len(ps) < 2 || accessoryMarks.in(low) {
		return ps
	}
	isAddOn := isAddOnProduct // by its title or its category ("<…>-accessories")
	var mains []string
	for _, p := range ps {
		if !isAddOn(p) {
			mains = append(mains, strings.ToLower(p.Title))
		}
	}
	if len(mains) == 0 || len(mains) == len(ps) {
		return ps
	}
	words := slices.DeleteFunc(append(latinWordsOf(low), compounds(low)...), func(w string) bool { return !modelWord(w) })
	// Model words are compared folded: "<x>1" of a compound is the title's "<X>-1".
	return slices.DeleteFunc(slices.Clone(ps), func(p *shop.Product) bool {
		title := strings.ToLower(p.Title)
		if !isAddOn(p) || saysOwnWordOf(low, title, mains) {
			return false
		}
		return slices.ContainsFunc(words, func(w string) bool {
			return strings.Contains(foldName(title), w) && slices.ContainsFunc(mains, func(m string) bool { return strings.Contains(foldName(m), w) })
		})
	})
}

// idHits are the products text names by a product or sku id.
func (s *session) idHits(text string) []titleHit {
	var hits []titleHit
	for _, m := range idToken.FindAllStringIndex(text, -1) {
		tok := text[m[0]:m[1]]
		if p := s.snap.Product(tok); p != nil {
			hits = append(hits, titleHit{pos: m[0], key: tok, prod: p})
		} else if _, p := s.snap.SKU(tok); p != nil {
			hits = append(hits, titleHit{pos: m[0], key: tok, prod: p})
		}
	}
	return hits
}

// titleHits are the products text names by title; a name inside a longer matched
// name ("<品牌>z3" in "<品牌>z3pro") means the longer one.
func (s *session) titleHits(text string) []titleHit {
	byTitle := s.words.titlesIn(foldName(text))
	var hits []titleHit
	for _, h := range byTitle {
		inside := false
		for _, o := range byTitle {
			if o.prod != h.prod && len(o.key) > len(h.key) && strings.Contains(o.key, h.key) {
				inside = true
				break
			}
		}
		if !inside {
			hits = append(hits, h)
		}
	}
	return s.withoutLinesOfOtherKinds(text, hits)
}

// withoutLinesOfOtherKinds drops the hits of a product line's name when the text
// names a kind none of the line's products is: "<line>的<kind>" asks for that kind
// of that scent, not for the line's perfume, candle or travel spray.
func (s *session) withoutLinesOfOtherKinds(text string, hits []titleHit) []titleHit {
	var cats []string
	drop := map[hitAt]bool{}
	for at, line := range linesNamed(hits) {
		if cats == nil {
			cats = append(mentionedCats(s.words.categoryMentions(strings.ToLower(text))), "")
		}
		if len(cats) > 1 && !slices.ContainsFunc(line, func(p *shop.Product) bool { return contains(cats, p.Category) }) {
			drop[at] = true
		}
	}
	if len(drop) == 0 {
		return hits
	}
	return slices.DeleteFunc(hits, func(h titleHit) bool { return drop[hitAt{h.key, h.pos}] })
}

// hitAt is where a name was found: the key and its position.
type hitAt struct {
	key string
	pos int
}

// linesNamed are the names found that name several products at once (a product
// line's word), with those products.
func linesNamed(hits []titleHit) map[hitAt][]*shop.Product {
	by := map[hitAt][]*shop.Product{}
	for _, h := range hits {
		by[hitAt{h.key, h.pos}] = append(by[hitAt{h.key, h.pos}], h.prod)
	}
	maps.DeleteFunc(by, func(_ hitAt, ps []*shop.Product) bool { return len(ps) < 2 })
	return by
}

// byModel is catalogWords.byModel of text, once per session.
func (s *session) byModel(text string) []*shop.Product {
	if ps, ok := s.models[text]; ok {
		return ps
	}
	if s.models == nil {
		s.models = map[string][]*shop.Product{}
	}
	low := strings.ToLower(text)
	ps := s.words.byModel(low)
	if ps == nil {
		ps = s.byModelAndValue(text, low)
	}
	s.models[text] = ps
	return ps
}

// bracketed: a note in brackets.
var bracketed = regexp.MustCompile(`[(（][^()（）]*[)）]`)

// replaceWordFold is text with the Latin word w (lower case) blanked wherever it
// stands whole, in any case.
func replaceWordFold(text, w string) string {
	low := strings.ToLower(text)
	var b strings.Builder
	from := 0
	for j := wordIndex(low, w, 0); j >= 0; j = wordIndex(low, w, j+len(w)) {
		b.WriteString(text[from:j])
		b.WriteString(" ")
		from = j + len(w)
	}
	b.WriteString(text[from:])
	return b.String()
}

// modelsInParts are the products model words name in text and in each part of it:
// model words name a product too ("K5" beside a title word of another), each part
// of the message its own ("X7 和 Y 5" names two models, not none).
func (s *session) modelsInParts(text string) []*shop.Product {
	var out []*shop.Product
	for _, seg := range append([]string{text}, s.words.segments(text)...) {
		for _, p := range s.byModel(seg) {
			if !containsProduct(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// withModelsAndTags adds to out the products text names by model words or by a
// tag only one product carries.
func (s *session) withModelsAndTags(text string, out []*shop.Product) []*shop.Product {
	bare := s.byBareNumber(text)
	for _, p := range append(withoutBrandOf(s.modelsInParts(text), bare), bare...) {
		if !containsProduct(out, p) {
			out = append(out, p)
		}
	}
	out = s.withElided(text, out)
	// A tag only one product carries names it in a part of the message that names
	// nothing else: "…和步云竞速跑鞋" is the trail racer, but "K5…是充电的吗" is
	// the K5, not the one product tagged 充电.
	for _, seg := range s.words.segments(text) {
		if len(s.words.titlesIn(foldName(seg))) > 0 || len(s.byModel(seg)) > 0 {
			continue
		}
		// Nor where the part speaks of another kind: "空调要搬到新房子" is no
		// purifier tagged 新房 (a tag holding the kind's word, "智能猫砂盆", names it).
		folded := foldName(seg)
		for _, h := range s.words.tagNames.in(folded) {
			if !containsProduct(out, h.prod) && !s.otherKindBeside(folded, h) && !otherMeasureIn(seg, h.prod.Title) {
				out = append(out, h.prod)
			}
		}
	}
	return out
}

// declinedWords: "nothing <flavour>", "不要甜的": what follows is not wanted.
var declinedWords = cues("declined")

// otherMeasureIn: the part states a measure ("66W") that the title states another
// figure of, in the same unit ("20W"): "<brand>66W的<tag>" is not the 20W product
// that tag names.
func otherMeasureIn(seg, title string) bool {
	said := latinWordsOf(unitJoined(seg))
	for _, w := range latinWordsOf(unitJoined(title)) {
		m := measure.FindStringSubmatch(w)
		if m == nil || !isUnitWord(m[2]) {
			continue
		}
		for _, x := range said {
			if n := measure.FindStringSubmatch(x); n != nil && n[2] == m[2] && n[1] != m[1] {
				return true
			}
		}
	}
	return false
}

// spacedUnit is a number and the word after it ("40 inch"), which English writes
// apart where a title may write "40inch".
var spacedUnit = regexp.MustCompile(`(\d)\s+([a-z]+)`)

// unitJoined is text lower-cased, each number joined to the unit word written apart
// after it: "12 inch" is the measure "12inch" ("2 black" stays two words).
func unitJoined(text string) string {
	return spacedUnit.ReplaceAllStringFunc(strings.ToLower(text), func(m string) string {
		sub := spacedUnit.FindStringSubmatch(m)
		if !isUnitWord(sub[2]) {
			return m
		}
		return strings.Join(strings.Fields(m), "")
	})
}

// withoutDeclined is text without the English words a decline stands before
// ("nothing <flavour>", "not too sweet"): the customer wants anything but what
// carries them, so they name no product.
func withoutDeclined(text string) string {
	out, _ := declinedWordsIn(text)
	return out
}

// declinedWordsIn is text with the English words a decline stands before blanked out,
// and those words.
func declinedWordsIn(text string) (string, []string) {
	if !strings.ContainsFunc(text, isASCIILetter) {
		return text, nil
	}
	low := strings.ToLower(text)
	var words []string
	for _, p := range declinedWords.phrases {
		if !isASCII(p) {
			continue
		}
		for from := 0; ; {
			i := strings.Index(low[from:], p)
			if i < 0 {
				break
			}
			i += from
			end := i + len(p)
			from = end
			if i > 0 && isASCIILetter(rune(low[i-1])) || end < len(low) && isASCIILetter(rune(low[end])) {
				continue // inside a word
			}
			j, k := nextWord(low, end)
			if j < 0 {
				break
			}
			words = append(words, low[j:k])
			blank := strings.Repeat(" ", k-j)
			text, low = text[:j]+blank+text[k:], low[:j]+blank+low[k:]
			from = k
		}
	}
	return text, words
}

// nextWord is where the next Latin word of low after byte from starts and ends
// (-1 when there is none).
func nextWord(low string, from int) (int, int) {
	j := strings.IndexFunc(low[from:], isASCIILetter)
	if j < 0 {
		return -1, -1
	}
	j += from
	k := j
	for k < len(low) && (isASCIILetter(rune(low[k])) || low[k] == '-') {
		k++
	}
	return j, k
}

// otherKindBeside: folded names a kind of product, apart from the tag hit h, that
// h's product is not.
func (s *session) otherKindBeside(folded string, h titleHit) bool {
	for _, m := range s.words.categoryMentions(folded) {
		if m.end <= h.pos || m.pos >= h.pos+len(h.key) {
			if m.cat != h.prod.Category {
				return true
			}
		}
	}
	return false
}

// withElided adds to out the products a part of text names by a number alone
// after a part that named a series ("<L> 800 和 1500", "<A>5 or 7"): the series'
// words the customer wrote with that number.
func (s *session) withElided(text string, out []*shop.Product) []*shop.Product {
	segs := s.words.segments(strings.ToLower(text))
	for i := 1; i < len(segs); i++ {
		num := leadNumber(segs[i])
		if num == "" || len(s.byModel(segs[i])) > 0 || len(s.words.titlesIn(foldName(segs[i]))) > 0 {
			continue
		}
		var series []string
		for _, w := range latinWordsOf(segs[i-1]) {
			if !isNumber(w) && !stopWords[w] {
				series = append(series, w)
			}
		}
		if len(series) == 0 {
			continue
		}
		for _, p := range s.byModel(strings.Join(series, " ") + " " + num) {
			if !containsProduct(out, p) && strings.Contains(strings.ToLower(p.Title), num) {
				out = append(out, p)
			}
		}
	}
	return out
}

// leadNumber is the number a part of a message starts with ("1500 差在哪"), "" when
// it starts with none.
func leadNumber(seg string) string {
	seg = strings.TrimSpace(seg)
	end := 0
	for end < len(seg) && seg[end] >= '0' && seg[end] <= '9' {
		end++
	}
	if end == 0 || end < len(seg) && isASCIILetter(rune(seg[end])) {
		return "" // "5s" is a model of its own
	}
	return seg[:end]
}

// namedSKUs are the skus text names by id.
func (s *session) namedSKUs(text string) []*shop.SKU {
	var out []*shop.SKU
	for _, tok := range idToken.FindAllString(text, -1) {
		if k, _ := s.snap.SKU(tok); k != nil && !containsSKU(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// searchProducts searches the knowledge base for the products the residue of text names;
// cats (when given) keeps those of the named categories, charted keeps those with
// a size chart.
func (s *session) searchProducts(text string, cats []string, charted bool) []*shop.Product {
	q := s.residue(text)
	if q == "" {
		return nil
	}
	q = s.glossedQuery(q)
	var out, selling, all []*shop.Product
	top, topSelling := 0.0, 0.0
	// The values text names, not the turn's: an earlier message is searched as it was.
	low := strings.ToLower(text)
	sells := func(p *shop.Product) bool { return sellsValueIn(p, text, low) }
	for _, h := range s.confidenceHits(q) {
		if h.Kind != knowledge.KindProduct || !h.OnSubject || h.Score < minConfidentScore {
			continue
		}
		p := s.snap.Product(h.ID)
		if !productAdmitted(p, cats, charted) {
			continue
		}
		all = append(all, p)
		// A confident match further down that sells the variant the customer named
		// ("<name> 粉色": the one made in pink) is kept aside in case the best sell none.
		if sells(p) && !containsProduct(selling, p) && h.Score >= topSelling*searchNear {
			topSelling = max(topSelling, h.Score)
			selling = append(selling, p)
		}
		if top > 0 && h.Score < top*searchNear {
			continue
		}
		if top == 0 {
			top = h.Score
		}
		if !containsProduct(out, p) {
			out = append(out, p)
		}
	}
	if brand := brandNamedOf(all, low); brand != "" {
		out = ofBrand(out, all, brand)
		selling = slices.DeleteFunc(selling, func(p *shop.Product) bool { return foldName(p.Brand) != brand })
	}
	return bySex(searchPick(out, selling, all, sells, low), text)
}

// brandNamedOf is the brand of a confident match that the text names
// ("<Brand>那个<value><kind>"), folded; "" when it names none.
func brandNamedOf(all []*shop.Product, low string) string {
	folded := foldName(low)
	for _, p := range all {
		if b := foldName(p.Brand); utf8.RuneCountInString(b) >= 3 && strings.Contains(folded, b) {
			return b
		}
	}
	return ""
}

// ofBrand: of ps, those of the brand named, else the first confident match of it
// (from all) — not another brand's product of the same kind the search liked
// better; ps as it is when none is of that brand.
func ofBrand(ps, all []*shop.Product, brand string) []*shop.Product {
	of := func(ps []*shop.Product) []*shop.Product {
		return slices.DeleteFunc(slices.Clone(ps), func(p *shop.Product) bool { return foldName(p.Brand) != brand })
	}
	if mine := of(ps); len(mine) > 0 {
		return mine
	}
	if mine := of(all); len(mine) > 0 {
		return mine[:1]
	}
	return ps
}

// searchPick: of the search's best matches (out), those selling the variant named
// when none of the best do, else the main product of add-ons, else the best.
func searchPick(out, selling, all []*shop.Product, sells func(*shop.Product) bool, low string) []*shop.Product {
	if len(selling) > 0 && !slices.ContainsFunc(out, sells) && !titledBy(out, selling, low) {
		return capProducts(selling)
	}
	if main := mainOfAddOns(out, all, low); main != nil {
		return []*shop.Product{main}
	}
	return capProducts(out)
}

// titledBy: every value the text names of the products selling one is a word of
// a best match's title: "<M5>和牛眼肉" is the wagyu titled 眼肉, not the steak
// sold in the cut 眼肉; "<kind>该买几分之几" the <kind> titled so, not the lessons
// sold in it as a course.
func titledBy(out, selling []*shop.Product, low string) bool {
	folded := make([]string, len(out))
	for i, p := range out {
		folded[i] = foldName(p.Title)
	}
	for _, p := range selling {
		for _, v := range valuesSoldIn(p, low, low) {
			fv := foldName(v)
			if fv == "" || !slices.ContainsFunc(folded, func(t string) bool { return strings.Contains(t, fv) }) {
				return false
			}
		}
	}
	return true
}

// accessoryMarks: see accessory_marks in the language data.
var accessoryMarks = cues("accessory_marks")

// mainOfAddOns: when every best match is an add-on to a product of the same name
// ("<name> 扩展：…", "<name> 专用<kind>") the customer did not ask for as such, the
// product itself among the confident matches ("<name> <Latin> <kind>"), nil when
// there is none.
func mainOfAddOns(best, all []*shop.Product, low string) *shop.Product {
	if len(best) == 0 || accessoryMarks.in(low) {
		return nil
	}
	for _, p := range best {
		if !accessoryMarks.in(strings.ToLower(p.Title)) {
			return nil
		}
	}
	first := firstTitleWord(best[0].Title)
	if first == "" || slices.ContainsFunc(strings.Fields(best[0].Brand), func(w string) bool { return foldName(w) == first }) {
		return nil // "<brand> …": the brand's other products are no main product of this one
	}
	for _, p := range all {
		if !accessoryMarks.in(strings.ToLower(p.Title)) && firstTitleWord(p.Title) == first {
			return p
		}
	}
	return nil
}

// firstTitleWord is the title's first word, folded.
func firstTitleWord(title string) string {
	if f := strings.Fields(title); len(f) > 0 {
		return foldName(f[0])
	}
	return ""
}

// productAdmitted: p exists, is of one of cats (when given) and has a size chart
// when charted asks for one.
func productAdmitted(p *shop.Product, cats []string, charted bool) bool {
	return p != nil && (len(cats) == 0 || contains(cats, p.Category)) && (!charted || p.SizeChart != nil)
}

// historyProducts are the products of the latest earlier message that names any
// (of cats, when given: "这双跑鞋" does not mean the phone discussed before).
func (s *session) historyProducts(cats []string) []*shop.Product {
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		var ps []*shop.Product
		for _, p := range s.namedProducts(s.turn.History[i].Text) {
			if len(cats) == 0 || contains(cats, p.Category) {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			return capProducts(ps)
		}
	}
	return nil
}

// categoryProducts are the first products of the categories, in stock first.
func (s *session) categoryProducts(cats []string) []*shop.Product {
	var in, out []*shop.Product
	for _, c := range cats {
		for _, p := range s.words.byCat[c] {
			if stockOf(p) > 0 {
				in = append(in, p)
			} else {
				out = append(out, p)
			}
		}
	}
	return capProducts(append(in, out...))
}

// segmentSep splits "A和B", "A, B or C" into the parts that may each name a product.
var segmentSep = lang.Regexp("segment_sep")

// productsInText: the products text names, and for each part of it that names none
// the products search_knowledge finds for its words (of cats when given).
func (s *session) productsInText(cats []string, charted bool) []*shop.Product {
	out := s.namedProducts(s.text)
	for _, seg := range s.words.segments(s.text) {
		// A part naming a product, or a value of one named ("<value>的呢" after the
		// product sold in it), adds no other product the search finds for it.
		if len(s.namedProducts(seg)) > 0 || len(out) > 0 && namesValueOf(seg, strings.ToLower(seg), out) {
			continue
		}
		for _, p := range s.searchProducts(seg, cats, charted) {
			if !containsProduct(out, p) {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		if p := s.valueSellerIn(s.lastLine()); p != nil {
			out = []*shop.Product{p} // "<c>那个<kind>": the one product sold in it
		}
	}
	return capProducts(s.byGlossedTitle(out))
}

// productsAsked resolves the products a price or comparison question is about: the
// ones just sized in this turn, named, found by search, of a named category, or
// from earlier in the conversation.
func (s *session) productsAsked() []*shop.Product {
	if len(s.sized) > 0 {
		return s.sized
	}
	cats := mentionedCats(s.words.categoryMentions(s.low))
	ps := s.byKindNamed(s.byValuesNamed(s.productsMeant(cats, false)))
	if s.namesAList() || s.says(compareWords) || s.says(whichWords) || s.says(comparativeWords) {
		return ps // a list ("A和B") or a choice keeps every product it names
	}
	return byChineseTitleWords(s.text, s.byEnglishWords(s.text, ps))
}

// byKindNamed: of several products one name fits ("<M>" of a device and its
// replacement heads), those of the kind the customer named ("<M><kind>") — unless
// the message lists several things.
func (s *session) byKindNamed(ps []*shop.Product) []*shop.Product {
	kind := s.kindNoun()
	if len(ps) < 2 || kind == "" {
		return ps
	}
	of := s.words.kinds[kindKey(kind, unicode.Is(unicode.Han, []rune(kind)[0]))]
	var out []*shop.Product
	for _, p := range ps {
		if containsProduct(of, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 || len(out) == len(ps) || s.namesAList() {
		return ps
	}
	return out
}

// byValuesNamed: of several products one name fits ("<Y>" of two series), the
// ones selling a variant the customer named ("…<Y> 粉色": the one made in pink) —
// when the message names them in one breath, not as a list ("A和B").
func (s *session) byValuesNamed(ps []*shop.Product) []*shop.Product {
	if len(ps) < 2 || s.namesAList() {
		return ps // a list ("A和B") keeps every product it names
	}
	// The ones with a variant of the most values named ("<name> 10.5度 S杆": the
	// driver sold in 10.5° and S, not the fairway wood sold in S alone).
	var out []*shop.Product
	best := 0
	for _, p := range ps {
		switch n := s.valuesNamedBesides(p, ps); {
		case n == 0 || n < best:
		case n > best:
			out, best = []*shop.Product{p}, n
		default:
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = ps
	}
	return s.bySizesNamed(out)
}

// valuesNamedBesides: the most values of one of p's variants the turn names that
// are no model name of another of ps — "<M> <n>", the fit of an accessory, is
// the device's name when the device is asked about ("the <M> <n> combo").
func (s *session) valuesNamedBesides(p *shop.Product, ps []*shop.Product) int {
	most := 0
	for i := range p.SKUs {
		n := 0
		for name, v := range p.SKUs[i].Attributes.All() {
			if name == "size" || !mentionsValueIn(s.text, s.low, name, v) {
				continue
			}
			// A model name as a value ("<M> <n>" an accessory fits) may be the
			// other product's name; a colour or a size is a value whatever titles say.
			// So is a line's name other titles set off in quotes ("<品牌>「<line>」<kind>")
			// when the product is sold in a glaze of that name.
			fv := foldName(v)
			modelLike := isASCII(v) && strings.ContainsAny(v, "0123456789")
			// An English word glossed to a word of the value that another's title
			// has names that product ("spare <M> batteries": the battery, not
			// the <M> sold with one or two batteries).
			glossed := ""
			if !strings.Contains(s.low, strings.ToLower(v)) {
				glossed = glossedValueWord(s.low, name, v)
			}
			otherName := slices.ContainsFunc(ps, func(q *shop.Product) bool {
				return q != p && (modelLike && strings.Contains(foldName(q.Title), fv) || slices.Contains(quotedParts(q.Title), fv) ||
					glossed != "" && strings.Contains(q.Title, glossed))
			})
			if !otherName {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// glossedValueWord is the Chinese word by which an English low names a part of
// the value v ("battery" → 电池 of 单电池); "".
func glossedValueWord(low, name, v string) string {
	for _, part := range valueParts(v) {
		if zh := glossedWordIn(low, name, part); zh != "" {
			return zh
		}
	}
	return ""
}

var (
	// sizeLetterRe: a letter size standing alone ("M的", "XL"), as written (upper case).
	sizeLetterRe = regexp.MustCompile(`(?:^|[^A-Za-z0-9'’])([2-6]?X{0,4}[SML]|XXS|NB)(?:$|[^A-Za-z0-9'’])`)
	// sizeMarkedRe: a size marked as one ("s码", "38号", "size m").
	sizeMarkedRe = regexp.MustCompile(`(?i)(?:(?:^|[^a-z0-9])([2-6]?x{0,4}[sml]|xxs|nb|\d{2,3}(?:\.5)?)\s*(?:码|碼|号|號)|\bsize\s+([a-z0-9]{1,4}(?:\.5)?)\b)`)
)

// sizesNamed: the sizes a message names as a variant ("S码", "38号", "size M", "XL").
func sizesNamed(text string) []string {
	var out []string
	for _, m := range sizeLetterRe.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	for _, m := range sizeMarkedRe.FindAllStringSubmatch(text, -1) {
		out = append(out, strings.ToUpper(m[1]+m[2]))
	}
	return out
}

// bySizesNamed: of several products of one category, the ones sold in a size
// the customer named ("<brand>S码": the two sold in S, not the one that starts at
// L); a product is dropped only for another of its category sold in that size
// ("跑鞋38码和T恤" keeps the T-shirt), and not when the size is the one they
// wear in another kind of product ("平时穿38码").
func (s *session) bySizesNamed(ps []*shop.Product) []*shop.Product {
	sizes := sizesNamed(s.text)
	if len(ps) < 2 || len(sizes) == 0 || s.says(wearWords) {
		return ps
	}
	return sellersPerCategory(ps, func(p *shop.Product) bool {
		return slices.ContainsFunc(p.SKUs, func(k shop.SKU) bool {
			return slices.Contains(sizes, strings.ToUpper(k.Attributes.Get("size")))
		})
	})
}

// sellersPerCategory keeps the products that sell what was named, and those of a
// category where none does.
func sellersPerCategory(ps []*shop.Product, sells func(*shop.Product) bool) []*shop.Product {
	var out []*shop.Product
	for _, p := range ps {
		if sells(p) || !slices.ContainsFunc(ps, func(o *shop.Product) bool { return o.Category == p.Category && sells(o) }) {
			out = append(out, p)
		}
	}
	return out
}

// namesAList: two or more parts of the message each name a product or a kind ("跑鞋和衬衫",
// "A加一根B"); "…的<kind>，我到手多少" is one product and a question.
func (s *session) namesAList() bool {
	// Several products asked for together ("<A>30 <B> <C> 各来一个").
	if s.together() && len(s.namedProducts(s.text)) > 1 {
		return true
	}
	n := 0
	for _, seg := range s.words.segments(s.text) {
		if len(s.words.categoryMentions(strings.ToLower(seg))) > 0 || len(s.namedProducts(seg)) > 0 ||
			len(s.searchProducts(seg, nil, false)) > 0 {
			n++
		}
	}
	return n > 1
}

// sellsValueIn: p sells a value (not a size) that text (low, lower-cased) names.
func sellsValueIn(p *shop.Product, text, low string) bool {
	return len(valuesSoldIn(p, text, low)) > 0
}

// valuesSoldIn are p's values (not sizes) that text (low, lower-cased) names.
func valuesSoldIn(p *shop.Product, text, low string) []string {
	var out []string
	for i := range p.SKUs {
		for name, v := range p.SKUs[i].Attributes.All() {
			if name != "size" && !slices.Contains(out, v) && mentionsValueIn(text, low, name, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// productsMeant: named or found in the text, else "this one" from earlier, else
// the named categories' products, else (nothing else said) the earlier product.
func (s *session) productsMeant(cats []string, charted bool) []*shop.Product {
	if ps := s.productsInText(cats, charted); len(ps) > 0 {
		return ps
	}
	if s.says(deictic) {
		if ps := s.historyProducts(cats); len(ps) > 0 {
			return ps
		}
	}
	if len(cats) > 0 {
		return bySex(s.categoryProducts(cats), s.lastLine())
	}
	if s.residue(s.text) == "" {
		return s.historyProducts(nil)
	}
	return nil
}

func mentionedCats(ms []mention) []string {
	var out []string
	for _, m := range ms {
		if !contains(out, m.cat) {
			out = append(out, m.cat)
		}
	}
	return out
}

// stopPhrases are the words of a question that name no product: intent words,
// pronouns, particles, measure words. What is left after removing them, the
// category words, attribute values and numbers, is what a product name may be in.
var stopPhrases = cues("stop_phrases")

var stopWords = set("stop_words")

// residue is what is left of text once the words that name no product are gone,
// as a search query ("" when nothing is left).
func (s *session) residue(text string) string {
	low := strings.ToLower(text)
	for _, cw := range s.words.catWords {
		low = strings.ReplaceAll(low, cw.word, " ")
	}
	for _, p := range stopPhrases.phrases {
		if r, size := utf8.DecodeRuneInString(p); size == len(p) {
			low = s.words.withoutStop(low, r) // not the "和" of "和牛"
			continue
		}
		low = strings.ReplaceAll(low, p, " ")
	}
	toks := scriptTokens(low)
	for i := 0; i+1 < len(toks); i++ {
		// "t恤": scriptTokens cut the letter off; the catalog says it belongs.
		if len(toks[i]) == 1 && s.words.letterWords[toks[i]+firstRune(toks[i+1])] && strings.Contains(low, toks[i]+toks[i+1]) {
			toks[i], toks[i+1] = "", toks[i]+toks[i+1]
		}
	}
	var keep []string
	for _, tok := range toks {
		if s.words.attrParts[tok] || stopWords[tok] || isNumber(tok) {
			continue
		}
		if isASCII(tok) && len(tok) < 2 {
			continue
		}
		if !isASCII(tok) && len([]rune(tok)) < 2 {
			continue
		}
		keep = append(keep, tok)
	}
	return strings.Join(keep, " ")
}

// scriptTokens splits text into runs of letters and digits, and also where Chinese
// meets Latin script: "羽绒服l码" → "羽绒服", "l", "码".
func scriptTokens(text string) []string {
	var out []string
	var cur []rune
	han := false
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Trim(string(cur), "'."))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '.') {
			flush()
			continue
		}
		if h := unicode.Is(unicode.Han, r); h != han && len(cur) > 0 {
			flush()
		}
		han = unicode.Is(unicode.Han, r)
		cur = append(cur, r)
	}
	flush()
	return out
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return s != ""
}

func capProducts(ps []*shop.Product) []*shop.Product {
	if len(ps) > maxProducts {
		return ps[:maxProducts]
	}
	return ps
}

func containsProduct(ps []*shop.Product, p *shop.Product) bool {
	for _, x := range ps {
		if x.ID == p.ID {
			return true
		}
	}
	return false
}

func containsSKU(ks []*shop.SKU, k *shop.SKU) bool {
	for _, x := range ks {
		if x.ID == k.ID {
			return true
		}
	}
	return false
}

func stockOf(p *shop.Product) int {
	n := 0
	for _, k := range p.SKUs {
		n += max(k.Stock, 0)
	}
	return n
}

// saysOwnWordOf: low has two Chinese characters of title that none of others has.
func saysOwnWordOf(low, title string, others []string) bool {
	for _, tok := range scriptTokens(low) {
		rs := []rune(tok)
		for i := 0; i+2 <= len(rs); i++ {
			if !unicode.Is(unicode.Han, rs[i]) || !unicode.Is(unicode.Han, rs[i+1]) {
				continue
			}
			bi := string(rs[i : i+2])
			if strings.Contains(title, bi) && !slices.ContainsFunc(others, func(o string) bool { return strings.Contains(o, bi) }) {
				return true
			}
		}
	}
	return false
}
