package agent

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// "最近有啥活动", "any deals on?", "双十一那个7折还有吗": the shop's promotions —
// those running now, those about to start, and those just ended, each with its date,
// so an ended or future offer is never applied by mistake.

// namedEnded: how long ago an ended promotion the customer names is still told as
// ended — a customer asking after last month's sale by name is owed "it ended",
// not a list of other offers.
const namedEnded = 366 * 24 * time.Hour

var (
	subsidyWords = cues("subsidy")
	memberWords  = cues("membership")
	spendWords   = cues("spend_save")
	promoWhen    = cues("promo_when")
	stackWords   = cues("stacking")
)

func (s *session) answerPromotions() section {
	scope := s.promoScope()
	var parts []string
	if note := s.scopeExcluded(scope); note != "" {
		// "铂金会员几折 买酒也打折吗": that the category takes none, then the offer
		// of that kind on the rest of the shop.
		parts, scope = append(parts, note), nil
	}
	asked := s.promosAsked(scope)
	live, soon, ended := s.promoLines(scope, asked)
	switch {
	case len(live) > 0:
		parts = append(parts, s.t("agent.promos.live")+"\n"+bullet(live))
	case asked == nil || len(soon)+len(ended) == 0:
		// "none running" only of all the offers: the one asked about is told below.
		parts = append(parts, s.t("agent.promos.none"))
	}
	if len(soon) > 0 {
		parts = append(parts, s.t("agent.promos.soon")+"\n"+bullet(soon))
	}
	if len(ended) > 0 {
		parts = append(parts, s.t("agent.promos.ended")+"\n"+bullet(ended))
	}
	return section{text: strings.Join(parts, "\n\n")}
}

// promoLines are the promotions of scope asked about (all when asked is nil), each
// with its date: those running now, those to start, and those just ended that the
// customer names.
func (s *session) promoLines(scope []*shop.Product, asked map[string]bool) (live, soon, ended []string) {
	now := s.d.now()
	scopedLive := s.liveForScope(scope, now)
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if !coversAny(pr, scope) || (asked != nil && !asked[pr.ID]) {
			continue
		}
		switch {
		case pr.ActiveAt(now):
			if pr.Ends != nil {
				live = append(live, s.t("agent.promos.until", s.promoTitle(pr), s.until(*pr.Ends)))
			} else {
				live = append(live, s.promoTitle(pr))
			}
		case pr.Starts != nil && now.Before(*pr.Starts):
			soon = append(soon, s.t("agent.promos.from", s.promoTitle(pr), s.day(*pr.Starts)))
		case s.endedAndNamed(pr, now) || (!scopedLive || s.says(promoWhen)) && endedForScope(pr, scope, now):
			// An ended offer is named only when the customer asks about it — by
			// its words, or by the category it was for ("any deals on <kind>?").
			ended = append(ended, s.t("agent.promos.ended_on", s.promoTitle(pr), s.until(*pr.Ends)))
		}
	}
	return live, soon, ended
}

// promoTitle is the customer's half of a bilingual promotion title.
//
// A cap the title does not state is added ("锅具每满300减30" and a max_off of 90:
// "…（最多减¥90.00）"): how much an offer can take off is part of it.
func (s *session) promoTitle(pr *shop.Promotion) string {
	title := localText(pr.DisplayTitle(), s.lang)
	capOf := pr.MaxOff
	if pr.Type == shop.PromoSubsidy {
		capOf = pr.CapPerUnit
	}
	if capOf == nil || *capOf <= 0 {
		return title
	}
	major := strconv.FormatInt(*capOf/int64(math.Pow10(minorDigits(s.snap.Catalog.Currency))), 10)
	if strings.Contains(title, major) {
		return title // "每单最多减100元": the title says it
	}
	key := "agent.promos.cap"
	if pr.Type == shop.PromoSubsidy {
		key = "agent.promos.cap_unit"
	}
	return title + s.t(key, s.money(*capOf))
}

// promosAsked narrows the answer to the promotions the turn asks about: of the
// kind it names (the subsidy, the member discount), or those whose title shares
// its words; nil when it names none (every promotion of the scope).
// selfWords: the customer speaks of their own case.
var selfWords = cues("self")

