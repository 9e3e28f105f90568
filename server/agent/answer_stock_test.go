package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// "白色的有吗" after a price asks whether that variant is in stock: the stock of
// the white variants answers, not the earlier question's price.
func TestVariantAskedWithoutStockWords(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		tr   Turn
		lang i18n.Lang
	}{
		{followTurn("alice", "白色的有吗", "疾风缓震跑鞋多少钱"), i18n.ZH},
		{followTurn("bob", "do you have it in white?", "how much is the Gale Cushion Runner"), i18n.EN},
	} {
		r, calls := f.plan(t, c.tr)
		if len(toolArgs(t, calls, tool.QuotePrice)) > 0 {
			t.Errorf("%s: quoted a price: %q", c.tr.Messages[0], r.Text)
		}
		// White 40 of the cushion runner is sold out; the others are in stock.
		out := i18n.T(c.lang, "agent.stock.variant_out", "40 · "+map[i18n.Lang]string{i18n.ZH: "白色", i18n.EN: "White"}[c.lang])
		if !strings.Contains(r.Text, out) {
			t.Errorf("%s: want %q in %q", c.tr.Messages[0], out, r.Text)
		}
	}
	// "有没" closing a message that names the variant is a stock question too.
	r, _ := f.plan(t, turn("alice", "疾风缓震跑鞋白色40码有没"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.stock.variant_out", "40 · 白色")) {
		t.Fatalf("有没: %q", r.Text)
	}
}

// "…or do I pay extra?" asks about a fee, not the product's price: the product's
// own words on it answer, no quote.
func TestPayExtraIsNoPriceQuestion(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("bob", "does the CoolBreeze AC come with installation or do I pay extra?"))
	if len(toolArgs(t, calls, tool.QuotePrice)) > 0 || !strings.Contains(r.Text, "installation") {
		t.Fatalf("the installation fact, no quote: %q", r.Text)
	}
}

// "when does it expire?" after "do I have a coupon?" is about that coupon.
func TestCouponTalkContinues(t *testing.T) {
	f := newFixture(t)
	held := demoSnap.Customer("alice").Coupons
	if len(held) == 0 {
		t.Fatal("alice holds coupons in the demo")
	}
	r, _ := f.plan(t, followTurn("alice", "when does it expire?", "do I have any coupons?"))
	if !strings.Contains(r.Text, held[0].Code) {
		t.Fatalf("the coupon's expiry: %q", r.Text)
	}
}

// "都是啥" after "我买过几单" lists those orders.
func TestWhatAreTheyContinuesOrderTalk(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, followTurn("alice", "都是啥", "我在你家买过几单"))
	for _, id := range []string{"O-1001", "O-1004"} {
		if !strings.Contains(r.Text, id) {
			t.Fatalf("the orders: %q", r.Text)
		}
	}
}

// "what colours does the canvas sneaker come in?": the product the search finds
// answers with its options; a colour every variant shares is "only" that colour.
func TestOnlyColourOfTheProductFound(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("bob", "what colours does the canvas sneaker come in?"))
	if !strings.Contains(r.Text, i18n.T(i18n.EN, "agent.options.only", "color", "White")) || !strings.Contains(r.Text, "36, 37") {
		t.Fatalf("only white, sizes 36–42: %q", r.Text)
	}
}

// "do you have the <product> in <value>?" asks after that variant's stock, and a
// follow-up's own value replaces the earlier one's ("what about black?").
func TestDoYouHaveTheVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-tote", Title: "匠心 Tote 32 托特包", Category: "bags",
		SKUs: []shop.SKU{
			{ID: "s-t-tote-g", Price: 89900, Stock: 0, Attributes: shop.AttrsOf(map[string]string{"color": "燕麦色"})},
			{ID: "s-t-tote-b", Price: 89900, Stock: 3, Attributes: shop.AttrsOf(map[string]string{"color": "黑色"})}}})
	r, _ := f.plan(t, turn("alice", "do you have the Tote 32 in oatmeal?"))
	if !strings.Contains(r.Text, "燕麦色: out of stock") || !strings.Contains(r.Text, i18n.T(i18n.EN, "agent.stock.instead", "黑色")) {
		t.Errorf("oatmeal out of stock, black instead: %q", r.Text)
	}
	r, _ = askAfter(t, f, "alice", "do you have the Tote 32 in oatmeal?", "what about black?")
	if !strings.Contains(r.Text, "黑色: in stock") || strings.Contains(r.Text, "out of stock") {
		t.Errorf("black, in stock: %q", r.Text)
	}
}

// A variant asked about that is sold out is answered with the other values still
// to be had, the rest of what was asked kept: white 40 sold out → black (in 40),
// and the other sizes in white.
func TestSoldOutOffersWhatIsThere(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "疾风缓震跑鞋白色40码还能买到吗"))
	var instead string
	for _, l := range strings.Split(r.Text, "\n") {
		if strings.HasPrefix(l, strings.TrimSuffix(i18n.T(i18n.ZH, "agent.stock.instead", ""), "。")) {
			instead = l
		}
	}
	if instead == "" || !strings.Contains(instead, "黑色") || strings.Contains(instead, "白色") || strings.Contains(instead, "40") {
		t.Errorf("the alternatives: %q", r.Text)
	}
	// In stock: no alternatives offered.
	r, _ = f.plan(t, turn("alice", "疾风缓震跑鞋黑色40码还能买到吗"))
	if strings.Contains(r.Text, strings.TrimSuffix(i18n.T(i18n.ZH, "agent.stock.instead", ""), "。")) {
		t.Errorf("black 40 is in stock: %q", r.Text)
	}
}
