package agent

import (
	"strings"

	"github.com/concierge-shop/concierge/server/shop"
)

// Whether the member discount or the subsidy applies to a kind of product
// ("会员95折手机能用吗", "does the subsidy cover <category>?"): the catalogue says it
// per product (membership_eligible, subsidy_eligible), and an offer of that type
// is no offer on a product that takes none.

// offersTo: pr is offered on p — it covers p, and p takes offers of its type.
func offersTo(pr *shop.Promotion, p *shop.Product) bool {
	switch {
	case !pr.Covers(p):
		return false
	case pr.Type == shop.PromoMembership:
		return p.MembershipEligible
	case pr.Type == shop.PromoSubsidy:
		return p.SubsidyEligible
	}
	return true
}

// scopeExcluded tells that the category the customer asks about takes no member
// discount (or no subsidy), when they ask of that and none of its products does;
// "" otherwise.
func (s *session) scopeExcluded(scope []*shop.Product) string {
	if len(scope) == 0 {
		return ""
	}
	var key string
	var takes func(*shop.Product) bool
	switch {
	case s.says(subsidyWords):
		key, takes = "agent.promos.cat_no_subsidy", func(p *shop.Product) bool { return p.SubsidyEligible }
	case s.saysMembership():
		key, takes = "agent.promos.cat_no_member", func(p *shop.Product) bool { return p.MembershipEligible }
	default:
		return ""
	}
	for _, p := range scope {
		if takes(p) {
			return ""
		}
	}
	var words []string
	for _, m := range s.words.categoryMentions(s.low) {
		if w := s.low[m.pos:m.end]; !contains(words, w) {
			words = append(words, w)
		}
	}
	return s.t(key, strings.Join(words, s.t("agent.list_sep")))
}