// ownTierOnly keeps, of membership offers asked about by a customer with a tier
// who asks of their own ("我是会员能打几折", "as a member, what do I get"), those
// of their tier.
func (s *session) ownTierOnly(ids map[string]bool) map[string]bool {
	tier := s.snap.Customer(s.turn.Customer.Username).Tier
	if tier == "" || !s.says(mineWords) && !s.says(selfWords) {
		return ids
	}
	out := map[string]bool{}
	for i := range s.snap.Catalog.Promotions {
		if pr := &s.snap.Catalog.Promotions[i]; ids[pr.ID] && strings.EqualFold(pr.Tier, tier) {
			out[pr.ID] = true
		}
	}
	if len(out) == 0 {
		return ids
	}
	return out
}

func (s *session) promosAsked(scope []*shop.Product) map[string]bool {
	kind := ""
	switch {
	case s.says(subsidyWords):
		kind = shop.PromoSubsidy
	case s.says(memberWords):
		kind = shop.PromoMembership
	case s.says(spendWords):
		kind = shop.PromoSpendSave
	}
	out, named := map[string]bool{}, map[string]bool{}
	residue := numeralsAsDigits(s.residue(s.text))
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if !coversAny(pr, scope) {
			continue
		}
		byName := namesPromo(residue, pr.DisplayTitle())
		if kind != "" && pr.Type == kind || kind == "" && byName {
			out[pr.ID] = true
			if byName {
				named[pr.ID] = true
			}
		}
	}
	if kind != "" && len(named) > 0 {
		return named // "宠物的满减": that spend-and-save offer, not every one
	}
	if kind == shop.PromoMembership && !s.tierNamed(s.low) {
		out = s.ownTierOnly(out) // "what discount do I get as a member?": their tier's
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// promoScope: the products of the categories the turn names (nil: the whole shop).
func (s *session) promoScope() []*shop.Product {
	var out []*shop.Product
	for _, c := range mentionedCats(s.words.categoryMentions(s.low)) {
		out = append(out, s.words.byCat[c]...)
	}
	return out
}

// coversAny: the promotion is offered on a product of scope (any, when scope is nil).
func coversAny(pr *shop.Promotion, scope []*shop.Product) bool {
	if scope == nil {
		return true
	}
	for _, p := range scope {
		if offersTo(pr, p) {
			return true
		}
	}
	return false
}

// asksPromotions: a question about the shop's (or a category's) offers, not one
// product's — or when an offer starts or ends, which the promotions' dates answer.
// maxOpenRest: an open ask for offers says little else ("最近店里"); more is a
// question of its own ("公司采购100份礼品 有没有优惠" is the bulk-order FAQ's).
const maxOpenRest = 4

// asksOnlyOffers: without its offer words, the turn names a category or says
// next to nothing.
func (s *session) asksOnlyOffers() bool {
	if len(s.words.categoryMentions(s.low)) > 0 {
		return true
	}
	rest := withoutWords(s.low, offersOpen.phrases)
	rest = withoutWords(rest, offerWords.phrases)
	return utf8.RuneCountInString(strings.ReplaceAll(s.residue(rest), " ", "")) <= maxOpenRest
}

// saysOffers: the turn speaks of offers, by their words or their terms ("满500减80").
func (s *session) saysOffers() bool {
	return s.says(offerWords) || s.says(subsidyWords) || offerNamed.MatchString(s.low)
}

// asksOffersFirst: the turn asks what offers are on ("双十二有活动吗 想买餐桌"):
// the offers answer it, not a recommendation of what to buy.
func (s *session) asksOffersFirst() bool {
	return (s.says(promoWhen) || s.asksOpenlyForOffers() || s.offersForKind()) && s.asksPromotions()
}

// offersForKind: a question of the offers on a kind of product the shop sells
// ("any deals on office chairs?", "电饭煲年货节打八折 现在有吗", "will notebooks be
// on sale for double 12?"), not of a price or size.
//
// A product of that kind still named once the kind's words are left out ("双12彩妆
// 打9折 那天买301口红…": the 301) makes it a question of that product.
func (s *session) offersForKind() bool {
	ms := s.words.categoryMentions(s.low)
	if len(ms) == 0 || !isQuestion(s.low) || s.says(priceWords) || s.says(sizeAsk) {
		return false
	}
	rest := []byte(s.low)
	for _, m := range ms {
		for i := m.pos; i < m.end && i < len(rest); i++ {
			rest[i] = ' '
		}
	}
	cats := mentionedCats(ms)
	for _, p := range s.namedProducts(string(rest)) {
		if slices.Contains(cats, p.Category) {
			return false
		}
	}
	return true
}

// asksOpenlyForOffers: "有什么活动", "有哪些满减", saying little else.
func (s *session) asksOpenlyForOffers() bool {
	return (s.says(offersOpen) || s.says(openAsk)) && s.asksOnlyOffers()
}

// offerNamed: see offer_named in the language data.
var offerNamed = anyOf(lang.Regexps("offer_named"))

// offersOpen: see offers_open in the language data.
var offersOpen = cues("offers_open")

func (s *session) asksPromotions() bool {
	if !s.saysOffers() || len(s.orderIDs()) > 0 || s.stackingRule() {
		return false
	}
	open := s.says(promoWhen) || s.asksOpenlyForOffers()
	if s.offersForKind() && (open || !s.faqAnswers()) {
		// "any deals on robot vacuums?": the offers on that kind, not the one product
		// an English word names — unless an FAQ or policy answers what is asked of
		// the offer or beside it ("<kind>国补要什么条件", "<kind>趁打折多囤 会不会过期").
		return true
	}
	if len(s.namedProducts(s.text)) > 0 {
		return false
	}
	if open {
		return true // "最近有什么活动", "any deals on …": what is on, whatever the FAQs say
	}
	return s.asksOffersNotFAQ()
}

// asksOffersNotFAQ: a turn naming offers and no product, asked neither openly nor
// of when, asks the offers rather than an FAQ.
func (s *session) asksOffersNotFAQ() bool {
	if s.says(howTo) && !s.says(spendWords) && !s.says(subsidyWords) && !s.says(memberWords) {
		return false // how to use an offer; how a kind of offer works is its promotions
	}
	if len(s.words.categoryMentions(s.low)) > 0 {
		return !s.says(sizeAsk) && !s.says(priceWords) && !s.faqAnswers()
	}
	kb, _ := s.knowledge()
	return kb == "" || s.promoNamed()
}

// faqAnswers: an FAQ answers the shop's matter the turn asks ("<kind>趁打折多囤
// 会不会过期": expiry), or an FAQ or policy on the very kind of offer the turn
// names answers it with confidence ("国补要什么条件": the subsidy FAQ) — what is
// asked beside or of an offer, not which offers are on. (Whether a kind takes the
// member discount is worked out from the catalogue, not read from an FAQ.)
func (s *session) faqAnswers() bool {
	if s.matterFAQ() != "" {
		return true
	}
	_, kind := s.knowledge()
	if kind != knowledge.KindFAQ && kind != knowledge.KindPolicy {
		return false
	}
	title := strings.ToLower(s.kb.item.Title)
	for _, c := range []cueList{subsidyWords, spendWords} {
		if s.says(c) && c.in(title) {
			return true
		}
	}
	return false
}

// promoNamed: the turn names a promotion by a word of its title that is no word of
// offers ("宠物的满减" names the pet-gear spend-and-save; "会员" names none, it is
// the members' FAQ's word too): that promotion answers before any document that
// merely shares the word.
func (s *session) promoNamed() bool {
	residue := numeralsAsDigits(s.residue(s.text))
	for _, c := range []cueList{offerWords, subsidyWords, memberWords, spendWords} {
		for _, p := range c.phrases {
			for _, w := range append(strings.Fields(p), p) { // "national subsidy": each word too
				residue = strings.ReplaceAll(residue, w, " ")
			}
		}
	}
	for i := range s.snap.Catalog.Promotions {
		if namesPromo(residue, s.snap.Catalog.Promotions[i].DisplayTitle()) {
			return true
		}
	}
	return false
}

// stackingRule: whether offers combine is the shop's rule, when its FAQs and
// policies answer it — not the list of offers, which says nothing of it.
func (s *session) stackingRule() bool {
	if !s.says(stackWords) {
		return false
	}
	kb, kind := s.knowledge()
	return kb != "" && (kind == knowledge.KindFAQ || kind == knowledge.KindPolicy)
}

// productOffers are the lines of a product card about offers the customer asked
// of: those starting soon and those just ended that they name, and whether the
// product takes the subsidy or the member discount when they ask.
func (s *session) productOffers(p *shop.Product) []string {
	if p == nil || !(s.says(offerWords) || s.says(subsidyWords) || s.saysMembership()) {
		return nil
	}
	now := s.d.now()
	var out []string
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if !pr.Covers(p) {
			continue
		}
		switch {
		case pr.Starts != nil && now.Before(*pr.Starts):
			out = append(out, s.t("agent.promos.not_yet", s.t("agent.promos.from", s.promoTitle(pr), s.day(*pr.Starts))))
		case s.endedAndNamed(pr, now):
			out = append(out, s.t("agent.promos.over", s.t("agent.promos.ended_on", s.promoTitle(pr), s.until(*pr.Ends))))
		}
	}
	if s.says(subsidyWords) && !p.SubsidyEligible {
		out = append(out, s.t("agent.promos.no_subsidy"))
	}
	if s.saysMembership() && !p.MembershipEligible {
		out = append(out, s.t("agent.promos.no_member"))
	}
	return out
}

