package agent

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Offline is the deterministic planner used when no language model is configured and
// whenever the model fails. It recognises intents by keywords in Chinese and English
// and answers by calling the same tools the model would use, bound to the asking
// customer; when it is not confident it hands over to staff rather than guess.
type Offline struct {
	// Search and Shop alone (the first construction) give greetings, handoffs and
	// knowledge answers; NewOffline wires every tool.
	Search Searcher
	Shop   ShopData
	deps   *Deps
}

// NewOffline builds the offline planner. It keeps no state between turns and may be
// shared by every conversation.
func NewOffline(d Deps) *Offline { return &Offline{Search: d.Search, Shop: d.Shop, deps: &d} }

func (o *Offline) toolDeps() Deps {
	var d Deps
	if o.deps != nil {
		d = *o.deps
	}
	if d.Search == nil {
		d.Search = o.Search
	}
	if d.Shop == nil {
		d.Shop = o.Shop
	}
	return d
}

// Plan answers one turn: every intent it recognises adds a section to one reply
// (a customer who asks for a size and a price in one breath gets both).
func (o *Offline) Plan(ctx context.Context, turn Turn) (*Reply, error) {
	s := startSession(ctx, o.toolDeps(), turn)
	r := s.plan()
	r.Calls = s.tb.Calls()
	return r, nil
}

// session is one turn being answered.
type session struct {
	ctx   context.Context
	d     Deps
	tb    *Toolbox
	turn  Turn
	lang  i18n.Lang
	snap  *shop.Snapshot
	words *catalogWords
	text  string // the turn's messages, joined
	low   string
	eff   Effects
	sizes map[string]string // product id → size recommended in this turn
	sized []*shop.Product   // the products sized in this turn, in order
	kb    *kbAnswer         // the knowledge answer, once searched
	// subjects are the products ("p-…") and categories ("cat:…") the turn names,
	// once asked for.
	subjects     map[string]bool
	orders       *[]string // the orders the turn means, once resolved
	private      bool      // the reply shows the customer's own data no tool call shows
	kind         *string   // the kind of product the turn names, once found (kindNoun)
	gkind        *string   // the kind an English word glosses (glossKind), once found
	told         *[]figure // the figures the turn tells (toldFigures), once read
	variantNamed *bool     // the turn names a variant of a product it names, once found (namesAVariant)
	// models memoises byModel per text: the planner asks it of the same message and
	// its parts many times a turn, and on a large catalogue each costs a scan of the
	// products a shared word names.
	models map[string][]*shop.Product
	found  map[string][]*shop.Product // namedOrFound per text, once per turn
	matter *string                    // the FAQ on the shop's matter the turn asks, once found (matterFAQ)
	// declined are the words the turn declines, Latin and Chinese, once read
	// (declines): every candidate of a recommendation is scored against them.
	declined *[2][]string
	// prodMsg is the earlier message about products and its products, once found
	// (productMessage): a follow-up's readings each ask for it, and each search
	// runs the knowledge index over the earlier messages.
	prodMsg *productMsg
}

type productMsg struct {
	text string
	ps   []*shop.Product
}

// startSession is the session that answers the turn: a follow-up is read in the
// context of the product under discussion (followup.go), with the same tools bound
// to the same customer.
func startSession(ctx context.Context, d Deps, turn Turn) *session {
	s := newSession(ctx, d, turn)
	if text, ok := s.followUp(); ok {
		in := turn
		in.Messages = []string{text}
		return newSession(ctx, d, in)
	}
	return s
}

func newSession(ctx context.Context, d Deps, turn Turn) *session {
	text := strings.TrimSpace(strings.Join(turn.Messages, "\n"))
	tb := NewToolbox(d, turn)
	snap := d.snapshot()
	return &session{ctx: ctx, d: d, tb: tb, turn: turn, lang: tb.lang, snap: snap, words: wordsFor(snap),
		text: text, low: strings.ToLower(text), sizes: map[string]string{}}
}

// section is one part of the reply. A clarifying question ("which order?") is
// dropped when another part of the reply already answers something. An answer that
// acts on the customer's own data (explain) is preceded by the shop's general answer
// when the customer asked a question the knowledge base answers with confidence:
// "定金能退吗？" gets the deposit rules and the card for their order.
type section struct {
	text    string
	clarify bool
	explain bool
}

