package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A question of a kind of products that names an offer is the offers on that kind
// — unless an FAQ on that very offer answers it ("手机国补要什么条件": the subsidy
// FAQ's conditions, not the list of offers running). Pinned by hw-b-040,
// demo-health-097, kids-f-005.
func TestOfferFAQBeforeTheOffersOfAKind(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-sub", Question: "国补需要什么条件？怎么领？", Answer: "国补商品下单时自动抵扣，需完成实名认证，仅限个人购买。", Lang: "zh"},
		shop.FAQ{ID: "f-ship", Question: "多久发货？", Answer: "付款后48小时内发货。", Lang: "zh"})
	r, _ := f.plan(t, turn("dave", "手机国补要什么条件"))
	if !strings.Contains(r.Text, "实名") {
		t.Errorf("want the subsidy FAQ's conditions: %q", r.Text)
	}
	r, _ = f.plan(t, turn("dave", "手机最近有什么活动"))
	if strings.Contains(r.Text, "实名") || !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.live")) {
		t.Errorf("want the offers running on phones: %q", r.Text)
	}
}

// What comes after "instead of" is what the customer does not ask about: "collect
// it myself instead of shipping" is the pickup FAQ, not the shipping one. Pinned by
// garden-b-073, aq-b-081.
func TestInsteadOfIsNotTheSubject(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-pick", Question: "可以自提吗？", Answer: "可以到杭州仓库自提，需提前一天预约。", Lang: "zh"},
		shop.FAQ{ID: "f-ship", Question: "How long does shipping take?", Answer: "Orders ship within 48 hours and arrive in 2-4 days.", Lang: "en"})
	r, _ := f.plan(t, turn("dave", "I'm in Shanghai. Can I collect the order myself instead of shipping?"))
	if !strings.Contains(r.Text, "杭州") {
		t.Errorf("want the pickup FAQ: %q", r.Text)
	}
}