// endedAndNamed: pr ended lately and the customer names it ("双十一那个7折").
func (s *session) endedAndNamed(pr *shop.Promotion, now time.Time) bool {
	return pr.Ends != nil && !now.Before(*pr.Ends) && now.Sub(*pr.Ends) <= namedEnded &&
		sharesWords(numeralsAsDigits(s.low), pr.DisplayTitle())
}

// scopedEnded: how long ago an offer made for a category (not the whole shop)
// ended and is still told when that category's offers are asked about.
const scopedEnded = 60 * 24 * time.Hour

// liveForScope: a discount on items runs now on a product of scope — the
// category's own offer, beside which an ended one is old news unless the customer
// asks whether one is still on.
func (s *session) liveForScope(scope []*shop.Product, now time.Time) bool {
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if pr.Type == shop.PromoItemDiscount && pr.ActiveAt(now) && coversAny(pr, scope) {
			return true
		}
	}
	return false
}

// endedForScope: pr, made for some products or categories only, covered the
// category asked about (scope) and ended lately — "is the <kind> sale still on?",
// with no offer of the category's own running, is owed "it ended on …", not only
// the store-wide offers.
func endedForScope(pr *shop.Promotion, scope []*shop.Product, now time.Time) bool {
	return len(scope) > 0 && (len(pr.ProductIDs) > 0 || len(pr.Categories) > 0) &&
		pr.Ends != nil && !now.Before(*pr.Ends) && now.Sub(*pr.Ends) <= scopedEnded
}

