package agent

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// Price questions ("这双39码白色的到手价多少", "how much are two pairs of these
// runners with coupon C50"): find the skus, quote them with quote_price and explain
// every step with the promotion's own title.

const maxQuotes = 3

func (s *session) answerPrice() section {
	qty := quantity(s.text, s.words.namePart)
	coupon := couponCode(s.text, s.snap.Customer(s.turn.Customer.Username).Coupons)
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
		var skus []*shop.SKU
		together := len(products) > 1 && s.says(togetherWords)
		for _, p := range products {
			picked := s.pickSKUs(p)
			switch {
			case len(products) == 1 && s.says(togetherWords):
				if each := s.eachNamedSKU(p); len(each) > 1 {
					picked = each // "36和38各一双": one of each size named
				}
			case together && len(picked) > 0:
				picked = picked[:1] // one of each product in the cart
			}
			skus = append(skus, picked...)
		}
		carts = s.cartsOf(skus, qty)
	}
	var blocks []string
	for _, cart := range carts {
		blocks = append(blocks, s.quoteText(cart, coupon))
	}
	return section{text: s.t("agent.price.intro") + "\n\n" + strings.Join(blocks, "\n\n")}
}

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

// plusCount: "加" before a count ("加一个", "加两件"), which starts another item.
var plusCount = regexp.MustCompile(`加((?:\d{1,3}|[一两二三四五六七八九十])\s*(?:个|件|台|双|条|瓶|盒|套|只|包|支|罐|袋|箱|份|把|顶|张|本|提))`)

// cartSep splits a cart told in one breath into its items.
var cartSep = lang.Regexp("cart_sep")

// segmentCart reads a cart of several products asked about together, each item
// with its own variant and quantity ("速干T恤黑色M码买2件 再加一条瑜伽裤S 一共多少钱"):
// every part of the message that names a product gives that product's sku, chosen
// by the attributes written in that part, and that part's quantity.
func (s *session) segmentCart() []commerce.CartLine {
	if !s.says(togetherWords) {
		return nil
	}
	var cart []commerce.CartLine
	var seen []*shop.Product
	// "A加一个B", "A加两件B": the count after 加 starts the next item, and stays its quantity.
	text := plusCount.ReplaceAllString(s.text, "，$1")
	for _, seg := range cartSep.Split(text, -1) {
		ps := s.namedProducts(seg)
		if len(ps) == 0 {
			ps = s.searchProducts(seg, nil, false)
		}
		if len(ps) == 0 && len(cart) > 0 {
			// "2 of those", "这个要两件": a quantity for the item before it.
			if q := quantity(seg, s.words.namePart); q > 1 {
				cart[len(cart)-1].Qty = q
			}
			continue
		}
		if len(ps) == 0 || containsProduct(seen, ps[0]) {
			continue
		}
		p := ps[0]
		seen = append(seen, p)
		// A value said once for all ("A和B都要大的") is each item's, unless its own
		// part names one.
		picked := s.pickSKUsIn(p, seg)
		if !s.namesVariantIn(p, seg) {
			picked = s.pickSKUsIn(p, s.text)
		}
		if len(picked) > 0 {
			cart = append(cart, commerce.CartLine{SKUID: picked[0].ID, Qty: quantity(seg, s.words.namePart)})
		}
	}
	return cart
}

// namesVariantIn: text names an attribute value of one of p's variants.
func (s *session) namesVariantIn(p *shop.Product, text string) bool {
	low := strings.ToLower(text)
	for i := range p.SKUs {
		for name, v := range p.SKUs[i].Attributes.All() {
			if mentionsValueIn(text, low, name, v) {
				return true
			}
		}
	}
	return false
}

// cartsOf: skus asked about together make one cart; otherwise each is its own quote
// (alternatives), each of qty units.
func (s *session) cartsOf(skus []*shop.SKU, qty int64) [][]commerce.CartLine {
	if len(skus) > 1 && s.says(togetherWords) {
		cart := make([]commerce.CartLine, 0, len(skus))
		for _, k := range skus {
			cart = append(cart, commerce.CartLine{SKUID: k.ID, Qty: qty})
		}
		return [][]commerce.CartLine{cart}
	}
	var carts [][]commerce.CartLine
	for _, k := range skus {
		if len(carts) == maxQuotes {
			break
		}
		carts = append(carts, []commerce.CartLine{{SKUID: k.ID, Qty: qty}})
	}
	return carts
}