func (s *session) plan() *Reply {
	if r := s.direct(); r != nil {
		return r
	}
	var parts []section
	add := func(sec section) {
		if sec.text != "" {
			parts = append(parts, sec)
		}
	}
	refundAsked := s.refunds(add)
	s.ordersPart(add, refundAsked)
	if !refundAsked && s.says(stackWords) && !s.stackingRule() {
		add(s.answerStacking())
	}
	s.sizing(add)
	s.pricing(add, refundAsked)
	if !refundAsked && !hasStrong(parts) {
		s.offersOrPolicy(add)
	}
	parts = s.withKnowledge(parts)
	if len(parts) == 0 {
		return s.clarify()
	}
	return s.reply(parts)
}

// bulkOrder: see bulk_order in the language data.
var bulkOrder = cues("bulk_order")

// offersOrPolicy adds, to a turn nothing else answered, the offers, the
// customer's coupons or the return policy it asks about (the first that applies).
func (s *session) offersOrPolicy(add func(section)) {
	switch {
	case s.asksCoupons() && s.says(mineWords):
		add(s.answerCoupons()) // "我的优惠券还能用吗": theirs, not the shop's offers
	case s.asksPromotions() && !(s.says(bulkOrder) && s.matterFAQ() != ""):
		// "公司批量采购能给个优惠价不" is the FAQ on bulk orders, not today's offers.
		add(s.answerPromotions())
	case s.asksCoupons():
		add(s.answerCoupons())
	case s.says(returnWords) && !s.says(refundStatus):
		add(s.answerReturnPolicy())
	}
}

// direct answers the turns that need no shop lookup: nothing said, a request for a
// person, anger, greetings, thanks and other social moments.
func (s *session) direct() *Reply {
	switch {
	case s.text == "":
		return s.handOff(s.t("agent.unsure"), s.t("agent.handoff.reason.unsure"))
	case isGreeting(s.low) && !s.saysPerson(explicitHuman):
		// "早上好呀 客服小姐姐": a greeting that addresses the agent asks for no one.
		return &Reply{Text: s.t("agent.greeting", s.turn.Customer.Username)}
	case s.saysPerson(humanWords) && (s.asksForAPerson() || !s.asksWhoItIs()) && !s.says(asksHours) && !asksHoursAt(s.low):
		return s.handOff(s.t("agent.handoff.asked"), s.t("agent.handoff.reason.asked"))
	case (isAngry(s.withoutNameWords(), s.low) || s.saysShop(angryWords)) && !s.productQuestion():
		return s.handOff(s.t("agent.angry"), s.t("agent.handoff.reason.angry"))
	case isGreeting(s.low):
		return &Reply{Text: s.t("agent.greeting", s.turn.Customer.Username)}
	case isThanks(s.low), s.saysReceivedWithThanks():
		return &Reply{Text: s.t("agent.thanks")}
	}
	if r, ok := s.socialReply(); ok {
		return r
	}
	return nil
}

// refunds adds the refund the turn asks for (deposit, price protection, return) and
// reports whether it asked for one.
func (s *session) refunds(add func(section)) bool {
	switch {
	case s.says(refundStatus):
		return false // "钱退了没": the order's state answers it (ordersPart)
	case s.says(depositWords) && s.says(refundWords):
		add(s.answerDeposit())
	case isPriceDrop(s.low):
		add(s.answerPriceProtection())
	case s.says(returnWords) && (s.says(returnAsk) || len(s.orderIDs()) > 0):
		add(s.answerReturn())
	default:
		return false
	}
	return true
}

// hypothetical: a purchase not yet made ("我买的话") is no order of theirs.
var hypothetical = cues("hypothetical")

// refundStatus: whether money asked back has come back — the order's state.
var refundStatus = cues("refund_status")

// ordersPart adds the customer's orders the turn asks about.
func (s *session) ordersPart(add func(section), refundAsked bool) {
	if !refundAsked && (s.says(orderWords) && !s.says(hypothetical) && !s.orderWordsInValues() || len(s.orderIDs()) > 0) && (!s.says(returnWords) || s.says(refundStatus)) {
		add(s.answerOrders())
	}
}

