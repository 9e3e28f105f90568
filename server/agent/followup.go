package agent

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// Dialogue state, offline: a follow-up ("那黑色的呢", "44呢", "那512的呢", "this one
// in blue?", "买两台呢") continues the product under discussion. The turn is read as
// the customer's latest message about a product, with the attribute values the
// follow-up names in place of the ones that message named, and the follow-up's own
// words after it — so its question (or, without one, the earlier question) is
// answered about the right variant. The state is this conversation's history only.

// followUpLookback: how many earlier customer messages may hold the product.
const followUpLookback = 3

// maxFollowUpRunes: a follow-up is short; a long message stands on its own.
const maxFollowUpRunes = 30

// followUp returns the turn's text read in its context, and whether it is a follow-up.
func (s *session) followUp() (string, bool) {
	if len(s.turn.History) == 0 || s.says(humanWords) {
		return "", false
	}
	// "那Plus呢" names the "<L> 3 Plus" after the "<L> 3" (extendsModel), though
	// "plus" may join a cart.
	for _, reading := range []func() (string, bool){s.extendsModel, s.cartContinues, s.continuesRequest, s.continuesRefundTalk} {
		if text, ok := reading(); ok {
			return text, true
		}
	}
	if s.tooLongForFollowUp() {
		return "", false
	}
	for _, reading := range []func() (string, bool){s.answersTheQuestion, s.switchesSubject, s.comparesWithEarlier} {
		if text, ok := reading(); ok {
			return text, true
		}
	}
	if text, ok := s.repriced(); ok {
		return text, true
	}
	if s.standsAlone() {
		return "", false
	}
	prev, ps := s.productMessage()
	if len(ps) == 0 {
		if text, ok := s.continuesOrderTalk(); ok {
			return text, true
		}
		if text, ok := s.continuesCouponTalk(); ok {
			return text, true
		}
		return s.narrowsRecommendation()
	}
	if s.faqOfItsOwn(prev, ps) && !s.countsAgain() {
		return "", false
	}
	return s.inContextOf(prev, ps), true
}

// standsAlone: the turn names its own product or order, or is a social moment.
func (s *session) standsAlone() bool {
	if named := s.namedProducts(s.text); len(named) > 0 {
		// "and the <n> g one?": a value of the product under discussion, named with
		// a word other products' titles share, continues that product.
		_, prev := s.productMessage()
		if len(prev) > 0 && namesValueOf(s.text, s.low, prev) && !namesValueOf(s.text, s.low, named) {
			return false
		}
		// "42度的呢" of a product whose tag is "42度": the product before, its
		// variant named by a word that names it too, and nothing asked of its own.
		return !(len(prev) > 0 && allIn(named, prev) && namesValueOf(s.text, s.low, prev) && !asksSomething(s.low))
	}
	if len(s.orderIDs()) > 0 {
		return true
	}
	if lx, err := loadSocial(); err == nil {
		if _, social := lx.match(s.low); social && !isQuestion(s.low) {
			return true
		}
	}
	return s.recommendsAnotherKind()
}

// recommendsAnotherKind: the turn asks which product of a kind to buy, and the
// product before is not of it ("用啥牙膏好点" after a toothbrush).
func (s *session) recommendsAnotherKind() bool {
	kind := s.kindNoun()
	if kind == "" || s.says(deictic) || !whichSuits.MatchString(s.lastLine()) && !s.says(recommendWords) {
		return false
	}
	han := unicode.Is(unicode.Han, []rune(kind)[0])
	of := s.words.kinds[kindKey(kind, han)]
	_, prev := s.productMessage()
	if len(of) == 0 || len(prev) == 0 || namesValueOf(s.text, s.low, prev) {
		return false // "<value A>跟<value B>选哪个": the earlier product's variants
	}
	// Of the kind: by the kind index, or its title ends the kind's way ("<…>盔" of 头盔).
	last := string([]rune(kind)[len([]rune(kind))-1])
	return !slices.ContainsFunc(prev, func(p *shop.Product) bool {
		return containsProduct(of, p) || han && strings.Contains(p.Title, last)
	})
}

