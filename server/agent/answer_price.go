package agent

import (
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Price questions ("这双39码白色的到手价多少", "how much are two pairs of these
// runners with coupon C50"): find the skus, quote them with quote_price and explain
// every step with the promotion's own title.

const maxQuotes = 3

func (s *session) answerPrice() section {
	qty := quantity(withoutVariantCounts(s.text, s.productsAsked()), s.words.namePart, s.words.packPart)
	coupon := s.couponNamed()
	var carts [][]commerce.CartLine
	if cart := s.segmentCart(); len(cart) > 1 {
		carts = [][]commerce.CartLine{cart}
	} else if skus := s.namedSKUs(s.text); len(skus) > 0 {
		carts = s.cartsOf(skus, qty)
	} else {
		products := s.productsAsked()
		if len(products) == 0 {
			return section{text: s.t("agent.price.ask"), clarify: true}
		}
		if carts = s.oneProductsCart(products, qty); carts == nil {
			carts = s.productsCarts(products, qty)
		}
	}
	return section{text: s.t("agent.price.intro") + "\n\n" + strings.Join(s.quoteBlocks(carts, coupon), "\n\n")}
}

// oneProductsCart: the cart of one product's variants asked together — every
// variant ("四个颜色各来一个"), each named with its own count ("黑色两瓶，青色品红各一
// 瓶"), or the values the count bought names ("two pairs, a 40 and a 39"); nil
// when the turn asks none of these.
func (s *session) oneProductsCart(products []*shop.Product, qty int64) [][]commerce.CartLine {
	if len(products) != 1 {
		return nil
	}
	p := products[0]
	together := s.together()
	if !together && !s.countsTheValues(p, qty) {
		return nil
	}
	if all, n := s.everyVariantAsked(p); len(all) > 1 {
		return [][]commerce.CartLine{linesOf(all, n)}
	}
	each := s.eachNamedSKU(p)
	if len(each) == 0 && s.says(countEach) {
		each = s.allNamedSKUs(p) // "黑青品黄各一瓶": every variant, each named
	}
	if len(each) < 2 {
		return nil
	}
	if cart, ok := s.countsPerValue(p, each); ok {
		return [][]commerce.CartLine{cart}
	}
	if qty == int64(len(each)) && !s.says(countEach) {
		qty = 1 // "2 sets, one 100 and one 110": the count is of them all
	}
	if !together {
		return [][]commerce.CartLine{linesOf(each, qty)}
	}
	return s.cartsOf(each, qty) // "36和38各一双": one of each size named
}

// productsCarts: the variants picked of each product asked, one of each in a cart
// when they are bought together, else a quote of each.
func (s *session) productsCarts(products []*shop.Product, qty int64) [][]commerce.CartLine {
	var skus []*shop.SKU
	together := len(products) > 1 && s.together()
	for _, p := range products {
		picked := s.pickSKUs(p)
		if together && len(picked) > 0 {
			picked = picked[:1] // one of each product in the cart
		}
		skus = append(skus, picked...)
	}
	return s.cartsOf(skus, qty)
}

// skuNamedIn: text names a value of the sku.
func skuNamedIn(k *shop.SKU, text, low string) bool {
	for name, v := range k.Attributes.All() {
		if mentionsValueIn(text, low, name, v) {
			return true
		}
	}
	return false
}

// countEach: a count said of each value named ("各两双"), not of them all.
var countEach = cues("count_each")

// noCoupon: the customer wants the price without any coupon.
var noCoupon = cues("no_coupon")

// noCouponCode is asked for when the customer wants no coupon: a code nobody
// holds (checked), so the quote takes none.
const noCouponCode = "-"

func (s *session) holdsCoupon(code string) bool {
	for _, c := range s.snap.Customer(s.turn.Customer.Username).Coupons {
		if strings.EqualFold(c.Code, code) {
			return true
		}
	}
	return false
}

// namesVariantIn: text names an attribute value of one of p's variants.
func (s *session) namesVariantIn(p *shop.Product, text string) bool {
	low := strings.ToLower(text)
	for i := range p.SKUs {
		if skuNamedIn(&p.SKUs[i], text, low) {
			return true
		}
	}
	return false
}

// cartsOf: skus asked about together make one cart; otherwise each is its own quote
// (alternatives), each of qty units.
func (s *session) cartsOf(skus []*shop.SKU, qty int64) [][]commerce.CartLine {
	if len(skus) > 1 && s.together() {
		return [][]commerce.CartLine{linesOf(skus, qty)}
	}
	var carts [][]commerce.CartLine
	for _, k := range skus {
		if len(carts) == maxQuotes {
			break
		}
		carts = append(carts, []commerce.CartLine{{SKUID: k.ID, Qty: qty * s.piecesPerCount(k.ID)}})
	}
	return carts
}

var (
	// pairCount: see pair_count in the language data ("一对", "a pair of").
	pairCount = anyOf(lang.Regexps("pair_count"))
	// pairAsTwo: see pair_as_two in the language data ("一对请拍2件").
	pairAsTwo = anyOf(lang.Regexps("pair_as_two"))
)

// piecesPerCount: 2 when the last line counts in pairs a product its description
// says is sold by the piece, a pair being two ("买一对呢" of "按单只出售（一对请拍2件）");
// otherwise 1.
func (s *session) piecesPerCount(skuID string) int64 {
	if !pairCount.MatchString(strings.ToLower(s.lastLine())) {
		return 1
	}
	if _, p := s.snap.SKU(skuID); p != nil && pairAsTwo.MatchString(p.Description) {
		return 2
	}
	return 1
}

// pickSKUs chooses the skus of p the customer means: those matching most of the
// attributes they wrote (or the size just recommended); among them one per distinct
// price, in stock first, so "how much is the Z3" shows each storage size's price.
func (s *session) pickSKUs(p *shop.Product) []*shop.SKU { return s.pickSKUsIn(p, s.text) }

// pickSKUsIn: pickSKUs with the attributes read in text (one part of a cart).
func (s *session) pickSKUsIn(p *shop.Product, text string) []*shop.SKU {
	low := strings.ToLower(text)
	wantSize := s.sizes[p.ID]
	best, fewest, cands := -1, 0, []*shop.SKU(nil)
	for i := range p.SKUs {
		k := &p.SKUs[i]
		score, unsaid := skuScore(k, text, low, wantSize)
		switch {
		case score > best || score == best && unsaid < fewest:
			best, fewest, cands = score, unsaid, []*shop.SKU{k}
		case score == best && unsaid == fewest:
			cands = append(cands, k)
		}
	}
	cands = s.byExtreme(cands, text)
	var out []*shop.SKU
	var prices []shop.Money
	for _, inStock := range []bool{true, false} {
		for _, k := range cands {
			if (k.Stock > 0) == inStock && !containsMoney(prices, k.Price) && len(out) < maxQuotes {
				prices = append(prices, k.Price)
				out = append(out, k)
			}
		}
	}
	return out
}

// skuScore: how many words of k's values text names (the size recommended counts
// two), and how many words of the values it names it leaves unsaid — "<cut B>" names
// the value <cut B> more than <cut A>+<cut B>.
func skuScore(k *shop.SKU, text, low, wantSize string) (score, unsaid int) {
	for name, v := range k.Attributes.All() {
		if name == "size" && wantSize != "" {
			if strings.EqualFold(v, wantSize) {
				score += 2
			}
			continue
		}
		n := valueScore(text, low, name, v)
		score += n
		if n > 0 {
			unsaid += max(0, len(valueParts(v))-n)
			if !slices.ContainsFunc(valueParts(v), func(part string) bool { return partIn(low, name, part) }) && contractedIn(low, v) {
				unsaid++ // its middle words left out
			}
		}
	}
	return score, unsaid
}

// quoteText quotes one cart and explains it: each line's list price, each step with
// the promotion's title, notes, the total, and a live offer the cart did not use.
// quoteBlocks are the carts' quotes; of two, with the difference asked ("防水版比
// 纸质版贵多少", "差多少钱"), the difference of their final prices after them.
func (s *session) quoteBlocks(carts [][]commerce.CartLine, coupon string) []string {
	var blocks []string
	var totals []int64
	for _, cart := range carts {
		text, total := s.quoteText(cart, coupon)
		blocks, totals = append(blocks, text), append(totals, total)
	}
	if len(totals) == 2 && totals[0] >= 0 && totals[1] >= 0 && s.says(differenceWords) {
		blocks = append(blocks, s.t("agent.price.difference", s.money(abs64(totals[0]-totals[1]))))
	}
	return blocks
}

// differenceWords: see price_difference in the language data.
var differenceWords = cues("price_difference")

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// quoteText is a cart's quote as the customer reads it, and its total (-1 when the
// quote failed).
func (s *session) quoteText(cart []commerce.CartLine, coupon string) (string, int64) {
	args := map[string]any{"items": cart}
	if coupon != "" {
		args["coupon"] = coupon
		s.private = true // the quote's note may tell what became of a coupon they hold
	} else if s.says(noCoupon) && !s.holdsCoupon(noCouponCode) {
		// SPEC §4: a requested code the customer does not hold means no coupon;
		// the note saying so is left out below, since they asked for none.
		args["coupon"] = noCouponCode
	}
	var q commerce.Quote
	if e := s.call(tool.QuotePrice, args, &q); e != nil {
		return s.errText(e), -1
	}
	var b strings.Builder
	var list shop.Money
	for _, l := range q.Lines {
		k, _ := s.snap.SKU(l.SKUID)
		var attrs shop.Attrs
		if k != nil {
			attrs = k.Attributes
		}
		b.WriteString(s.t("agent.price.line", itemName(l.Title, attrs, s.lang), l.Qty, s.money(l.List)) + "\n")
		list += l.List
	}
	if len(q.Lines) > 1 {
		b.WriteString(s.t("agent.price.list", s.money(list)) + "\n")
	}
	var steps []string
	for _, st := range q.Steps {
		title := localText(st.Title, s.lang)
		if st.Kind == commerce.KindCoupon {
			title = s.t("agent.price.coupon", st.ID)
		}
		steps = append(steps, s.t("agent.price.step", title, s.money(st.Off)))
	}
	if len(steps) > 0 {
		b.WriteString(bullet(steps) + "\n")
	} else {
		b.WriteString(s.t("agent.price.no_promo") + "\n")
	}
	b.WriteString(s.t("agent.price.total", s.money(q.Total)))
	for _, n := range q.Notes {
		if args["coupon"] == noCouponCode && n == commerce.CouponNotHeldNote(noCouponCode).In(s.lang) {
			continue
		}
		b.WriteString("\n" + s.t("agent.price.note", n))
	}
	for _, line := range s.eligibilityNotes(q) {
		b.WriteString("\n" + line)
	}
	if hint := s.unusedOffer(q); hint != "" {
		b.WriteString("\n" + hint)
	}
	return b.String(), q.Total
}

// reachedThreshold: the cart, after its item discounts, already reaches the
// threshold of spend-and-save offer id — it did not apply because a better one
// did (one per cart), and adding to the cart would not bring it in.
func (s *session) reachedThreshold(q commerce.Quote, id string) bool {
	var threshold shop.Money
	for i := range s.snap.Catalog.Promotions {
		if p := &s.snap.Catalog.Promotions[i]; p.ID == id {
			threshold = p.Threshold
		}
	}
	var sum shop.Money
	for _, l := range q.Lines {
		sum += l.List
	}
	for _, st := range q.Steps {
		if st.Kind == shop.PromoItemDiscount {
			sum -= st.Off
		}
	}
	return threshold > 0 && sum >= threshold
}

// unusedOffer mentions a live spend-and-save offer covering the cart that did not
// apply (the cart is below its threshold): the customer may want to add to it.
func (s *session) unusedOffer(q commerce.Quote) string {
	applied := map[string]bool{}
	for _, st := range q.Steps {
		applied[st.ID] = true
	}
	for _, l := range q.Lines {
		_, p := s.snap.SKU(l.SKUID)
		if p == nil {
			continue
		}
		var info tool.ProductInfo
		if e := s.call(tool.GetProduct, map[string]string{"product_id": p.ID}, &info); e != nil {
			continue
		}
		for _, pr := range info.Promotions {
			if pr.Type == shop.PromoSpendSave && !applied[pr.ID] && !s.reachedThreshold(q, pr.ID) {
				return s.t("agent.price.hint", localText(pr.Title, s.lang))
			}
		}
	}
	return ""
}

func containsMoney(list []shop.Money, m shop.Money) bool {
	for _, x := range list {
		if x == m {
			return true
		}
	}
	return false
}

// eligibilityNotes: asked about the member discount or the subsidy, the quote says
// outright which of its products take none (the steps alone only show what applied).
func (s *session) eligibilityNotes(q commerce.Quote) []string {
	var out []string
	for _, l := range q.Lines {
		_, p := s.snap.SKU(l.SKUID)
		if p == nil {
			continue
		}
		name := titleText(p.Title, s.lang)
		if s.saysMembership() && !p.MembershipEligible {
			out = append(out, s.t("agent.price.no_member", name))
		}
		if s.says(subsidyWords) && !p.SubsidyEligible {
			out = append(out, s.t("agent.price.no_subsidy", name))
		}
	}
	return out
}

// extremes: "长的那个", "the big one" — of the variants left, the one whose value
// states the most (or least) of a measure: length for long and short, any one
// measure they all state for big and small.
var extremes = []struct {
	words    cueList
	families []string // nil: the first family every variant states
	most     bool
}{
	{cues("pick_longest"), []string{"length"}, true},
	{cues("pick_shortest"), []string{"length"}, false},
	{cues("pick_biggest"), nil, true},
	{cues("pick_smallest"), nil, false},
}

// byExtreme keeps, of several variants, the one the turn's last line picks by a
// measure's extreme; all of them when it picks none or they do not all state it.
func (s *session) byExtreme(cands []*shop.SKU, text string) []*shop.SKU {
	if len(cands) < 2 {
		return cands
	}
	last := strings.ToLower(text[strings.LastIndex(text, "\n")+1:])
	for _, e := range extremes {
		if !e.words.in(last) {
			continue
		}
		figs := make([][]figure, len(cands))
		for i, k := range cands {
			var vals []string
			for _, a := range k.Attributes {
				if !slices.Contains(vals, a.Value) { // "size: 200g" beside "weight: 200g" is one figure
					vals = append(vals, a.Value)
				}
			}
			figs[i] = measuresIn(strings.Join(vals, " "))
		}
		fams := e.families
		if fams == nil {
			for _, f := range measureFamilies {
				fams = append(fams, f.id)
			}
		}
		for _, fam := range fams {
			if k := extremeSKU(cands, figs, fam, e.most); k != nil {
				return []*shop.SKU{k}
			}
		}
	}
	return cands
}

// extremeSKU is the variant with the most (least) of fam, when every variant
// states exactly one figure of it and one is alone at the extreme.
func extremeSKU(cands []*shop.SKU, figs [][]figure, fam string, most bool) *shop.SKU {
	best, bestV, tie := -1, 0.0, false
	for i := range cands {
		of := ofFamily(figs[i], fam)
		if len(of) != 1 {
			return nil
		}
		v := of[0].value
		switch {
		case best < 0 || most && v > bestV || !most && v < bestV:
			best, bestV, tie = i, v, false
		case v == bestV:
			tie = true
		}
	}
	if best < 0 || tie {
		return nil
	}
	return cands[best]
}

// withoutVariantCounts is text with its counts that are a variant's value of ps
// blanked: "<name><n><unit>" asks for one of the variant sold as <n><unit>, not
// <n> of it (a bouquet of so many stems, a puzzle of so many pieces). Other counts
// stay ("拿3<unit2><n><unit>的").
func withoutVariantCounts(text string, ps []*shop.Product) string {
	ms := qtyZh.FindAllStringSubmatchIndex(text, -1)
	if len(ms) == 0 || len(ps) == 0 {
		return text
	}
	values := map[string]bool{}
	for _, p := range ps {
		for _, k := range p.SKUs {
			for _, a := range k.Attributes {
				values[numeralsAsDigits(strings.TrimSpace(a.Value))] = true
			}
		}
	}
	b := []byte(text)
	for _, m := range ms {
		count, num := numeralsAsDigits(text[m[0]:m[1]]), numeralsAsDigits(text[m[2]:m[3]])
		if values[count] || values[num] && len(num) > 1 {
			for i := m[0]; i < m[1]; i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}
