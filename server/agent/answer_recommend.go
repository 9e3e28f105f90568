package agent

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A recommendation ("3000以内的手机推荐哪款", "跑马拉松穿哪双", "a gift for a
// 2-year-old under $50"): the products of the category asked about (or, naming
// none, of the categories the search finds for the words), in stock, within the
// budget, those whose title, tags and description share most of the question's
// words first — each with today's price and the sentence that says why.

const maxRecommended = 3

// declinedPenalty puts a product the customer declined below any other.
const declinedPenalty = 100

// kindTitleScore weighs a title that is of the kind asked for like a title word.
const kindTitleScore = 3

var (
	recommendWords = cues("recommend")
	cheapestWords  = cues("cheapest")
	whichSuits     = anyOf(lang.Regexps("which_suits"))
	priciestWords  = cues("priciest")
	haveAnyWords   = cues("have_any")
	budgetMax      = lang.Regexps("budget_max")
	budgetAround   = lang.Regexps("budget_around")
)

// howToTell: see how_to_tell in the language data.
var howToTell = cues("how_to_tell")

// asksRecommendation: a question of what to buy, about no product by name.
// recommendExplicit: an explicit ask for a recommendation.
var recommendExplicit = cues("recommend_explicit")

func (s *session) asksRecommendation() bool {
	if s.says(sizeAsk) || s.says(deictic) && len(s.turn.History) > 0 {
		return false // pointed at ("这款适合新手吗"); with nothing before, "it" points at nothing
	}
	if s.aboutOneProduct() || s.says(howToTell) {
		return false // "怎么知道哪个<kind>适合我的<device>": how to tell, the FAQ's
	}
	if s.choosesAKind() {
		return true
	}
	_, _, budget := s.budget()
	// "有没有<kind>", "do you sell <kind>s?": whether there is such a product is
	// answered by the products of that kind.
	return s.says(recommendWords) || whichSuits.MatchString(s.lastLine()) || (budget && !s.says(priceWords)) || s.asksWhetherSold() ||
		(s.says(cheapestWords) || s.says(priciestWords)) && (s.kindNoun() != "" || len(s.words.categoryMentions(s.low)) > 0)
}

// aboutOneProduct: the turn asks about a product named (not for another kind of
// it), prices a cart, or asks the stock of one product's variant.
func (s *session) aboutOneProduct() bool {
	if named := s.namedProducts(s.text); len(named) > 0 && !s.asksForAnotherKind(named) {
		return true
	}
	return s.pricesACart() || s.stockOfOneVariant()
}

// stockOfOneVariant: "<brand> <kind> blue XL in stock?" asks the stock of the one
// product the words come to, in the variant named — not which products there are.
func (s *session) stockOfOneVariant() bool {
	if !s.asksStock() {
		return false
	}
	ps := s.productsAsked()
	return len(ps) == 1 && s.namesVariantIn(ps[0], s.text)
}

// recommendAsked: see recommend_asked in the language data.
var recommendAsked = cues("recommend_asked")

// asksForAnotherKind: an explicit "推荐", or a budget, for a kind none of the
// named products is ("大人零基础 想买把民谣吉他 推荐下": 零基础 is also a course's
// title word; "<audience>想买个<kind> 两百块左右": the audience word is another
// product's tag).
func (s *session) asksForAnotherKind(named []*shop.Product) bool {
	_, _, budget := s.budget()
	if !s.says(recommendAsked) && !budget || !s.kindAsked() {
		return false
	}
	kind := s.kindNoun()
	for _, p := range named {
		if strings.Contains(strings.ToLower(p.Title), strings.ToLower(kind)) {
			return false
		}
	}
	return true
}

// asksWhetherSold: "有没有<kind>", "do you sell <kind>s?" — not "<kind>有没有活动",
// which asks after its offers.
func (s *session) asksWhetherSold() bool {
	return (s.asksStock() || s.says(haveAnyWords) && !s.says(offerWords)) && s.kindAsked() && !s.kindSoldOut()
}

// kindSoldOut: every product titled the kind asked for is out of stock ("<feature><kind>
// 还有吗" of the one such product, sold out) — a stock question about them, not a
// list of the other things in stock.
func (s *session) kindSoldOut() bool {
	kind := s.kindNoun()
	of := s.words.kinds[kindKey(kind, unicode.Is(unicode.Han, []rune(kind)[0]))]
	return len(of) > 0 && !slices.ContainsFunc(of, func(p *shop.Product) bool { return stockOf(p) > 0 })
}

// choosesAKind: "穿哪件羽绒服", which of a kind, none named, is a choice to make.
func (s *session) choosesAKind() bool { return s.says(whichWords) && s.kindAsked() }

// pricesACart: "想买A 再加B 一共多少" is a cart to price, not a choice to make.
func (s *session) pricesACart() bool {
	return s.says(priceWords) && s.together() && !s.says(recommendExplicit)
}

// kindAsked: the turn names a kind of product and no variant of one ("<名称><规格>
// 有货吗" asks after that product's variant, not whether there is such a product).
func (s *session) kindAsked() bool {
	kind := s.kindNoun()
	if kind == "" {
		return false
	}
	return !namesValueOf(s.text, s.low, s.words.kinds[kindKey(kind, unicode.Is(unicode.Han, []rune(kind)[0]))]) &&
		s.valueSellerIn(s.lastLine()) == nil // "<c>那个<kind>还有吗": the one product sold in it
}

// budget is the price range the customer allows, in minor units.
func (s *session) budget() (lo, hi int64, ok bool) {
	scale := math.Pow10(minorDigits(s.snap.Catalog.Currency))
	amount := func(m []string) int64 {
		v, _ := strconv.ParseFloat(m[1], 64)
		switch m[2] {
		case "k", "千":
			v *= 1000
		case "w", "万":
			v *= 10000
		}
		return int64(math.Round(v * scale))
	}
	// "预算五千左右": Chinese amounts in digits, and a budget "around" before a
	// budget's word alone (预算 reads as a maximum).
	low := chineseAmounts(s.low)
	for _, re := range budgetAround {
		if m := re.FindStringSubmatch(low); m != nil {
			a := amount(m)
			return a * 3 / 4, a * 5 / 4, true
		}
	}
	for _, re := range budgetMax {
		if m := re.FindStringSubmatch(low); m != nil {
			return 0, amount(m), true
		}
	}
	return 0, 0, false
}

// cnAmount: an amount in Chinese numerals of hundreds, thousands or ten thousands,
// with the next place's digit after it ("三百", "五千", "一千五", "两万").
var cnAmount = regexp.MustCompile(`([一二两三四五六七八九])(百|千|万)([一二三四五六七八九])?`)

// cnPlaces are the places cnAmount reads.
var cnPlaces = map[string]int64{"百": 100, "千": 1000, "万": 10000}

// chineseAmounts writes text's Chinese amounts in digits ("五千左右" → "5000左右").
func chineseAmounts(text string) string {
	return cnAmount.ReplaceAllStringFunc(text, func(m string) string {
		sub := cnAmount.FindStringSubmatch(m)
		v := parseCount(sub[1]) * cnPlaces[sub[2]]
		if sub[3] != "" {
			v += parseCount(sub[3]) * cnPlaces[sub[2]] / 10
		}
		return strconv.FormatInt(v, 10)
	})
}

type pick struct {
	p      *shop.Product
	info   tool.ProductInfo
	lo, hi int64 // today's prices of the variants in stock (within the budget)
	final  int64 // what the customer pays for the cheapest one (quote_price), -1 unknown
	score  float64
	// unfit: the product states a range the customer's figure is outside of
	// ("ages 12+" for a 5 year old).
	unfit bool
}

// pays is what the budget is held against: the final price when quoted.
func (pk pick) pays() int64 {
	if pk.final >= 0 {
		return pk.final
	}
	return pk.lo
}

// budgetRange is the customer's budget, when they gave one.
type budgetRange struct {
	lo, hi int64
	set    bool
}

func (b budgetRange) admits(pk pick) bool {
	return !b.set || pk.pays() <= b.hi && (b.lo == 0 || pk.hi >= b.lo)
}

func (s *session) answerRecommend() section {
	var b budgetRange
	b.lo, b.hi, b.set = s.budget()
	fit, over := s.recommendPicks(s.recommendCandidates(), b)
	var out strings.Builder
	switch {
	case len(fit) > 0:
		sort.SliceStable(fit, func(i, j int) bool { return betterPick(fit[i], fit[j], b.set) })
		// "最便宜的跑鞋", "the most expensive phone": by what they pay, whatever else.
		switch {
		case s.says(cheapestWords):
			sort.SliceStable(fit, func(i, j int) bool { return fit[i].pays() < fit[j].pays() })
		case s.says(priciestWords):
			sort.SliceStable(fit, func(i, j int) bool { return fit[i].pays() > fit[j].pays() })
		}
		fit = withoutUnfitPicks(withoutDeclinedPicks(fit))
		out.WriteString(s.recommendIntro(b))
	case len(over) > 0:
		// Nothing within the budget: say so, and show the nearest.
		sort.SliceStable(over, func(i, j int) bool { return over[i].pays() < over[j].pays() })
		out.WriteString(s.t("agent.recommend.none", s.money(b.hi)))
		fit = over[:1]
	default:
		return section{}
	}
	for i, pk := range fit {
		if i == maxRecommended {
			break
		}
		line := s.t("agent.recommend.line", titleText(pk.info.Title, s.lang), s.priceRange(pk.lo, pk.hi))
		if pk.final >= 0 && pk.final != pk.lo {
			line = s.t("agent.recommend.line_final", titleText(pk.info.Title, s.lang), s.money(pk.final), s.priceRange(pk.lo, pk.hi))
		}
		if why := s.whySentence(pk); why != "" {
			line += " — " + why
		}
		out.WriteString("\n" + line)
	}
	out.WriteString("\n\n" + s.t("agent.recommend.next"))
	return section{text: out.String()}
}

// whySentence is the sentence of a pick's description that says why it fits: the
// one stating the customer's figure ("<型号>适用1000平方米" for "800平"), else the
// one sharing most of the question's words.
func (s *session) whySentence(pk pick) string {
	desc := localDescription(pk.info.Description, s.lang)
	for _, sent := range sentenceEnd.Split(desc, -1) {
		if sent = strings.TrimSpace(sent); sent != "" && figuresFit(s.toldFigures(), sent) {
			return sent
		}
	}
	if why := s.factSentences(pk.info.Title, desc); len(why) > 0 {
		return why[0]
	}
	return ""
}

// recommendIntro is the line before the picks: the budget, the order by price, a
// yes to "有没有…", or the plain introduction.
func (s *session) recommendIntro(b budgetRange) string {
	switch {
	case b.set:
		return s.t("agent.recommend.budget", s.money(b.hi))
	case s.says(cheapestWords):
		return s.t("agent.recommend.cheapest")
	case s.says(priciestWords):
		return s.t("agent.recommend.priciest")
	case !s.says(recommendWords) && (s.says(haveAnyWords) || s.asksStock()):
		return s.t("agent.recommend.have") // "有没有…": yes, these
	}
	return s.t("agent.recommend.intro")
}

// betterPick: more of the question's words first; then, with a budget, the most
// it buys, else the best stocked.
func betterPick(a, b pick, budget bool) bool {
	switch {
	case a.score != b.score:
		return a.score > b.score
	case budget:
		return a.pays() > b.pays()
	}
	return stockOf(a.p) > stockOf(b.p)
}

// recommendPicks prices the candidates in stock (get_product) and splits them into
// those the budget admits and those it does not.
func (s *session) recommendPicks(cands []*shop.Product, b budgetRange) (fit, over []pick) {
	terms := s.questionTerms("")
	terms.glossed = append(terms.glossed, conceptWordsOf(s.low)...)
	figuresText := s.recentCustomerText() // "孩子5岁了" said before "哪个奶粉合适"
	for _, p := range cands {
		var info tool.ProductInfo
		if stockOf(p) <= 0 || s.call(tool.GetProduct, map[string]string{"product_id": p.ID}, &info) != nil {
			continue
		}
		pk := pick{p: p, info: info, lo: -1, final: -1}
		cheapest := ""
		for _, k := range info.SKUs {
			if k.Stock > 0 && (pk.lo < 0 || k.PriceNow < pk.lo) {
				pk.lo, cheapest = k.PriceNow, k.ID
			}
			if !b.set || k.PriceNow <= b.hi {
				pk.hi = max(pk.hi, k.PriceNow) // the variants the budget buys
			}
		}
		pk.hi = max(pk.hi, pk.lo)
		if b.set {
			// A budget is what the customer pays: every promotion, coupon and tier.
			var q struct {
				Total int64 `json:"total"`
			}
			items := []map[string]any{{"sku_id": cheapest, "qty": 1}}
			if s.call(tool.QuotePrice, map[string]any{"items": items}, &q) == nil {
				pk.final = q.Total
			}
		}
		pk.score = s.pickScore(terms, figuresText, p, info)
		_, pk.unfit = rangeVerdict(figuresText, strings.ToLower(info.Title+" "+info.Description))
		if b.admits(pk) {
			fit = append(fit, pk)
		} else {
			over = append(over, pk)
		}
	}
	return fit, over
}

// pickScore: the question's words in the title weigh most, then in the tags, then
// in the description ("硬床垫": a word of the description may be a neighbour's,
// "fits a 30 cm mattress"); a figure the customer told ("孩子5岁", "零下30度")
// within a range or equal to a figure the product states, and a Chinese title of
// the kind an English word glosses ("<…>锁" for "a lock"), weigh as a few words.
func (s *session) pickScore(terms questionTerms, figuresText string, p *shop.Product, info tool.ProductInfo) float64 {
	score := 3*terms.score(strings.ToLower(info.Title)) + 2*terms.score(strings.ToLower(strings.Join(info.Tags, " "))) +
		terms.score(strings.ToLower(info.Description))
	// "nothing <flavour>": a product that is what the customer declines goes last.
	not, han := s.declines()
	for _, w := range not {
		if containsWord(strings.ToLower(info.Title+" "+strings.Join(info.Tags, " ")), w) {
			score -= declinedPenalty
		}
	}
	// "不想太<A>太<B>": one tagged so ("<A><…>"; not "不<A>"). Its description is
	// no guide: a single character is in too many of its words (its kind's name,
	// the words of its figures).
	for _, w := range han {
		if slices.ContainsFunc(info.Tags, func(tag string) bool { return saysUnnegated(tag, w) }) {
			score -= declinedPenalty
		}
	}
	desc := info.Title + " " + info.Description
	switch in, out := rangeVerdict(figuresText, strings.ToLower(desc)); {
	case in || figuresFit(s.toldFigures(), desc):
		score += rangeFitScore
	case out:
		score -= rangeFitScore // "for my 5 year old" and "ages 12+": not for them
	}
	if kind := s.glossKind(); kind != "" && titleKind(p.Title, kind, true) {
		score += kindTitleScore
	}
	return score
}

// recommendCandidates: every product of the categories the question names, or of
// those the search finds for its words.
func (s *session) recommendCandidates() []*shop.Product {
	cats := mentionedCats(s.words.categoryMentions(s.low))
	catsNamed := len(cats) > 0
	if !catsNamed {
		// The categories of every product the question's words match on its subject,
		// not only of the best: "a hard mattress" also matches a sheet that fits one,
		// and the scoring (title words first) then puts the mattresses ahead.
		if q := s.residue(s.text); q != "" {
			for _, h := range s.confidenceHits(s.glossedQuery(q)) {
				if p := s.snap.Product(h.ID); h.Kind == knowledge.KindProduct && h.OnSubject && p != nil && !contains(cats, p.Category) {
					cats = append(cats, p.Category)
				}
			}
		}
	}
	var out []*shop.Product
	for _, c := range cats {
		out = append(out, s.words.byCat[c]...)
	}
	if kind := s.kindNoun(); kind != "" {
		// "<kind>选哪个": the products that are what the customer named, whatever else
		// the search found for the rest of their words.
		han := unicode.Is(unicode.Han, []rune(kind)[0])
		switch {
		case len(cats) == 0:
			out = s.words.ofKind(kind, han)
		case !slices.ContainsFunc(out, func(p *shop.Product) bool { return titleKind(p.Title, kind, han) }):
			// The categories — the search's for the other words ("<audience>零基础"
			// found the shoes of a tag), or one a word names ("<feature>" of a
			// one-product category's tag) — hold nothing titled the kind named.
			out = s.words.ofKind(kind, han)
		default:
			out = withKindNoun(out, kind)
		}
	} else if kind := s.glossKind(); kind != "" {
		// An English question to a shop of Chinese titles ("a lock for my bike"):
		// the products whose title is of the kind its word glosses, beside those
		// the search found (a synonym's: "a jacket" and 冲锋衣).
		for _, p := range s.words.kinds[kind] {
			if !containsProduct(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// kindNoun is the word of the question that names what kind of product it is
// after: the longest that ends a product's title word ("<kind>" of "<材质><kind>", "bag"
// of "<Adjective> <kind>") — where a title says what the product is.
func (s *session) kindNoun() string {
	if s.kind == nil {
		k := s.findKindNoun()
		s.kind = &k
	}
	return *s.kind
}

func (s *session) findKindNoun() string {
	if w := s.findKindWord(); w != "" {
		return w
	}
	return s.colloquialKind()
}

// glossKind is kindByGloss once per session, for an English question that names
// no kind nor category in the shop's own words.
func (s *session) glossKind() string {
	if s.gkind == nil {
		k := ""
		if s.lang == i18n.EN && s.kindNoun() == "" && len(s.words.categoryMentions(s.low)) == 0 {
			k = s.kindByGloss()
		}
		s.gkind = &k
	}
	return *s.gkind
}

// kindByGloss: an English question's first word whose Chinese (the glossary's)
// ends titles of the shop — "lock" for a shop of 链锁 and U型锁.
func (s *session) kindByGloss() string {
	for _, tok := range latinWordsOf(s.low) {
		if stopWords[tok] {
			continue
		}
		for _, zh := range lang.Chinese(tok) {
			if len(s.words.kinds[kindKey(zh, true)]) > 0 {
				return zh
			}
		}
	}
	return ""
}

func (s *session) findKindWord() string {
	best := ""
	// The message itself, not its residue: a category's word may be the kind ("<kind>s").
	for _, tok := range scriptTokens(s.low) {
		if stopWords[tok] || strings.ContainsAny(tok, "0123456789") {
			continue // a measure or a model (<n>kg, a letter and digits) is no kind of product
		}
		rs := []rune(tok)
		han := len(rs) > 0 && unicode.Is(unicode.Han, rs[0])
		for i := range rs {
			for j := len(rs); j > i; j-- {
				w := string(rs[i:j])
				if len(w) <= len(best) || han && (j-i < 2 || j-i > maxKindRunes) || !han && (i > 0 || j < len(rs) || len(w) < 3) {
					continue
				}
				if len(s.words.kinds[kindKey(w, han)]) > 0 {
					best = w
				}
			}
		}
	}
	return best
}

// colloquialKind: a one-rune kind said the spoken way, with 子 after it ("竿子"
// for titles ending 竿, "杯子" for 杯): the rune, when titles end in it.
func (s *session) colloquialKind() string {
	for _, n := range spokenNouns(s.low) {
		if len(s.words.kinds[n]) > 0 {
			return n
		}
	}
	return ""
}

// spokenNouns are the one-rune nouns low says the spoken way ("竿" of "竿子"), in
// order.
func spokenNouns(low string) []string {
	var out []string
	for _, suf := range colloquialSuffixes.phrases {
		for i := 0; ; {
			j := strings.Index(low[i:], suf)
			if j < 0 {
				break
			}
			j += i
			if r, size := utf8.DecodeLastRuneInString(low[:j]); size > 0 && unicode.Is(unicode.Han, r) {
				out = append(out, string(r))
			}
			i = j + len(suf)
		}
	}
	return out
}

// colloquialSuffixes: see noun_suffix in the language data.
var colloquialSuffixes = cues("noun_suffix")

// titleKind: a word of the title ends in w (Chinese), or its Latin half ends in
// the word w, plural or not.
func titleKind(title, w string, han bool) bool {
	for _, tok := range scriptTokens(strings.ToLower(title)) {
		if han && strings.HasSuffix(tok, w) {
			return true
		}
	}
	if han {
		return false
	}
	words := latinWordsOf(strings.ToLower(localText(title, i18n.EN)))
	return len(words) > 0 && stem(words[len(words)-1]) == stem(w)
}

// hasScript: title has Chinese (han) or Latin letters.
func hasScript(title string, han bool) bool {
	return strings.ContainsFunc(title, func(r rune) bool {
		if han {
			return unicode.Is(unicode.Han, r)
		}
		return r < 0x80 && unicode.IsLetter(r)
	})
}

// withKindNoun keeps the products whose title names them as kind, all of them when
// none does.
func withKindNoun(ps []*shop.Product, kind string) []*shop.Product {
	han := unicode.Is(unicode.Han, []rune(kind)[0])
	var out []*shop.Product
	for _, p := range ps {
		// A title with no word in the kind's script cannot say it is not one
		// ("<Brand> <Adjective> <kind>" for a Chinese kind word).
		if titleKind(p.Title, kind, han) || !hasScript(p.Title, han) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return ps
	}
	return out
}

// conceptWordsOf are the other words of the concepts low speaks of that are no
// shop matter ("上班用": 办公室, 通勤): a product tagged "办公室" is what a customer
// who wears it to work asks for.
func conceptWordsOf(low string) []string {
	var out []string
	for _, c := range knowledge.Concepts(low) {
		if knowledge.ShopMatter(c) {
			continue
		}
		for _, w := range knowledge.ConceptPhrases(c) {
			if !strings.Contains(low, w) && !contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// withoutUnfitPicks: the picks whose stated range holds the customer's figure or
// states none, when there is one — not a game for ages 12+ beside one for 4+.
func withoutUnfitPicks(fit []pick) []pick {
	rest := slices.DeleteFunc(slices.Clone(fit), func(pk pick) bool { return pk.unfit })
	if len(rest) == 0 {
		return fit
	}
	return rest
}

// withoutDeclinedPicks drops, of sorted picks, those the customer declined, when
// any other is left: "不想太甜" offers no sweet one to fill the list.
func withoutDeclinedPicks(fit []pick) []pick {
	if !slices.ContainsFunc(fit, func(pk pick) bool { return pk.score > -declinedPenalty/2 }) {
		return fit
	}
	return slices.DeleteFunc(fit, func(pk pick) bool { return pk.score <= -declinedPenalty/2 })
}

// declines are the Latin and Chinese words the turn declines, read once.
func (s *session) declines() (latin, han []string) {
	if s.declined == nil {
		_, latin := declinedWordsIn(s.text)
		s.declined = &[2][]string{latin, declinedHanWords(s.text)}
	}
	return s.declined[0], s.declined[1]
}
