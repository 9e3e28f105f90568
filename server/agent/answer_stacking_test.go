package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Whether offers combine follows the pricing rules when no FAQ says: two of one
// kind never stack (the rule of that kind is told), two kinds do.
func TestStackingFromPricingRules(t *testing.T) {
	f := newFixture(t)
	// A shop that wrote no FAQ or policy about it: the demo's, without them.
	cat := *demoSnap.Catalog
	cat.FAQs, cat.Policies = nil, nil
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	cases := []struct{ q, want string }{
		{"跑鞋8折和羽绒服直降100元能一起用吗", i18n.T(i18n.ZH, "agent.stack.rule.item_discount")},
		{"二级能效补贴跟一级能效补贴可以叠加吗", i18n.T(i18n.ZH, "agent.stack.rule.subsidy")},
		{"两张券能一起用吗", i18n.T(i18n.ZH, "agent.stack.rule.coupon")},
		{"优惠券和会员折扣能叠加吗", "可以叠加"},
		{"can I stack a coupon with the member discount?", "do stack"},
		{"do the 20% off running shoes and the ¥100 off down jacket deals stack?", i18n.T(i18n.EN, "agent.stack.rule.item_discount")},
	}
	for _, c := range cases {
		r, _ := f.plan(t, turn("alice", c.q))
		if !strings.Contains(r.Text, c.want) {
			t.Errorf("%s: want %q in %q", c.q, c.want, r.Text)
		}
	}
}

// The shop's own words on stacking answer before the rules do.
func TestStackingShopFAQFirst(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "优惠券和会员折扣能叠加吗"))
	if strings.Contains(r.Text, "可以叠加使用") || !strings.Contains(r.Text, "每单限用一张优惠券") {
		t.Fatalf("the demo's coupon FAQ answers: %q", r.Text)
	}
}

// A tier named by the shop's word for it ("钻石卡" of "钻石卡会员95折") is a
// question about the member discount: a product outside it says so beside its price.
func TestTierNamedAsksTheMemberDiscount(t *testing.T) {
	f := newFixture(t)
	cat := *demoSnap.Catalog
	cat.Promotions = append([]shop.Promotion{}, cat.Promotions...)
	for i := range cat.Promotions {
		if cat.Promotions[i].Type == shop.PromoMembership {
			cat.Promotions[i].Title = "钻石卡会员95折"
		}
	}
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "我是钻石卡 星耀X7 256G黑色到手多少"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.price.no_member", "星耀 X7 5G手机")) {
		t.Fatalf("no member discount on the phone: %q", r.Text)
	}
}

// A tier whose name holds a member word ("svip" holds "vip") is still named, and the
// price tells that the product takes no member discount (demo-cycling).
func TestTierHoldingAMemberWord(t *testing.T) {
	f := newAssetFixture(t, "demo-cycling")
	r, _ := f.plan(t, turn("guest", "What's the price of the Climb SL in matte black, size M? Do I get my SVIP discount on it?"))
	if told := strings.SplitN(i18n.T(i18n.EN, "agent.price.no_member", "%"), "%", 2)[1]; !strings.Contains(r.Text, told) {
		t.Errorf("no member discount told: %q", r.Text)
	}
}
