package agent

import (
	"regexp"
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A model name written in parts ("Ridge 2", "Q-Lo") names its product with or without
// the space or hyphen, even when the series word alone is shared by several titles
// and another product's variant is called after the model.
func TestCompoundModelNames(t *testing.T) {
	sku := func(id, v string) shop.SKU {
		return shop.SKU{ID: id, Price: 10000, Stock: 3, Attributes: shop.Attrs{{Name: "fits", Value: v}}}
	}
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-r2", Title: "云岭 Ridge 2 双人棚", Category: "shelters", SKUs: []shop.SKU{sku("x-r2-a", "标准")}},
		shop.Product{ID: "x-r3", Title: "云岭 Ridge 3 三人棚", Category: "shelters", SKUs: []shop.SKU{sku("x-r3-a", "标准")}},
		shop.Product{ID: "x-mat", Title: "云岭 Ridge 垫布", Category: "shelters",
			SKUs: []shop.SKU{sku("x-mat-2", "Ridge 2"), sku("x-mat-3", "Ridge 3")}},
		shop.Product{ID: "x-qlo", Title: "轻驰 Q-Lo 踏板", Category: "rides", SKUs: []shop.SKU{sku("x-qlo-a", "标准")}},
	)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Ridge 2 多少钱", []string{"x-r2"}},
		{"ridge2 还有货吗", []string{"x-r2"}},
		{"Ridge 2 和 Ridge 3 差在哪", []string{"x-r2", "x-r3"}},
		{"Q-Lo 带电池吗", []string{"x-qlo"}},
		{"qlo 带电池吗", []string{"x-qlo"}},
	} {
		if got := namedIDs(t, f, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: named %v, want %v", tc.q, got, tc.want)
		}
	}
}

// A measure in a title ("…「金盏」30ml") is no model name: "金露30ml" is the
// product nicknamed 金露 in its 30 ml variant, not the other one with 30ml in its title.
func TestMeasureInATitleNamesNoProduct(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-serum", Title: "澄光 精华液「金露」", Category: "skincare", Tags: []string{"金露"},
			SKUs: []shop.SKU{{ID: "x-serum-30", Price: 19900, Stock: 3, Attributes: shop.Attrs{{Name: "volume", Value: "30ml"}}}}},
		shop.Product{ID: "x-base", Title: "澄光 粉底液「金盏」30ml", Category: "skincare",
			SKUs: []shop.SKU{{ID: "x-base-1", Price: 32900, Stock: 3, Attributes: shop.Attrs{{Name: "shade", Value: "N10"}}}}},
	)
	s := startSession(t.Context(), f.deps, turn("alice", "金露30ml现在多少钱"))
	var got []string
	for _, p := range s.namedProducts(s.text) {
		got = append(got, p.ID)
	}
	if !slices.Equal(got, []string{"x-serum"}) {
		t.Errorf("named %v, want [x-serum]", got)
	}
	for tok, want := range map[string]bool{"30ml": true, "256gb": true, "65w": true, "5g": false, "x7": false, "k5": false} {
		if isMeasure(tok) != want {
			t.Errorf("isMeasure(%q) = %v", tok, !want)
		}
	}
}

// latinWordsOf is the regexp's words of the text without its accents ("é12ab" is
// "e12ab", as a customer types it).
func TestLatinWordsOfMatchesTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`[a-z0-9]{2,}`)
	for _, s := range []string{"", "a", "ab", "k5 pro-max 2x", "中文x7 256g蓝", "a b cd", "é12ab", "end99", "moët & chandon", "ü"} {
		if got, want := latinWordsOf(s), re.FindAllString(withoutAccents(s), -1); !slices.Equal(got, want) {
			t.Errorf("latinWordsOf(%q) = %q, want %q", s, got, want)
		}
	}
	if got := latinWordsOf("moët"); !slices.Equal(got, []string{"moet"}) {
		t.Errorf(`latinWordsOf("moët") = %q, want ["moet"]`, got)
	}
}