// orderWordsInValues: every order word of the turn is inside a variant value it
// names — "那单棵的呢" asks for the 单棵 variant, not about "那单" (that order).
func (s *session) orderWordsInValues() bool {
	found := false
	for _, p := range orderWords.phrases {
		if isASCII(p) {
			if containsWord(s.low, p) {
				return false
			}
			continue
		}
		for i := 0; ; {
			j := strings.Index(s.low[i:], p)
			if j < 0 {
				break
			}
			j += i
			if !s.insideValue(j, j+len(p)) {
				return false
			}
			found = true
			i = j + len(p)
		}
	}
	return found
}

// insideValue: a variant value word of the catalogue written in the turn overlaps
// the bytes [from, to) ("单棵" over the "单" of "那单"); a few runes either side
// are looked up.
func (s *session) insideValue(from, to int) bool {
	const reach = 4 // runes before and after the word that a value may add
	before, word, after := []rune(s.low[:from]), []rune(s.low[from:to]), []rune(s.low[to:])
	lo := max(0, len(before)-reach)
	window := slices.Concat(before[lo:], word, after[:min(reach, len(after))])
	start, end := len(before)-lo, len(before)-lo+len(word) // the word's runes in window
	for i := 0; i < end; i++ {
		for j := max(i+2, start+1); j <= len(window); j++ {
			if s.words.attrParts[string(window[i:j])] {
				return true
			}
		}
	}
	return false
}

// sizing adds a fit or size answer.
func (s *session) sizing(add func(section)) {
	if s.namesUnchartedVariant() {
		return // "<line>1.5号拉力多大": a variant's number, no size to work out
	}
	switch {
	case s.says(fitWords) && referenceSize(s.low) == nil:
		// A general fit question is the shop's FAQ; one about a product, that product.
		if len(s.namedProducts(s.text)) > 0 || s.says(deictic) || s.answerFromKnowledge() == "" {
			add(s.answerFit())
		}
	case s.asksSize():
		if referenceSize(s.low) == nil && footIn(s.text) == 0 {
			if sec := s.answerMeasureSize(); sec.text != "" {
				add(sec)
				return
			}
			if s.asksDimensionsOfUnsized() {
				return // "<name>多大": how big it is, which its description tells (pricing)
			}
		}
		add(s.answerSize())
	}
}

// asksSize: the turn asks which size to take — in so many words, by the size worn
// in other shoes, by a measurement, or by a foot length beside a product named.
func (s *session) asksSize() bool {
	return s.says(sizeAsk) || (s.says(wearWords) && referenceSize(s.low) != nil) || s.asksMeasuredFit() ||
		(footIn(s.text) > 0 && len(s.namedProducts(s.text)) > 0) || s.choosesBySize()
}

// choosesBySize: "运动鞋39码的话<kind>选哪个" — a size worn in other shoes and which
// one to pick of a product sold by a size chart: which size of it.
func (s *session) choosesBySize() bool {
	ref := referenceSize(s.low)
	if ref == nil || !s.says(whichWords) {
		return false
	}
	// Only a size its own chart reads ("39" in the row 38-39): any other is
	// no choice by size this turn can work out.
	return slices.ContainsFunc(s.productsToShow(), func(p *shop.Product) bool {
		_, err := commerce.RecommendSize(s.snap, p.ID, ref.size, "", ref.system)
		return p.SizeChart != nil && err == nil
	})
}

// couponForProduct: "can I use coupon X on <product>?" is answered by quoting the
// product with that coupon (the quote says why when it does not apply).
func (s *session) couponForProduct() bool {
	return s.couponNamed() != "" && len(s.namedProducts(s.text)) > 0
}

// pricing adds a comparison or a quote.
func (s *session) pricing(add func(section), refundAsked bool) {
	if s.asksRecommendation() && !s.asksOffersFirst() && !s.asksAMatter() {
		if sec := s.answerRecommend(); sec.text != "" {
			add(sec)
			return
		}
	}
	switch {
	case s.asksCompare():
		add(s.answerCompare())
	case (s.says(priceWords) || s.bareHowMuch() || s.couponForProduct() || s.buysACount()) && !refundAsked && !s.says(notProductPrice):
		// "<A>我那块电池能通用吧？到手多少": the yes-no question of the product is
		// answered from its page before its price.
		add(s.yesNoBesidePrice())
		add(s.answerPrice())
	}
}

