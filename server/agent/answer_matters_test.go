package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A product asked about on one of the shop's matters (shipping fees) its page does
// not speak of gets the shop's FAQ, not the product card; one whose page speaks
// of it, and a stock question, stay the product's.
func TestShopMattersOfANamedProduct(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-kit", Title: "山野 露营炊具套装", Category: "outdoor",
		Description: "铝合金锅具四件套。本品单独发顺丰，运费由我们承担。",
		SKUs:        []shop.SKU{{ID: "s-t-kit", Price: 19900, Stock: 5}}})
	for _, c := range []struct {
		say      string
		faq      bool
		contains string
	}{
		{"买两件速干运动T恤 还要另外出邮费吗", true, "99元包邮"},
		{"速干运动T恤有现货吗 今天能发吗", false, "有货"},
		{"山野露营炊具套装 要运费吗", false, "运费由我们承担"},
	} {
		r, _ := f.plan(t, turn("dave", c.say))
		fromFAQ := strings.Contains(r.Text, "99元包邮")
		if fromFAQ != c.faq || !strings.Contains(r.Text, c.contains) {
			t.Errorf("%q: got %q, want the shipping FAQ %v and %q", c.say, r.Text, c.faq, c.contains)
		}
	}
}

// Of the FAQs on the matters asked, the one whose question names most of them:
// "will the courier check my ID" asks of delivery and of age, and the age FAQ
// (which names the age check) answers, not the delivery-times FAQ.
func TestShopMatterFAQNamingMostOfThem(t *testing.T) {
	f := newAssetFixture(t, "demo-wine")
	r, _ := f.plan(t, turn("dave", "Will the delivery guy check my ID when dropping off the wine?"))
	if !strings.Contains(r.Text, "18") {
		t.Errorf("ID check: %q", r.Text)
	}
}

// Naming no product, a question of the shop's matters gets the FAQ whose
// question names them ("付完款啥时候能寄出来": dispatch), where the search alone was
// not sure enough; one that also names what another FAQ is about ("退的钱…":
// refunds, not payment), is asked back. One the first FAQ found answers on every
// matter it speaks of ("地址填错了还没发货能改吗": the address, before dispatch) is
// offered as the one guess, with that FAQ's answer.
func TestShopMattersWithoutAProduct(t *testing.T) {
	for _, c := range []struct{ shop, say, want string }{
		{"demo-kitchen", "付完款啥时候能寄出来", "48"},
		{"demo-stationery", "can you ship with SF express instead?", "10"},
		{"demo", "退的钱几天回到支付宝", ""},
		{"demo", "地址填错了还没发货能改吗", "修改"},
	} {
		f := newFixture(t)
		if c.shop != "demo" {
			f = newAssetFixture(t, c.shop)
		}
		r, _ := f.plan(t, turn("dave", c.say))
		asked := strings.HasPrefix(r.Text, strings.Split(i18n.T(i18n.Detect(c.say), "agent.clarify", ""), "\n")[0])
		if c.want == "" && !asked || c.want != "" && (asked || !strings.Contains(r.Text, c.want)) {
			t.Errorf("%s %q: %q", c.shop, c.say, r.Text)
		}
	}
}
