package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "有哪几个颜色" lists the values the product's variants differ in, out-of-stock
// ones marked; the base colour finds a fancy colour name ("灰色" → 岩灰).
func TestOptionsAndBaseColour(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{
		ID: "seat-1", Title: "护途 SafeRide 360 旋转座椅", Category: "seats",
		SKUs: []shop.SKU{
			{ID: "seat-1-b", Price: 199900, Stock: 12, Attributes: shop.Attrs{{Name: "color", Value: "曜石黑 Black"}}},
			{ID: "seat-1-g", Price: 199900, Stock: 0, Attributes: shop.Attrs{{Name: "color", Value: "岩灰 Grey"}}},
		},
	})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "SafeRide 360 有哪几个颜色"))
	if !strings.Contains(r.Text, "曜石黑") || !strings.Contains(r.Text, "岩灰（缺货）") {
		t.Errorf("options: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "SafeRide灰色的有货吗"))
	// Grey is sold out; black, still to be had, is offered instead — after it.
	if !strings.Contains(r.Text, "岩灰：暂时缺货") || strings.Index(r.Text, "曜石黑") < strings.Index(r.Text, "岩灰") {
		t.Errorf("grey stock: %q", r.Text)
	}
}

// A Latin word only one product carries names it; a category's words name none;
// two words of one title beat one of another's.
func TestModelWords(t *testing.T) {
	w := wordsFor(demoSnap)
	for _, tc := range []struct {
		text string
		want string // product id, "" = none
	}{
		{"what size in the cloud carbon", "p-run-2"},
		{"i wear 38 in leather shoes", ""},
	} {
		ps := w.byModel(tc.text)
		got := ""
		if len(ps) == 1 {
			got = ps[0].ID
		}
		if got != tc.want || (tc.want == "" && len(ps) > 0) {
			t.Errorf("%q: named %v, want %q", tc.text, ps, tc.want)
		}
	}
}

// A tag one product alone carries names it only where nothing else names one.
func TestTagNamesOnlyAlone(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...),
		shop.Product{ID: "pump-p9", Title: "暖暖 DuoFlow P9 吸奶器", Category: "pumps", SKUs: []shop.SKU{{ID: "p9-1", Price: 100, Stock: 1}}},
		shop.Product{ID: "digger", Title: "积木熊 遥控挖掘机", Category: "small-appliances", Tags: []string{"超级快充", "diaper cream"},
			SKUs: []shop.SKU{{ID: "dig-1", Price: 100, Stock: 1}}})
	f := newFixture(t)
	snap := shop.NewSnapshot(&cat, demoSnap.Orders)
	f.deps.Shop = fixedShop{snap}
	s := newSession(t.Context(), f.deps, turn("alice", "P9吸奶器是超级快充的吗"))
	if ps := s.namedProducts(s.text); len(ps) != 1 || ps[0].ID != "pump-p9" {
		t.Errorf("P9 … 超级快充: %v", ps)
	}
	s = newSession(t.Context(), f.deps, turn("alice", "哪个是超级快充"))
	if ps := s.namedProducts(s.text); len(ps) != 1 || ps[0].ID != "digger" {
		t.Errorf("超级快充 alone: %v", ps)
	}
}
