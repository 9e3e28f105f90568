package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A fact asked about a product is answered with the long description's sentence
// that states it, negation included, not with the description's opening lines.
func TestFactSentences(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{
		ID: "pack-40", Title: "行者 Trailhead 40L 登山包", Category: "bags",
		Description: "背负系统可按身高调节，腰带可拆。面料防泼水，不防暴雨，雨天请套防雨罩。不含防雨罩，需另购。" +
			"侧袋可放1L水壶。主仓为顶开式，有独立睡袋仓，前面板可挂登山杖和冰镐，肩带上有胸扣和哨子，背板透气网布在夏天也不闷，包底有收纳式挂扣，可以外挂防潮垫，适合两到三天的徒步行程，建议负重不超过十五公斤，长期超重会损坏背负系统，保修期为一年，人为损坏不在保修范围内，清洗时请手洗并阴干，不要暴晒，也不要用洗衣机。收到商品后请先检查配件是否齐全，如有缺少请在七天内联系客服补发，我们会尽快为您处理。" +
			"English: adjustable harness. Splash-proof fabric, not stormproof. Rain cover not included. A top-loading main compartment with a separate sleeping bag section; loops for trekking poles and an ice axe on the front panel; a sternum strap with a whistle; a ventilated mesh back panel; attachment points under the pack for a sleeping pad. Made for two- to three-day hikes; keep the load under 15 kg. One-year warranty. Hand wash and dry in the shade.",
		SKUs: []shop.SKU{{ID: "pack-40-grey", Price: 39900, Stock: 5, Attributes: shop.Attrs{{Name: "colour", Value: "灰色"}}}},
	})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	for _, tc := range []struct{ q, want, not string }{
		{"Trailhead登山包防水吗", "不防暴雨", "腰带可拆"},
		{"Trailhead登山包带不带防雨罩", "不含防雨罩", "腰带可拆"},
		{"Trailhead登山包能放水壶吗", "侧袋可放1L水壶", "腰带可拆"},
		{"does the Trailhead pack include a rain cover?", "Rain cover not included", "adjustable harness"},
	} {
		r, _ := f.plan(t, turn("alice", tc.q))
		if !strings.Contains(r.Text, tc.want) || strings.Contains(r.Text, tc.not) {
			t.Errorf("%s: want %q and not %q in %q", tc.q, tc.want, tc.not, r.Text)
		}
	}
}

// "充绒量多少", "厚多少", "<thing>有多少" ask a measure, not a price; "优惠有多少"
// asks money.
func TestHowMuchOfAMeasure(t *testing.T) {
	for _, q := range []string{"充绒量多少", "它比日用的厚多少啊", "电池容量是多少", "续航多少", "套装里都有啥 蜡有多少"} {
		if !howMuchOf.MatchString(q) {
			t.Errorf("%q read as money", q)
		}
	}
	for _, q := range []string{"这个多少", "黑色42码多少", "这个优惠有多少？", "能省多少"} {
		if howMuchOf.MatchString(q) {
			t.Errorf("%q not read as money", q)
		}
	}
}

// "A和B哪个屏幕大" compares them, with each description's sentence about it.
func TestCompareWhatWasAsked(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "x7和note5哪个屏幕大"))
	if !slices.Contains(calledTools(calls), tool.CompareProducts) {
		t.Fatalf("not compared: %v %q", calledTools(calls), r.Text)
	}
	row := ""
	for _, line := range strings.Split(r.Text, "\n") {
		if strings.Contains(line, i18n.T(i18n.ZH, "agent.compare.asked")) {
			row = line
		}
	}
	for _, id := range []string{"p-phone-1", "p-phone-2"} {
		p := demoSnap.Product(id)
		if p == nil {
			t.Fatalf("demo product %s missing", id)
		}
		if facts := (&session{}).sentencesWith(localDescription(p.Description, i18n.ZH), "屏"); len(facts) == 0 || !strings.Contains(row, facts[0]) {
			t.Errorf("%s: its screen sentence %v not in %q", id, facts, row)
		}
	}
}

