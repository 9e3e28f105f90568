package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "How heavy is it?" of a single question is answered with the sentence stating
// a weight, not only one that says "heavy" of something else; "how long is it
// covered" asks a time, so a sentence of lengths gains nothing from it. Pinned
// by demo-ski-b-029, demo-pcparts-b-031 and demo-wine-b-049.
func TestMeasureAskedInOneQuestion(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{
		ID: "ski-t", Title: "Testwerk Tour 88 Touring Ski", Lang: "en", Category: "skis",
		Description: "Lightweight ski for uphill days. Dimensions 120-88-106 mm. Weight: 1280 g per ski at 170 cm. " +
			"Paulownia wood core with carbon stringers, tip rocker, pre-cut skin notch in the tip and tail. " +
			"Ski only: bindings and climbing skins are not included. Works with pin touring bindings and with frame touring bindings; " +
			"not recommended with heavy alpine race bindings. Suitable for advanced skiers who already ski off-piste confidently. " +
			"Warranty: 2 years on the core. The 177 cm length is sold as a pre-order; see the deposit policy for pre-sale terms.",
		SKUs: []shop.SKU{{ID: "ski-t-170", Price: 459900, Stock: 5, Attributes: shop.Attrs{{Name: "length", Value: "170cm"}}}},
	})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	for _, tc := range []struct{ q, want, not string }{
		{"How heavy is the Tour 88?", "1280 g", "skin notch"},
		{"how long is the Tour 88 covered if the core breaks?", "2 years", "120-88-106"},
	} {
		r, _ := f.plan(t, turn("alice", tc.q))
		if !strings.Contains(r.Text, tc.want) || strings.Contains(r.Text, tc.not) {
			t.Errorf("%s: want %q and not %q in %q", tc.q, tc.want, tc.not, r.Text)
		}
	}
}

// A question's word finds the description's word of one stem: "pregnant" the
// sentence "Not suitable during pregnancy" (demo-haircare-b-032), "efficiency"
// "efficient"; a short word keeps its ending ("present" is no "pres").
func TestStemAcrossDerivations(t *testing.T) {
	for w, in := range map[string]string{"pregnant": "pregnancy", "pregnancy": "pregnant", "efficiency": "efficient", "shipping": "shipped"} {
		if !strings.Contains(in, stem(w)) {
			t.Errorf("stem(%q) = %q, not in %q", w, stem(w), in)
		}
	}
	if got := stem("present"); got != "present" {
		t.Errorf("stem(present) = %q", got)
	}
}