// allIn: every product of ps is one of in.
func allIn(ps, in []*shop.Product) bool {
	for _, p := range ps {
		if !containsProduct(in, p) {
			return false
		}
	}
	return true
}

// faqOfItsOwn: a question the shop's FAQs answer is its own, though the search
// happens to find a product for the follow-up's words ("充满电能用几次" → some
// rechargeable toy) — unless it points at, names a variant of, or prices the
// product before, tells a measurement to size it by ("我女儿一米四五 哪个合适"),
// or talks of the order before.
func (s *session) faqOfItsOwn(prev string, ps []*shop.Product) bool {
	aboutOrder := orderRef.in(strings.ToLower(prev)) && (s.says(orderWords) || s.says(returnWords) || s.says(orderRef))
	productBound := s.says(priceWords) || s.couponNamed() != "" ||
		s.repricesForThem() || s.countsAfterAPrice()
	if aboutOrder || productBound || s.says(deictic) || namesValueOf(s.text, s.low, ps) || len(bodyMeasuresIn(s.low)) > 0 {
		return false
	}
	kb, kind := s.knowledge()
	return kb != "" && kind != knowledge.KindProduct
}

// repricesForThem: after a price, "and for me as a gold member?", "会员价呢" asks
// that price again with the customer's own tier, not the membership FAQ.
func (s *session) repricesForThem() bool {
	return s.saysMembership() && s.lastReplyPriced()
}

// countsAfterAPrice: after a price, "买两片呢" asks that price for a count bought,
// not the FAQ a word of it matches.
func (s *session) countsAfterAPrice() bool {
	return len(countsIn(s.low, s.words.namePart)) > 0 && s.lastReplyPriced()
}

// lastReplyPriced: the bot's last message was a price quote.
func (s *session) lastReplyPriced() bool {
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		if m := s.turn.History[i]; !m.FromCustomer {
			return strings.HasPrefix(m.Text, i18n.T(i18n.ZH, "agent.price.intro")) ||
				strings.HasPrefix(m.Text, i18n.T(i18n.EN, "agent.price.intro"))
		}
	}
	return false
}

// repriced: "and for me as a gold member?" after a price is that price for them,
// though a tier's word ("gold") is a word of some titles too.
func (s *session) repriced() (string, bool) {
	if !s.repricesForThem() || len(s.namedProducts(s.withoutTiers(s.text))) > 0 {
		return "", false
	}
	prev, ps := s.productMessage()
	if len(ps) == 0 {
		return "", false
	}
	// The quote prices for the customer who asks, with their tier and coupons:
	// the earlier question, asked again by them, is the question.
	return prev, true
}

// withoutTiers is text without the words of the shop's membership tiers.
func (s *session) withoutTiers(text string) string {
	low := strings.ToLower(text)
	for i := range s.snap.Catalog.Promotions {
		if t := strings.ToLower(s.snap.Catalog.Promotions[i].Tier); t != "" {
			low = replaceWord(low, t, " ")
		}
	}
	return low
}

// inContextOf is the turn read after the earlier message about products ps.
func (s *session) inContextOf(prev string, ps []*shop.Product) string {
	context := overrideValues(prev, s.text, ps)
	if len(ps) == 1 {
		context = s.withQuotedValues(context, ps[0])
	}
	if len(ps) == 1 && len(s.namedProducts(prev)) == 0 {
		// Found by the search, not named ("<品牌><品类>"): its title pins it, so the
		// follow-up's value ("<口味>的呢") finds no other product sold in it.
		context = localText(ps[0].Title, s.lang) + " " + context
	}
	if (s.asksOwnQuestion() || s.asksStock() || s.says(promoWhen) || s.says(recommendWords) || s.asksOfTheProduct()) && !s.countsAgain() {
		// A question of its own ("双十一那个7折还有吗" after a price, "送吸墨器吗"):
		// the earlier message gives the product and its variant, not its question.
		context = stripAsking(context)
	}
	return context + "\n" + s.text
}

// asksOwnQuestion: the follow-up asks a shop question of its own — not "我买的话呢",
// whose "我买的" is a purchase to come, not an order of theirs.
func (s *session) asksOwnQuestion() bool {
	for _, c := range intentLists {
		if c.id == orderWords.id && s.says(hypothetical) {
			continue
		}
		if c.in(s.low) {
			return true
		}
	}
	return false
}