// yesNoBesidePrice: the yes-no question a price question also asks of the one
// product it names, answered from the product's description; nothing when the
// description does not answer it.
func (s *session) yesNoBesidePrice() section {
	ps := s.namedProducts(s.text)
	if len(ps) != 1 || !s.asksYesNo() {
		return section{}
	}
	var info tool.ProductInfo
	if s.call(tool.GetProduct, map[string]string{"product_id": ps[0].ID}, &info) != nil {
		return section{}
	}
	if text, ok := s.yesNoAnswer(info); ok {
		return section{text: text}
	}
	return section{}
}

// withKnowledge: with no strong part, the product or the shop's FAQs and policies
// answer; an answer acting on the customer's own data is preceded by the shop's
// general answer when they asked a question it answers with confidence.
func (s *session) withKnowledge(parts []section) []section {
	if hasStrong(parts) {
		return s.explained(parts)
	}
	if text := s.crossMention(); text != "" {
		return []section{{text: text}} // "<A>能给<B>用吗": <A>'s page says so of <B>
	}
	// A question naming a product is about that product (stock, price, offers),
	// unless the shop's FAQs and policies answer it with confidence and it asks
	// nothing the product card says ("<product>包邮吗" is about shipping);
	// otherwise the FAQs and policies answer it first.
	_, kind := s.knowledge()
	named := len(s.namedProducts(s.text)) > 0 || kind == knowledge.KindProduct ||
		s.asksStock() && s.valueSellerIn(s.lastLine()) != nil // "<c>那个<kind>还有吗"
	if named && !s.shopWide(kind) {
		if text := s.shopAnswerOfNamed(); text != "" {
			return []section{{text: s.t("agent.kb.faq", text)}}
		}
	}
	p := s.answerProduct()
	if named && !s.shopWide(kind) && p.text != "" {
		return []section{p}
	}
	if r := s.answerFromKnowledge(); r != "" {
		return []section{{text: r}}
	}
	// Naming no product, a question of the shop's matters is the FAQ's before
	// any product the search found for its other words ("install the <kind>"),
	// unless that product's page says what was asked ("<kind>变硬了 是不是质量
	// 问题": its page says it stiffens below 15℃).
	if text := s.matterFAQ(); text != "" && !s.describedInTheirWords(s.productsToShow()) {
		return []section{{text: s.t("agent.kb.faq", text)}}
	}
	if p.text != "" {
		return []section{p}
	}
	return parts
}

// explained: the strong parts, after the shop's general answer that explains them.
func (s *session) explained(parts []section) []section {
	if kb := s.explanation(parts); kb != "" {
		return append([]section{{text: kb}}, parts...)
	}
	return parts
}

// shopAnswerOfNamed is what the shop's own texts say of a question about a named
// product that its page does not answer: their sentences on its subject, or the
// FAQ on the shop's matter it asks of; "" when they say nothing of it.
func (s *session) shopAnswerOfNamed() string {
	if sents := s.subjectSentences(); len(sents) > 0 {
		sep := s.t("agent.sentence_sep")
		return strings.Join(sents, sep) + strings.TrimSpace(sep)
	}
	return s.matterFAQ()
}

// explanation: the knowledge answer that explains the strong parts (an order, a
// refund) of a question, "" when none does. Only in the customer's language: a
// shop's FAQ written in the other one alone is a near miss beside their own
// order. A product page is no explanation of a refund of the customer's own order
// (it may be of a fault: "<part>坏了" and its warranty).
func (s *session) explanation(parts []section) string {
	if !explains(parts) || !isQuestion(s.low) || s.says(refundStatus) {
		return ""
	}
	refund := s.says(refundWords) || s.says(depositWords) || isPriceDrop(s.low)
	if kb, kind := s.knowledge(); kb != "" && (kind != knowledge.KindProduct || !refund) && i18n.Detect(kb) == s.lang {
		return kb
	}
	return ""
}

// shopWide: the shop's FAQs and policies answer the turn (a document of that kind
// was found with confidence) and it asks nothing the product card says — or it
// asks whether offers stack, which is the shop's rule.
func (s *session) shopWide(kind knowledge.Kind) bool {
	if s.stackingRule() {
		return true
	}
	if kind != knowledge.KindFAQ && kind != knowledge.KindPolicy {
		return false
	}
	return !s.asksStock() && !s.says(offerWords) && !s.says(optionsAsk) && !s.says(subsidyWords) && !s.saysMembership() &&
		!s.describedInNamed()
}