// A word of asking a title carries ("order" of "(pre-order)") names no product
// alone, but still counts beside the product's own name.
func TestAskingWordNamesNoProductAlone(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-pre", Title: "云岭 Summit 2027 (pre-order)", Category: "shelters",
			SKUs: []shop.SKU{{ID: "x-pre-a", Price: 10000, Stock: 3}}})
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"can I return the whole order?", nil},
		{"status of my order please", nil},
		{"is the summit pre-order open?", []string{"x-pre"}},
	} {
		if got := namedIDs(t, f, tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("%s: named %v, want %v", tc.q, got, tc.want)
		}
	}
}

// namedIDs are the ids of the products alice's message q names, in order.
func namedIDs(t *testing.T, f *fixture, q string) []string {
	t.Helper()
	s := startSession(t.Context(), f.deps, turn("alice", q))
	var got []string
	for _, p := range s.namedProducts(s.text) {
		got = append(got, p.ID)
	}
	return got
}

// Of the products the search finds for a name, the one selling the colour the
// customer named is meant, though another scores far higher on the name.
func TestSearchPrefersTheProductSellingTheValueNamed(t *testing.T) {
	sku := func(id, colour string) shop.SKU {
		return shop.SKU{ID: id, Price: 10000, Stock: 3, Attributes: shop.Attrs{{Name: "color", Value: colour}}}
	}
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-a", Title: "Pro 吹风机", Category: "dryers", SKUs: []shop.SKU{sku("x-a-grey", "星空灰")}},
		shop.Product{ID: "x-b", Title: "云岭 Aero Pro 高速负离子恒温护发静音吹风机", Category: "dryers",
			SKUs: []shop.SKU{sku("x-b-pink", "雾粉"), sku("x-b-grey", "星空灰")}},
	)
	s := startSession(t.Context(), f.deps, turn("alice", "吹风机Pro粉色多少钱"))
	var got []string
	for _, p := range s.productsAsked() {
		got = append(got, p.ID)
	}
	if !slices.Equal(got, []string{"x-b"}) {
		t.Errorf("asked %v, want [x-b]", got)
	}
}

// A word only one title has ("<Brandword>") names that product over titles that
// match as many of the question's words through a word several carry ("english"
// of tags) or a stop word ("the" of "<Name> and the <Name>").
func TestOwnWordBeatsSharedWords(t *testing.T) {
	sku := func(id string) shop.SKU { return shop.SKU{ID: id, Price: 10000, Stock: 3} }
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-hobo", Title: "Nanoka Techo 2027 手账本", Category: "notebooks", SKUs: []shop.SKU{sku("x-hobo-a")}},
		shop.Product{ID: "x-hp", Title: "Harry Potter and the Stone 英文原版", Category: "books", Tags: []string{"English books"}, SKUs: []shop.SKU{sku("x-hp-a")}},
		shop.Product{ID: "x-ah", Title: "Tiny Habits 英文原版", Category: "books", Tags: []string{"English books"}, SKUs: []shop.SKU{sku("x-ah-a")}},
		shop.Product{ID: "x-nce", Title: "New Concept 英语", Category: "books", Tags: []string{"English"}, SKUs: []shop.SKU{sku("x-nce-a")}},
	)
	if got := namedIDs(t, f, "do you have the nanoka english version?"); !slices.Equal(got, []string{"x-hobo"}) {
		t.Errorf("named %v, want the Nanoka", got)
	}
}

// "P-7" names the product titled "… P-7 …" among "P-9", "H-1", "F-3" of one brand.
func TestTwoCharacterModelCode(t *testing.T) {
	sku := func(id string) shop.SKU { return shop.SKU{ID: id, Price: 10000, Stock: 3} }
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-p7", Title: "北斗 Lat Polar 系列 P-7 偏光太阳镜", Category: "sunglasses", SKUs: []shop.SKU{sku("x-p7-a")}},
		shop.Product{ID: "x-p9", Title: "北斗 Lat Polar 系列 P-9 偏光太阳镜", Category: "sunglasses", SKUs: []shop.SKU{sku("x-p9-a")}},
		shop.Product{ID: "x-h1", Title: "北斗 Lat Horizon H-1 偏光太阳镜", Category: "sunglasses", SKUs: []shop.SKU{sku("x-h1-a")}},
	)
	for _, q := range []string{"how much is the lat p-7 polarized", "P7多少钱"} {
		if got := namedIDs(t, f, q); !slices.Equal(got, []string{"x-p7"}) {
			t.Errorf("%s: named %v, want the P-7", q, got)
		}
	}
}