// countsAgain: the follow-up buys more of it and asks what that costs or saves
// ("买两个呢 有优惠没", "three of them, any discount?"): the earlier price question,
// for the new quantity.
func (s *session) countsAgain() bool {
	return len(countsIn(s.low, s.words.namePart)) > 0 && s.says(offerWords) && !s.says(promoWhen)
}

// asksOfTheProduct: a yes-no question of what the product is or comes with ("带光盘吗"),
// not of its price ("能用我那张券吗" after a price asks that price again).
func (s *session) asksOfTheProduct() bool {
	return s.asksYesNo() && !isShopTalk(s.low) && !s.says(couponWords)
}

// stripAsking removes the words of asking (price, stock, size … cues, a drop in
// price told) from text, leaving what it names.
func stripAsking(text string) string {
	low := strings.ToLower(text)
	for _, re := range priceDrops {
		low = re.ReplaceAllString(low, " ")
	}
	for _, c := range append(intentLists, promoWhen, questionWords) {
		for _, p := range c.phrases {
			if isASCII(p) {
				low = replaceWord(low, p, " ")
			} else {
				low = strings.ReplaceAll(low, p, " ")
			}
		}
	}
	return low
}

// continuesOrderTalk: "has it been delivered yet?" after "I ordered some skincare
// recently" asks about the order told of just before.
func (s *session) continuesOrderTalk() (string, bool) {
	if !(s.says(orderRef) || s.says(orderWords) || s.says(deictic) || s.says(whatAreThey)) {
		return "", false
	}
	return s.afterEarlier(func(low string) bool { return orderRef.in(low) || orderWords.in(low) })
}

// continuesRefundTalk: "and my filter + heater order?", "那幼犬粮那单呢" after a
// price-protection (or return, or deposit) request asks the same for the other
// order it names: the request's first word in the language data, then this turn — not the earlier
// message, whose product would bring its order back in.
func (s *session) continuesRefundTalk() (string, bool) {
	if !s.says(whatAbout) || !(s.says(orderRef) || len(s.orderIDs()) > 0) || s.says(priceWords) ||
		isPriceDrop(s.low) || s.says(returnWords) || s.says(depositWords) || len(s.ordersByContentAll()) == 0 {
		return "", false
	}
	low := strings.ToLower(s.latestFromCustomer()) // only the customer's latest earlier message
	switch {
	case low == "":
	case isPriceDrop(low):
		return explicitProtection.phrases[0] + "\n" + s.text, true
	case depositWords.in(low) && refundWords.in(low):
		return depositWords.phrases[0] + refundWords.phrases[0] + "\n" + s.text, true
	case returnWords.in(low) && returnAsk.in(low):
		return returnAsk.phrases[0] + "\n" + s.text, true
	}
	return "", false
}

// latestFromCustomer is the customer's latest earlier message, "" when none.
func (s *session) latestFromCustomer() string {
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		if m := s.turn.History[i]; m.FromCustomer {
			return m.Text
		}
	}
	return ""
}

// whatAreThey: "都是啥", "which ones?" — what the things just talked of are.
var whatAreThey = cues("what_are_they")

// continuesCouponTalk: "when does it expire?" after "do I have a coupon?" asks
// about the coupons talked of just before.
func (s *session) continuesCouponTalk() (string, bool) {
	if !s.says(deictic) && !s.says(couponWords) && !s.says(whatAreThey) {
		return "", false
	}
	return s.afterEarlier(couponWords.in)
}

// narrowsRecommendation: "主要比赛用 跑半马", "under 300 please" after "想买双跑鞋" —
// a message naming no category of its own tells more about what the customer
// wants from the category asked about just before.
func (s *session) narrowsRecommendation() (string, bool) {
	if len(s.words.categoryMentions(s.low)) > 0 || asksSomething(s.low) {
		return "", false
	}
	return s.afterEarlier(func(low string) bool {
		return recommendWords.in(low) && len(s.words.categoryMentions(low)) > 0
	})
}