// reply joins the parts; a clarifying question is dropped beside a real answer.
func (s *session) reply(parts []section) *Reply {
	strong := hasStrong(parts)
	var texts []string
	for _, p := range parts {
		if !p.clarify || !strong {
			texts = append(texts, p.text)
		}
	}
	r := &Reply{Text: strings.Join(texts, "\n\n"), Private: s.private}
	s.eff.Apply(r)
	return r
}

func explains(parts []section) bool {
	for _, p := range parts {
		if p.explain {
			return true
		}
	}
	return false
}

func hasStrong(parts []section) bool {
	for _, p := range parts {
		if !p.clarify {
			return true
		}
	}
	return false
}

// handOff replies with text and asks for staff through the handoff tool.
func (s *session) handOff(text, reason string) *Reply {
	s.call(tool.HandoffToHuman, map[string]string{"reason": reason}, nil)
	r := &Reply{Text: text}
	s.eff.Apply(r)
	return r
}

// requestStaff asks for staff in the middle of an answer (e.g. a refused deposit).
func (s *session) requestStaff(reason string) {
	s.call(tool.HandoffToHuman, map[string]string{"reason": reason}, nil)
}

// call runs a tool through the toolbox exactly as the model would: JSON in, JSON
// out. It decodes the result into out and returns the tool's error object, if any.
func (s *session) call(name string, args any, out any) *tool.ErrorResult {
	b, err := json.Marshal(args)
	if err != nil {
		return &tool.ErrorResult{Error: "internal error", Code: codeInternal}
	}
	res, eff := s.tb.Call(s.ctx, name, string(b))
	s.eff.Merge(eff)
	var e tool.ErrorResult
	if json.Unmarshal([]byte(res), &e) == nil && e.Error != "" {
		return &e
	}
	if out != nil {
		if err := json.Unmarshal([]byte(res), out); err != nil {
			s.d.logError("agent: cannot read tool result", "tool", name, "err", err.Error())
			return &tool.ErrorResult{Error: "internal error", Code: codeInternal}
		}
	}
	return nil
}

// errText is what the customer reads for a tool's error: commerce's own words for a
// refusal or a "not found" (already in their language); for anything else a short
// apology, and staff are asked to help.
func (s *session) errText(e *tool.ErrorResult) string {
	switch e.Code {
	case codeNotFound, codeNotEligible, codeNoSize, codeInvalidInput:
		return e.Error
	}
	s.requestStaff(s.t("agent.handoff.reason.tool_failed"))
	return s.t("agent.tool_failed")
}

func (s *session) t(key string, args ...any) string { return i18n.T(s.lang, key, args...) }

// orderIDs are the customer's orders this turn means: by id, or — when the turn
// talks about something they bought — by what they bought (orders_link.go).
func (s *session) orderIDs() []string {
	if s.orders == nil {
		ids := s.notModelCodes(orderIDs(s.text, s.snap.OrdersOf(s.turn.Customer.Username)))
		if len(ids) == 0 && s.talksOfAnOrder() {
			ids = s.ordersByContent()
			if id := s.historyOrderID(); len(ids) == 0 && id != "" && !s.says(listAsked) {
				ids = []string{id} // the order under discussion carries to the next message
			}
		}
		s.orders = &ids
	}
	return *s.orders
}

// notModelCodes drops the order-like ids that are none of the customer's orders
// and name a product ("<AB-123>穿啥码", "<AB-123>是免烫的吗": a model code, not an
// order to report missing).
func (s *session) notModelCodes(ids []string) []string {
	own := s.snap.OrdersOf(s.turn.Customer.Username)
	out := ids[:0]
	for _, id := range ids {
		mine := slices.ContainsFunc(own, func(o shop.Order) bool { return o.ID == id })
		if mine || len(s.namedProducts(id)) == 0 {
			out = append(out, id)
		}
	}
	return out
}

// historyOrderID is the order under discussion: the one the customer named most
// recently in earlier messages, or the only one a reply of the bot's showed since
// ("上个月买的衣服" → that order → "能退差价吗" is about it).
func (s *session) historyOrderID() string {
	own := s.snap.OrdersOf(s.turn.Customer.Username)
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		m := s.turn.History[i]
		ids := orderIDs(m.Text, own)
		switch {
		case m.FromCustomer && len(ids) > 0:
			return ids[len(ids)-1]
		case !m.FromCustomer && len(ids) == 1:
			return ids[0]
		}
	}
	return ""
}

func (s *session) money(cents int64) string { return i18n.Money(cents, s.snap.Catalog.Currency) }
