package agent

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/shop"
)

// "A跟B能一起用吗", "do the coupon and the member discount stack?": when the
// shop's FAQs and policies do not answer it (stackingRule), the pricing rules do
// (SPEC §4). Offers of one kind never stack — each line takes the best single item
// discount, membership and subsidy; an order takes one spend-and-save and one
// coupon — while offers of different kinds apply one after another. The answer
// names the offers as the customer did and says which rule holds; it states no
// amount (a quote does, when they ask a price).

// offerCoupon is the coupon's place beside the promotion types.
const offerCoupon = "coupon"

var (
	itemDiscountWords = cues("item_discount")
	severalWords      = cues("several")
	// percentOffZH: "85折", "9.5折" — an item discount named by its rate.
	percentOffZH = regexp.MustCompile(`\d+(\.\d+)?折`)
)

// offerMention is one offer the turn names: a promotion of the catalogue, or only a
// kind of offer ("国补", "券").
type offerMention struct {
	kind  string
	promo *shop.Promotion
	said  string // the customer's words for it
}

// answerStacking says whether the offers the turn names combine; an empty section
// when it names fewer than two.
func (s *session) answerStacking() section {
	offers := s.offersNamed()
	if len(offers) < 2 {
		return section{}
	}
	names := make([]string, len(offers))
	for i, o := range offers {
		names[i] = o.said
		if o.promo != nil {
			names[i] = s.promoTitle(o.promo)
		}
	}
	list := strings.Join(names, s.t("agent.stack.and"))
	for i := range offers {
		for j := i + 1; j < len(offers); j++ {
			if offers[i].kind == offers[j].kind {
				_, rule := kindKeys(offers[i].kind)
				return section{text: s.t("agent.stack.same", list, s.t(rule))}
			}
		}
	}
	return section{text: s.t("agent.stack.combine", list)}
}

// offersNamed are the offers the turn names, one per part of the message ("A跟B",
// "A and B"), in the order said; "两张券" is two coupons.
func (s *session) offersNamed() []offerMention {
	var out []offerMention
	for _, part := range cartSep.Split(s.low, -1) {
		o, ok := s.offerIn(part)
		if !ok || containsOffer(out, o) {
			continue
		}
		out = append(out, o)
		if o.kind == offerCoupon && severalWords.in(part) {
			out = append(out, o) // "两张券一起用": coupons against coupons
		}
	}
	return out
}

// offerIn is the offer a part of the message names: a promotion by a word of its
// title, or else a kind of offer by its word.
func (s *session) offerIn(part string) (offerMention, bool) {
	said := strings.TrimSpace(part)
	// The part as said, not the residue: a category word names an offer too
	// ("<category>85折" is that category's discount).
	residue := numeralsAsDigits(part)
	for _, c := range []cueList{offerWords, subsidyWords, memberWords, spendWords, couponWords, stackWords, stopPhrases} {
		for _, w := range c.phrases {
			// A single character stays: "能" of "能效" is part of a name.
			if len([]rune(w)) >= 2 {
				residue = strings.ReplaceAll(residue, w, " ")
			}
		}
	}
	var best *shop.Promotion
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if namesPromo(residue, pr.DisplayTitle()) && (best == nil || titleOverlap(residue, pr) > titleOverlap(residue, best)) {
			best = pr
		}
	}
	if best != nil {
		return offerMention{kind: best.Type, promo: best, said: said}, true
	}
	for _, k := range offerKinds {
		if w := k.words.longest(part); w != "" {
			return offerMention{kind: k.kind, said: s.kindWord(w, k.kind)}, true
		}
		if k.kind == shop.PromoMembership && s.tierNamed(part) {
			return offerMention{kind: k.kind, said: s.t(k.name)}, true
		}
	}
	if percentOffZH.MatchString(part) {
		return offerMention{kind: shop.PromoItemDiscount, said: percentOffZH.FindString(part)}, true
	}
	return offerMention{}, false
}

// offerKinds: the words of each kind of offer, the most specific first ("会员折扣"
// is the member discount, not an item discount).
var offerKinds = []struct {
	kind          string
	words         cueList
	name, ruleKey string // message keys: the kind's name, its rule when two meet
}{
	{shop.PromoSubsidy, subsidyWords, "agent.stack.kind.subsidy", "agent.stack.rule.subsidy"},
	{shop.PromoMembership, memberWords, "agent.stack.kind.membership", "agent.stack.rule.membership"},
	{shop.PromoSpendSave, spendWords, "agent.stack.kind.spend_save", "agent.stack.rule.spend_save"},
	{offerCoupon, couponWords, "agent.stack.kind.coupon", "agent.stack.rule.coupon"},
	{shop.PromoItemDiscount, itemDiscountWords, "agent.stack.kind.item_discount", "agent.stack.rule.item_discount"},
}

// kindKeys are the message keys of kind.
func kindKeys(kind string) (name, rule string) {
	for _, k := range offerKinds {
		if k.kind == kind {
			return k.name, k.ruleKey
		}
	}
	return "agent.stack.kind.item_discount", "agent.stack.rule.item_discount"
}

// kindWord is how the customer named a kind of offer: their word, unless it is a
// single character ("券"), which reads better as the kind's name.
func (s *session) kindWord(word, kind string) string {
	if len([]rune(word)) > 1 {
		return word
	}
	name, _ := kindKeys(kind)
	return s.t(name)
}

// tierNamed: the text names a membership tier of the shop, by its id ("vip") or
// by a word of a membership promotion's title other than the words of membership
// ("钻石" of "钻石卡会员9折").
func (s *session) tierNamed(low string) bool {
	rest := withoutWords(low, memberWords.phrases)
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		if pr.Type != shop.PromoMembership {
			continue
		}
		// The tier as a whole word of the turn ("svip": the member words' "vip" is
		// inside it, so not of what is left once they are cut).
		if t := strings.ToLower(pr.Tier); t != "" && containsWord(low, t) {
			return true
		}
		title := []rune(withoutWords(strings.ToLower(pr.DisplayTitle()), memberWords.phrases))
		for j := 0; j+2 <= len(title); j++ {
			if unicode.Is(unicode.Han, title[j]) && unicode.Is(unicode.Han, title[j+1]) && strings.Contains(rest, string(title[j:j+2])) {
				return true
			}
		}
	}
	return false
}

// saysMembership: the turn speaks of the member discount, in words of membership
// or by the shop's name of a tier.
func (s *session) saysMembership() bool { return s.says(memberWords) || s.tierNamed(s.low) }

// titleOverlap counts the two-character runs the residue shares with the
// promotion's title: the promotion named most closely wins.
func titleOverlap(residue string, pr *shop.Promotion) int {
	r := []rune(numeralsAsDigits(strings.ToLower(pr.DisplayTitle())))
	n := 0
	for i := 0; i+2 <= len(r); i++ {
		if strings.ContainsFunc(string(r[i:i+2]), isWordRune) && strings.Contains(residue, string(r[i:i+2])) {
			n++
		}
	}
	return n
}

func containsOffer(list []offerMention, o offerMention) bool {
	for _, x := range list {
		if o.promo != nil && x.promo == o.promo || o.promo == nil && x.promo == nil && x.said == o.said {
			return true
		}
	}
	return false
}