// earlierFromCustomer yields the customer's last followUpLookback messages before
// the turn, latest first, with their places in the history.
func (s *session) earlierFromCustomer() iter.Seq2[int, Message] {
	return func(yield func(int, Message) bool) {
		seen := 0
		for i := len(s.turn.History) - 1; i >= 0 && seen < followUpLookback; i-- {
			if m := s.turn.History[i]; m.FromCustomer {
				seen++
				if !yield(i, m) {
					return
				}
			}
		}
	}
}

// afterEarlier is the latest of the last few customer messages that match, with
// this turn after it.
func (s *session) afterEarlier(match func(low string) bool) (string, bool) {
	for _, m := range s.earlierFromCustomer() {
		if match(strings.ToLower(m.Text)) {
			return m.Text + "\n" + s.text, true
		}
	}
	return "", false
}

// proceedWords: a short go-ahead ("退吧", "go ahead").
var proceedWords = cues("proceed")

// continuesRequest: a go-ahead, or a return asked with neither product nor order
// named ("can I return the whole order?"), carries on the customer's earlier
// message about what they bought ("got the two lamps on Wednesday, not my style").
func (s *session) continuesRequest() (string, bool) {
	asksReturn := s.says(returnWords) && !isPriceDrop(s.low) && !s.says(depositWords)
	if !s.says(proceedWords) && !(asksReturn && len(s.namedProducts(s.text)) == 0 &&
		len(orderIDs(s.text, s.snap.OrdersOf(s.turn.Customer.Username))) == 0) {
		return "", false
	}
	return s.afterEarlier(func(low string) bool {
		if len(s.namedProducts(low)) > 0 || len(s.searchProducts(low, nil, false)) > 0 || orderRef.in(low) {
			return true
		}
		earlier := s.turn
		earlier.Messages, earlier.History = []string{low}, nil
		return len(newSession(s.ctx, s.d, earlier).ordersByContentAll()) > 0 // what they bought, by its words
	})
}

// productsNow: the products the turn names, else those the search finds for it.
func (s *session) productsNow() []*shop.Product {
	if now := s.namedProducts(s.text); len(now) > 0 {
		return now
	}
	return s.searchProducts(s.text, nil, false)
}

// tooLongForFollowUp: a long message stands on its own. English takes more
// letters for the same words, so it is counted in words; pointing back ("it",
// "这款") allows a longer one.
func (s *session) tooLongForFollowUp() bool {
	limit := maxFollowUpRunes
	if s.says(deictic) {
		limit *= 2
	}
	if isASCII(s.text) {
		return len(strings.Fields(s.text)) > limit/2 // an English word is about two runes of Chinese
	}
	return utf8.RuneCountInString(s.text) > limit
}

// whatAbout: the earlier question, about something else.
var whatAbout = cues("what_about")

// switchesSubject: "那轻量那款呢", "what about the <Y>?" — a short message naming
// another product and asking nothing of its own is the earlier question about it
// (and the earlier product, which the answer covers too).
func (s *session) switchesSubject() (string, bool) {
	if !s.says(whatAbout) || asksSomething(s.low) || s.says(recommendWords) || s.tooLongForFollowUp() {
		return "", false
	}
	now := s.productsNow()
	if len(now) == 0 {
		return "", false
	}
	prev, ps := s.productMessage()
	if len(ps) == 0 || !asksSomething(strings.ToLower(prev)) || namesValueOf(s.text, s.low, ps) {
		return "", false // "<value>的呢" of a product sold in that value: its variant, not another product
	}
	for _, p := range now {
		if !containsProduct(ps, p) {
			return s.stripNames(prev, ps) + "\n" + s.text, true
		}
	}
	return "", false
}

