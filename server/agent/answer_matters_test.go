package agent

import (
	"strings"
	"testing"

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