// namesPromo: the question's residue shares a two-character Chinese word ("7折"
// counts) or a whole Latin word (three letters or more, no stop word) with title.
func namesPromo(residue, title string) bool {
	t := strings.ToLower(title)
	r := []rune(t)
	for i := 0; i+2 <= len(r); i++ {
		a, b := r[i], r[i+1]
		han := unicode.Is(unicode.Han, a) || unicode.Is(unicode.Han, b)
		if han && isWordRune(a) && isWordRune(b) && strings.Contains(residue, string(r[i:i+2])) {
			return true
		}
	}
	for _, w := range latinWordsOf(residue) {
		if len(w) >= 3 && !stopWords[w] && !isNumber(w) && containsWord(t, w) {
			return true
		}
	}
	return false
}

// sharesWords: text and title have a word (two letters or two characters) in common.
func sharesWords(low, title string) bool {
	t := []rune(strings.ToLower(title))
	for i := 0; i+2 <= len(t); i++ {
		pair := string(t[i : i+2])
		if strings.ContainsFunc(pair, isWordRune) && !strings.ContainsAny(pair, " \t") && strings.Contains(low, pair) {
			return true
		}
	}
	return false
}

// day and until are a start date and an end as the customer reads them.
func (s *session) day(t time.Time) string   { return i18n.Day(s.lang, t) }
func (s *session) until(t time.Time) string { return i18n.Until(s.lang, t) }

// howTo: the customer asks how something works, not what is on.
var howTo = cues("how_to")
