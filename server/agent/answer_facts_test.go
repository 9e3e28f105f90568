package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A fact asked about a product is answered with the description's sentence that
// states it, negation included, not with the description's opening lines.
func TestFactSentences(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{
		ID: "pack-40", Title: "行者 Trailhead 40L 登山包", Category: "bags",
		Description: "背负系统可按身高调节，腰带可拆。面料防泼水，不防暴雨，雨天请套防雨罩。不含防雨罩，需另购。" +
			"侧袋可放1L水壶。English: adjustable harness. Splash-proof fabric, not stormproof. Rain cover not included.",
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