// pickSKUs chooses the skus of p the customer means: those matching most of the
// attributes they wrote (or the size just recommended); among them one per distinct
// price, in stock first, so "how much is the Z3" shows each storage size's price.
func (s *session) pickSKUs(p *shop.Product) []*shop.SKU { return s.pickSKUsIn(p, s.text) }

// pickSKUsIn: pickSKUs with the attributes read in text (one part of a cart).
func (s *session) pickSKUsIn(p *shop.Product, text string) []*shop.SKU {
	low := strings.ToLower(text)
	wantSize := s.sizes[p.ID]
	best, cands := -1, []*shop.SKU(nil)
	for i := range p.SKUs {
		k := &p.SKUs[i]
		score := 0
		for name, v := range k.Attributes.All() {
			if name == "size" && wantSize != "" {
				if strings.EqualFold(v, wantSize) {
					score += 2
				}
				continue
			}
			score += valueScore(text, low, name, v)
		}
		switch {
		case score > best:
			best, cands = score, []*shop.SKU{k}
		case score == best:
			cands = append(cands, k)
		}
	}
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

// eachNamedSKU: the customer names several values of one attribute of p ("36和38",
// "black and white"): the sku of each, with the other values they name; nil
// unless there are two or more.
func (s *session) eachNamedSKU(p *shop.Product) []*shop.SKU {
	var out []*shop.SKU
	for i := range p.SKUs {
		k := &p.SKUs[i]
		all := true
		for name, v := range k.Attributes.All() {
			if s.valuesNamedOf(p, name) > 0 && !mentionsValueIn(s.text, s.low, name, v) {
				all = false
				break
			}
		}
		if all && len(out) < maxQuotes {
			out = append(out, k)
		}
	}
	if len(out) < 2 || len(out) == len(p.SKUs) {
		return nil
	}
	return out
}

// valuesNamedOf counts the values of attribute name of p that the turn names.
func (s *session) valuesNamedOf(p *shop.Product, name string) int {
	var seen []string
	for i := range p.SKUs {
		if v := p.SKUs[i].Attributes.Get(name); v != "" && !contains(seen, v) && mentionsValueIn(s.text, s.low, name, v) {
			seen = append(seen, v)
		}
	}
	return len(seen)
}

// mentionsValueIn: the customer wrote this attribute value ("白色", "white", "39码",
// "256GB", "size M"); low is text lower-cased.
func mentionsValueIn(text, low, name, v string) bool {
	if name == "size" {
		return mentionsSize(text, v) || measuredSize(low, v) || dimsIn(low, v)
	}
	for _, part := range valueParts(v) {
		if partIn(low, name, part) {
			return true
		}
	}
	return false
}

// valueScore: how many words of the attribute value the customer wrote ("with the
// ISOFIX base" names "seat + ISOFIX base" more than "seat only"); a size counts one.
func valueScore(text, low, name, v string) int {
	if name == "size" {
		if mentionsSize(text, v) || measuredSize(low, v) || dimsIn(low, v) {
			return 1
		}
		return 0
	}
	n := 0
	for _, part := range valueParts(v) {
		if partIn(low, name, part) {
			n++
		}
	}
	return n
}

// partIn: low names one word of an attribute value.
func partIn(low, name, part string) bool {
	if isASCII(part) {
		return containsWord(low, part) || measureIn(low, part) || measuredIn(low, part)
	}
	switch {
	case strings.Contains(low, part), measuredIn(low, part):
		return true
	case colorRoot(part) != "" && (strings.Contains(low, colorRoot(part)+"的") || strings.Contains(low, colorRoot(part)+"款")):
		return true // "白的", "黑款" for 白色, 黑色
	case isColourAttr(name) && baseColourIn(low, part):
		return true // "灰色", "灰的" for 岩灰
	case packIn(low, part):
		return true // "5-pack", "5支的" for 5支装
	case dimsIn(low, part):
		return true // "220x240的" for 220×240cm
	case styleStemIn(low, part):
		return true // "客厅那款" for 客厅款
	}
	return strings.ContainsAny(part, "0123456789") && strings.Contains(numeralsAsDigits(low), part) // "二段" for 2段
}

// styleSuffixes end the names of a variant's style ("客厅款", "标准版", "加厚型").
var styleSuffixes = cues("style_suffix")

// styleStemIn: low names a style by its word without the suffix ("客厅那款").
func styleStemIn(low, part string) bool {
	for _, suf := range styleSuffixes.phrases {
		if stem, ok := strings.CutSuffix(part, suf); ok && len([]rune(stem)) >= 2 && !isASCII(stem) {
			return strings.Contains(low, stem)
		}
	}
	return false
}

// dims: dimensions as written, "220×240", "1.5 x 2", "180*200".
var dims = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*[x×*✕xX]\s*(\d+(?:\.\d+)?)`)

// dimsIn: low gives the dimensions part states, whatever sign it multiplies with.
func dimsIn(low, part string) bool {
	want := dims.FindStringSubmatch(part)
	if want == nil {
		return false
	}
	for _, m := range dims.FindAllStringSubmatch(low, -1) {
		if m[1] == want[1] && m[2] == want[2] {
			return true
		}
	}
	return false
}

// tens: a Chinese number up to ninety-nine written with 十 ("十一", "二十", "三十五").
var tens = regexp.MustCompile(`([一二两三四五六七八九]?)十([一二三四五六七八九]?)`)

// numeralsAsDigits writes Chinese numbers below a hundred as digits ("二段" → "2段",
// "双十一" → "双11", "七折" → "7折").
func numeralsAsDigits(low string) string {
	low = tens.ReplaceAllStringFunc(low, func(m string) string {
		sub := tens.FindStringSubmatch(m)
		n := int64(10)
		if sub[1] != "" {
			n = cnDigits[[]rune(sub[1])[0]] * 10
		}
		if sub[2] != "" {
			n += cnDigits[[]rune(sub[2])[0]]
		}
		return strconv.FormatInt(n, 10)
	})
	return strings.Map(func(r rune) rune {
		if n, ok := cnDigits[r]; ok && n < 10 {
			return []rune("0123456789")[n]
		}
		return r
	}, low)
}

// packValue: a pack size as shops write it, a count and its measure word and 装
// ("<n>支装", "<n>双装").
var packValue = regexp.MustCompile(`^(\d{1,3}|[一两二三四五六七八九十])(\p{Han})装?$`)

// packIn: low names the pack part ("5支装") as the customer writes it: the count
// with its measure word ("5支", "五支"), or in English ("5-pack", "pack of 5").
func packIn(low, part string) bool {
	m := packValue.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	n := strconv.FormatInt(parseCount(m[1]), 10)
	if strings.Contains(numeralsAsDigits(low), n+m[2]) {
		return true
	}
	for _, m := range packEn.FindAllStringSubmatch(low, -1) {
		if m[1]+m[2] == n {
			return true
		}
	}
	// "8 boxes" for 8盒: the count and its measure word in English.
	for _, q := range qtyEn.FindAllStringSubmatch(low, -1) {
		ws := strings.Fields(q[0])
		if strconv.FormatInt(parseCount(q[1]+q[2]), 10) == n && len(ws) >= 2 && slices.Contains(lang.Translations(ws[len(ws)-1]), m[2]) {
			return true
		}
	}
	return false
}

// packEn: a pack size in English ("5-pack", "5 pcs", "pack of 5").
var packEn = regexp.MustCompile(`\b(\d{1,3})\s*-?\s*(?:pack|pk|pcs|pieces|count|ct)\b|\bpack of (\d{1,3})\b`)

// isColourAttr: the attribute is a colour, whatever the shop calls it.
func isColourAttr(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "colo") || strings.Contains(n, "色")
}

// baseColourIn: a fancy colour name ends with its base colour ("岩灰", "番茄红");
// the customer writes the base ("灰色", "红的").
func baseColourIn(low, part string) bool {
	rs := []rune(part)
	base := string(rs[len(rs)-1])
	if base == "色" && len(rs) >= 2 {
		base = string(rs[len(rs)-2])
	}
	return strings.Contains(low, base+"色") || strings.Contains(low, base+"的") || strings.Contains(low, base+"款")
}

// colorRoot is the colour of a Chinese colour word ("白色" → "白"), "" for others.
func colorRoot(part string) string {
	if root, ok := strings.CutSuffix(part, "色"); ok && root != "" && !isASCII(root) {
		return root
	}
	return ""
}

// measure is a number with its unit ("256gb", "1.5l", "1tb"): the customer may write
// the number alone or with the start of the unit ("256", "256g", "512的", "1t"). A
// single digit alone is too often a count, so it needs the unit's first letter.
var measure = regexp.MustCompile(`^(\d+|\d+\.\d+)([a-z]+)$`)

// measureIn: low names the measure part by its number and at most its unit.
func measureIn(low, part string) bool {
	m := measure.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	least := 0
	if len(m[1]) == 1 {
		least = 1
	}
	for i := len(m[2]); i >= least; i-- {
		re := `(?:^|[^\d.])` + regexp.QuoteMeta(m[1]) + `\s*` + regexp.QuoteMeta(m[2][:i]) + `(?:[^\d.a-z]|$)`
		if regexp.MustCompile(re).MatchString(low) {
			return true
		}
	}
	return false
}

// valueParts are the words of an attribute value that name it on their own
// ("白色 / white" → 白色, white): two letters or characters at least.
func valueParts(v string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(strings.ToLower(v), isAttrSep) {
		if isASCII(part) && len(part) >= 2 || !isASCII(part) && len([]rune(part)) >= 2 {
			out = append(out, part)
		}
	}
	return out
}

// measuredSize: a size that is a measure ("32mm" barrel, "1.8m" bed) named by its
// number and unit in the customer's words ("32的", "1米8" aside).
func measuredSize(low, v string) bool {
	for _, part := range valueParts(v) {
		if measureIn(low, part) || measuredIn(low, part) {
			return true
		}
	}
	return false
}

// mentionsSize: a numeric size as a number of its own ("39", "39码"); a letter size
// ("M", "XL") in capitals or after "size"/"码", so the "m" of "I'm" is not a size.
func mentionsSize(text, size string) bool {
	if size == "" {
		return false
	}
	q := regexp.QuoteMeta(size)
	if isNumber(size) {
		return regexp.MustCompile(`(?:^|[^\d.])` + q + `(?:[^\d.]|$)`).MatchString(text)
	}
	return regexp.MustCompile(`(?:^|[^A-Za-z])`+q+`(?:[^A-Za-z]|$)`).MatchString(text) ||
		regexp.MustCompile(`(?i)(?:size|码|号)\s*`+q+`\b`).MatchString(text)
}

// quoteText quotes one cart and explains it: each line's list price, each step with
// the promotion's title, notes, the total, and a live offer the cart did not use.
func (s *session) quoteText(cart []commerce.CartLine, coupon string) string {
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
	if e := s.call(ToolQuotePrice, args, &q); e != nil {
		return s.errText(e)
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
	return b.String()
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
		var info ProductInfo
		if e := s.call(ToolGetProduct, map[string]string{"product_id": p.ID}, &info); e != nil {
			continue
		}
		for _, pr := range info.Promotions {
			if pr.Type == shop.PromoSpendSave && !applied[pr.ID] {
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
		name := localText(p.Title, s.lang)
		if s.saysMembership() && !p.MembershipEligible {
			out = append(out, s.t("agent.price.no_member", name))
		}
		if s.says(subsidyWords) && !p.SubsidyEligible {
			out = append(out, s.t("agent.price.no_subsidy", name))
		}
	}
	return out
}
