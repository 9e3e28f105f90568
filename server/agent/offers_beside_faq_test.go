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