// stripNames removes from text the names of ps (their title keys and model words),
// leaving the question: "z3多少钱" → "多少钱".
func (s *session) stripNames(text string, ps []*shop.Product) string {
	low := strings.ToLower(text)
	// The words that named them here: a title's part ("三德刀") or a tag only
	// they carry, besides their whole titles.
	for _, h := range append(s.words.titlesIn(foldName(low)), s.words.tagNames.in(foldName(low))...) {
		if containsProduct(ps, h.prod) {
			low = strings.ReplaceAll(low, h.key, " ")
		}
	}
	// And the words of the question a title writes ("三德刀" of "<…>三德刀 <L>").
	for _, w := range strings.Fields(s.residue(low)) {
		if utf8.RuneCountInString(w) >= 2 && slices.ContainsFunc(ps, func(p *shop.Product) bool { return strings.Contains(foldName(p.Title), foldName(w)) }) {
			low = strings.ReplaceAll(low, w, " ")
		}
	}
	for _, p := range ps {
		for _, k := range nameKeys(p.Title) {
			low = strings.ReplaceAll(low, k, " ")
		}
		for _, w := range latinWords(p.Title) {
			if s.words.distinctive(w) || len(s.words.latin.of(w)) <= maxModelProducts {
				low = replaceWord(low, w, " ")
			}
		}
	}
	return low
}

// replaceWord replaces w in low where it stands as a word of its own.
func replaceWord(low, w, with string) string {
	return regexp.MustCompile(`(^|[^a-z0-9])`+regexp.QuoteMeta(w)+`([^a-z0-9]|$)`).ReplaceAllString(low, "${1}"+with+"${2}")
}

// comparesWithEarlier: "那M2呢 哪个更安静" after a question about the K5 compares the
// two: the earlier message's product joins the one named now.
func (s *session) comparesWithEarlier() (string, bool) {
	if !s.says(compareWords) && !s.says(whichWords) {
		return "", false
	}
	now := s.namedProducts(s.text)
	if len(now) != 1 {
		return "", false
	}
	prev, ps := s.productMessage()
	if len(ps) == 0 || containsProduct(ps, now[0]) {
		return "", false
	}
	return prev + "\n" + s.text, true
}

// baseColourWords replaces the ways a customer writes a colour's base ("黑色", "黑的",
// "黑款" of "<fancy>黑") with a space.
func baseColourWords(part string) *strings.Replacer {
	rs := []rune(part)
	base := string(rs[len(rs)-1])
	if base == "色" && len(rs) >= 2 {
		base = string(rs[len(rs)-2])
	}
	return strings.NewReplacer(base+"色", " ", base+"的", " ", base+"款", " ")
}

// leadFigure: a value that starts with a decimal figure ("1.8m床").
var leadFigure = regexp.MustCompile(`^(\d+\.\d+)`)

// namesValueOf: text names an attribute value of one of the products ("杏色37码").
func namesValueOf(text, low string, ps []*shop.Product) bool {
	for _, p := range ps {
		for i := range p.SKUs {
			for name, v := range p.SKUs[i].Attributes.All() {
				if mentionsValueIn(text, low, name, v) {
					return true
				}
			}
		}
	}
	return false
}

// intentLists are the shop questions a message can ask.
var intentLists = []cueList{priceWords, stockWords, sizeAsk, fitWords, orderWords, returnWords, depositWords,
	protectionWords, compareWords, offerWords, optionsAsk, subsidyWords, memberWords}

func asksSomething(low string) bool {
	for _, ps := range intentLists {
		if ps.in(low) {
			return true
		}
	}
	return false
}

// answersTheQuestion: the customer asked without saying what about ("我想退定金"),
// and now names it without asking again ("就那个Z3 Pro的"): the two are one turn.
func (s *session) answersTheQuestion() (string, bool) {
	if asksSomething(s.low) || len(s.namedProducts(s.text))+len(s.searchProducts(s.text, nil, false)) == 0 {
		return "", false
	}
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		m := s.turn.History[i]
		if !m.FromCustomer {
			continue
		}
		low := strings.ToLower(m.Text)
		// An earlier question that already named its product (by name or as the
		// search found it: "<品牌><品类><口味>5kg多少钱") is continued by a value, not answered.
		if asksSomething(low) && len(s.namedProducts(m.Text)) == 0 && len(s.searchProducts(m.Text, nil, false)) == 0 &&
			!s.quotedAfter(i) {
			return m.Text + "\n" + s.text, true
		}
		return "", false // only the customer's latest message
	}
	return "", false
}
