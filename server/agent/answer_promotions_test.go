package agent

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

func TestNumeralsAsDigits(t *testing.T) {
	for in, want := range map[string]string{"双十一": "双11", "七折": "7折", "二十码": "20码", "三十五": "35", "十": "10", "一段": "1段"} {
		if got := numeralsAsDigits(in); got != want {
			t.Errorf("numeralsAsDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

// An offer asked about by name ("双十一那个七折") is answered about that offer: the
// ones running now are not listed as if they were the answer.
func TestPromotionAskedByName(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "双十一那个打七折的活动现在还能参加吗"))
	live := i18n.T(i18n.ZH, "agent.promos.live")
	if strings.Contains(r.Text, live) || !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.ended")) {
		t.Fatalf("the ended offer alone: %q", r.Text)
	}
}

// Named a month and more after it ended, the offer is still told as ended.
func TestPromotionAskedByNameLongAfter(t *testing.T) {
	f := newFixture(t)
	f.deps.Now = func() time.Time { return demoNow.Add(40 * 24 * time.Hour) }
	r, _ := f.plan(t, turn("alice", "双十一那个打七折的活动现在还能参加吗"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.ended")) {
		t.Fatalf("the ended offer not told: %q", r.Text)
	}
}

// "What discount do I get as a member?" from a customer with a tier: their tier's
// offer, not every tier's.
func TestMembersOwnTierOffer(t *testing.T) {
	cat := *demoSnap.Catalog
	eight := int64(8)
	cat.Promotions = append(append([]shop.Promotion{}, cat.Promotions...), shop.Promotion{
		ID: "pr-t-svip", Type: shop.PromoMembership, Tier: "svip", PercentOff: &eight, Title: "SVIP会员92折 | SVIP members: 8% off"})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "what discount do I get as a member?"))
	if !strings.Contains(r.Text, "5% off") || strings.Contains(r.Text, "8% off") {
		t.Fatalf("alice (vip) is told the VIP offer alone: %q", r.Text)
	}
}

// The member discount asked of a category none of whose products takes it is
// answered no, and the offer told for the rest of the shop; asked of a category
// that takes it, the offer alone.
func TestMemberDiscountOfACategory(t *testing.T) {
	for _, p := range demoSnap.Catalog.Products {
		if p.Category == "phones" && p.MembershipEligible || p.Category == "running-shoes" && !p.MembershipEligible {
			t.Fatalf("the demo's phones take no member discount, its running shoes do: %s", p.ID)
		}
	}
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "会员95折手机能用吗"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.cat_no_member", "手机")) {
		t.Errorf("phones take none: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "会员95折跑鞋能用吗"))
	if strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.cat_no_member", "跑鞋")) {
		t.Errorf("running shoes take it: %q", r.Text)
	}
}

// "any discounts on running shoes?" asks the offers of that category, in the plural too.
func TestOffersOfACategoryInEnglish(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "any discounts on running shoes rn?"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.EN, "agent.promos.live")) && !strings.HasPrefix(r.Text, i18n.T(i18n.EN, "agent.promos.none")) {
		t.Errorf("the category's offers: %q", r.Text)
	}
}

// "最近店里有什么活动" lists the offers running, whatever FAQ mentions members; a
// cap the title does not state is told; "我的优惠券还能用吗" is about their coupons.
func TestOpenAskForOffersAndCaps(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "最近店里有什么活动"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.promos.live")) {
		t.Errorf("the offers on: %q", r.Text)
	}
	pr := shop.Promotion{ID: "p-t-cap", Type: shop.PromoSpendSave, Title: "锅具每满300减30", Threshold: 30000, Off: 3000, Repeat: true, MaxOff: ptrMoney(9000)}
	s := newSession(t.Context(), f.deps, turn("alice", "x"))
	if got := s.promoTitle(&pr); !strings.Contains(got, "¥90.00") {
		t.Errorf("cap not told: %q", got)
	}
	pr.Title = "锅具每满300减30，最高减90"
	if got := s.promoTitle(&pr); strings.Contains(got, "¥90.00") {
		t.Errorf("cap told twice: %q", got)
	}
	r, _ = f.plan(t, turn("alice", "我的优惠券还能用吗"))
	if !strings.Contains(r.Text, "C50") {
		t.Errorf("their coupons: %q", r.Text)
	}
}

func ptrMoney(m shop.Money) *shop.Money { return &m }

// An offer written out as its terms ("满500减80") names a promotion, here one not
// started yet; "有哪些满减" lists the spend-and-save offers; "有没有活动" after a
// kind asks after offers, not whether the kind is sold.
func TestOffersNamedByTheirTerms(t *testing.T) {
	f := newAssetFixture(t, "demo-toys")
	r, _ := f.plan(t, turn("alice", "圣诞满500减80现在能用吗"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.promos.soon")) || !strings.Contains(r.Text, "满500减80") {
		t.Errorf("the offer to start: %q", r.Text)
	}
	h := newAssetFixture(t, "demo-hardware")
	r, _ = h.plan(t, turn("alice", "现在店里有哪些满减"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.promos.live")) {
		t.Errorf("the offers on: %q", r.Text)
	}
	r, _ = h.plan(t, turn("alice", "智能锁元旦有没有活动"))
	if strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.have")) {
		t.Errorf("offers asked, not products: %q", r.Text)
	}
}