// sentencesWith is the description's sentences holding w (the test's own reading).
func (*session) sentencesWith(desc, w string) []string {
	var out []string
	for _, sent := range sentenceEnd.Split(desc, -1) {
		if strings.Contains(sent, w) {
			out = append(out, strings.TrimSpace(sent))
		}
	}
	return out
}

// "Can I use coupon X on <product>?" quotes the product with that coupon; the
// quote says why an expired one was not used.
func TestCouponNamedForAProduct(t *testing.T) {
	f := newFixture(t)
	var expired string
	for _, c := range demoSnap.Customer("alice").Coupons {
		if c.Expires != nil && !demoNow.Before(*c.Expires) {
			expired = c.Code
		}
	}
	if expired == "" {
		t.Fatal("alice holds no expired coupon: the test proves nothing")
	}
	r, calls := f.plan(t, turn("alice", expired+"那张券还能用在缓震跑鞋上吗"))
	if !slices.Contains(calledTools(calls), tool.QuotePrice) || !strings.Contains(r.Text, "过期") {
		t.Errorf("tools %v: %q", calledTools(calls), r.Text)
	}
}

// An English question finds the sentence of a Chinese-only description through the
// glossary, and "那X呢 哪个更…" compares X with the product asked about before.
func TestCrossLanguageFactsAndCompareWithEarlier(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...),
		shop.Product{ID: "pump-a", Title: "暖暖 Duo 吸奶器", Category: "pumps",
			Description: "双边同时吸奶，九档吸力可调，适合上班族背奶使用，配有两个储奶瓶和一个冰包，整机重量约三百克，可以放进通勤包随身携带，" +
				"喇叭罩有三种尺寸可选，接触乳汁的配件都可以拆洗和煮沸消毒，主机不可水洗，请用干布擦拭。噪音约45分贝。内置锂电池，满电可用四次。" +
				"主机保修一年，电机保修两年，非人为损坏免费维修，人为损坏或私自拆机不在保修范围内，维修期间可申请备用机。",
			SKUs: []shop.SKU{{ID: "pump-a-1", Price: 99900, Stock: 3}}},
		shop.Product{ID: "pump-b", Title: "Solo Wearable Pump", Category: "pumps",
			Description: "Hands-free. Quieter than a wall pump (about 40 dB).",
			SKUs:        []shop.SKU{{ID: "pump-b-1", Price: 89900, Stock: 3}}})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "how many times can the Duo pump run on one battery charge?"))
	if !strings.Contains(r.Text, "满电可用四次") {
		t.Errorf("cross-language fact: %q", r.Text)
	}
	r, calls := askAfter(t, f, "alice", "Duo吸奶器噪音大不大", "那Solo Wearable呢 哪个更安静")
	if !slices.Contains(calledTools(calls), tool.CompareProducts) || !strings.Contains(r.Text, "40 dB") || !strings.Contains(r.Text, "45分贝") {
		t.Errorf("compare with the earlier product: %v %q", calledTools(calls), r.Text)
	}
}

// Three characters of a title word in the question name the product, not the fact
// asked; two may be the fact ("防水" of a "防水外套").
func TestAskedWordsDropNamePartsOfThree(t *testing.T) {
	f := newFixture(t)
	s := newSession(t.Context(), f.deps, turn("alice", "x"))
	if got := s.askedWords("栀子花的留香久吗", "栀语 栀子花淡香水"); strings.Contains(got, "栀子花") || !strings.Contains(got, "留香") {
		t.Errorf("name part kept or fact lost: %q", got)
	}
	if got := s.askedWords("这件防水吗", "山岳 防水外套"); !strings.Contains(got, "防水") {
		t.Errorf("fact lost: %q", got)
	}
}
