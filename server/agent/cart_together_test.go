package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// Whether a price question asks for one cart's total: one count told for the second
// of two products ("<A> and two of the <B>s") is a cart; values the first product is
// sold in after a comma ("2 <A> tees, black M?") are its variant, not a second item;
// "各多少钱" asks each product's own price.
func TestTogetherWithOneCount(t *testing.T) {
	for _, tc := range []struct {
		shop, q string
		want    bool
	}{
		{"demo-lighting", "How much for the pathway lights 6-pack and two of the solar floodlights 300W?", true},
		{"demo-apparel", "price for 2 DryPace tees, black M?", false},
		{"demo-eyewear", "Aquaveil日抛30片和HydroClear双周抛 一盒各多少钱", false},
		{"demo-eyewear", "Aquaveil日抛30片和HydroClear双周抛 各两盒 一共多少钱", true},
	} {
		snap, err := loadShop(tc.shop)
		if err != nil {
			t.Fatal(err)
		}
		f := newFixtureFor(t, snap, indexOf(t, snap), demoNow)
		s := startSession(t.Context(), f.deps, turn("dave", tc.q))
		if got := s.together(); got != tc.want {
			t.Errorf("%s %q: together %v, want %v", tc.shop, tc.q, got, tc.want)
		}
	}
}

// An English part names a Chinese-titled product when the glossary's Chinese of
// two of its words or more is in that title and its tags, and in no other as much;
// one shared word ("sensor") names nothing.
func TestGlossedTitleOfAPart(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	s := startSession(t.Context(), f.deps, turn("dave", "What's the price of 3 Origo water leak sensors and one smoke alarm together?"))
	got := s.glossedTitleProductIn("What's the price of 3 Origo water leak sensors ")
	if len(got) != 1 || !strings.Contains(got[0].Title, "水浸") {
		t.Errorf("water leak sensors: %v, want the one titled 水浸", productIDs(got))
	}
	if got := s.glossedTitleProductIn("two sensors"); got != nil {
		t.Errorf("one shared word named %v", productIDs(got))
	}
}

// An English question that names no product, where the search found only an
// English title sharing one word with it ("Sensor"), is about the Chinese-titled
// product the glossary reads more of its words in; a question of which to buy in a
// category is still answered of the category.
func TestEnglishNameOfAChineseTitle(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	s := startSession(t.Context(), f.deps, turn("dave", "how much is the water leak sensor?"))
	if ps := s.productsAsked(); len(ps) != 1 || !strings.Contains(ps[0].Title, "水浸") {
		t.Errorf("water leak sensor: %v, want the one titled 水浸", productIDs(ps))
	}
	g := newAssetFixture(t, "demo-golf")
	s = startSession(t.Context(), g.deps, turn("dave", "Which putter suits a straight-back-straight-through stroke?"))
	for _, q := range []string{"Which putter suits a straight-back-straight-through stroke?", "what wetsuit would be best for 15 degree water"} {
		if !whichSuits.MatchString(q) {
			t.Errorf("%q: not read as which suits", q)
		}
	}
	if ps := s.productsMeant(nil, false); len(ps) == 1 {
		t.Errorf("a choice answered of one product the glossary points at: %v", productIDs(ps))
	}
}

// Two English words the glossary has together ("high waist" → 高腰) count as two
// of the words a Chinese title says.
func TestEnglishCoverageOfTwoWords(t *testing.T) {
	p := &shop.Product{Title: "<品牌> 高腰<款式>瑜伽裤"}
	if n := englishCoverage([]string{"high", "waist"}, p); n != 2 {
		t.Errorf("high waist: %d words said, want 2", n)
	}
}

// A count after a buying or pricing phrase counts what is bought though no plural
// follows ("how much for two <Name>"); a count of people or days does not.
func TestCountBeforeAName(t *testing.T) {
	none := func(string) bool { return false }
	for q, want := range map[string]int64{
		"How much for two Pebble Home Mini in graphite grey?": 2,
		"price for 3 Vantor Soft":                             3,
		"how much is a tent for 2 people?":                    1,
		"how much for two people per night":                   1,
	} {
		if got := quantity(q, none); got != want {
			t.Errorf("%q: quantity %d, want %d", q, got, want)
		}
	}
}

// "the <name> 10 pack" of a variant sold as "10 pcs" names that variant; it is no
// count of ten.
func TestEnglishPackNamesAVariant(t *testing.T) {
	pv := packValues([]shop.Product{{ID: "p", SKUs: []shop.SKU{{ID: "s", Attributes: attrsOf("pack", "Jumbo · 10 pcs")}}}})
	none := func(string) bool { return false }
	if q := quantity("How much is the Zespri gold kiwi jumbo 10 pack?", none, func(w string) bool { return pv[w] }); q != 1 {
		t.Errorf("a pack of ten read as %d items", q)
	}
	if q := quantity("How much for 3 packs of the gold kiwi?", none, func(w string) bool { return pv[w] }); q != 3 {
		t.Errorf("three packs read as %d", q)
	}
}

// The hint of a spend-and-save offer the cart did not use is given only when the
// cart, after its item discounts, is below that offer's threshold: at or above it,
// a better offer took its place and adding to the cart would not bring it in.
func TestUnusedOfferOnlyBelowItsThreshold(t *testing.T) {
	f := newFixture(t)
	s := startSession(t.Context(), f.deps, turn("dave", "多少钱"))
	var promo *shop.Promotion
	for i := range demoSnap.Catalog.Promotions {
		if p := &demoSnap.Catalog.Promotions[i]; p.Type == shop.PromoSpendSave && p.Threshold > 0 {
			promo = p
			break
		}
	}
	if promo == nil {
		t.Fatal("the demo shop has no spend-and-save offer")
	}
	at := commerce.Quote{Lines: []commerce.QuoteLine{{List: promo.Threshold}}}
	if !s.reachedThreshold(at, promo.ID) {
		t.Errorf("a cart at the threshold not seen as reaching it")
	}
	below := commerce.Quote{Lines: []commerce.QuoteLine{{List: promo.Threshold}},
		Steps: []commerce.Step{{Kind: shop.PromoItemDiscount, Off: 1}}}
	if s.reachedThreshold(below, promo.ID) {
		t.Errorf("a cart an item discount took below the threshold seen as reaching it")
	}
}

// Dropping a measured value from an earlier question drops its figure and unit,
// glued or after a space, and not the word after it: "<name> 210 price?" keeps
// "price" (it was dropped, by a map's order, one time in six).
func TestRemoveMeasuredValueKeepsTheNextWord(t *testing.T) {
	for in, want := range map[string]string{
		"grohe tempesta 210 price?": "grohe tempesta   price?",
		"210mm 多少钱":                 "  多少钱",
		"210 mm 多少钱":                "  多少钱",
	} {
		if got := removeValue(in, "size", "210mm"); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// A colour the customer wrote by its base ("黑色" of 深空黑) is dropped from the
// earlier question when a follow-up names another colour ("绿色的呢").
func TestRemoveColourByItsBase(t *testing.T) {
	got := removeValue("<name> 35l 黑色多少钱", "color", "深空黑")
	if strings.Contains(got, "黑") || !strings.Contains(got, "多少钱") {
		t.Errorf("got %q", got)
	}
	if got := removeValue("<name> 35l 黑色多少钱", "size", "深空黑"); !strings.Contains(got, "黑色") {
		t.Errorf("a base colour dropped for another attribute: %q", got)
	}
}
