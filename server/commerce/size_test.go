package commerce

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// Charts (fixture): run EU fit 5: 38→240, 39→245, 40→250. boot fit 2: 36→230,
// 38→240, 40→250. Size systems: leather-shoes CN 36→230, 37→235, 38→240, 45→275;
// sandals A M→240, then sandals B M→245, L→260. tee has no chart.
func TestRecommendSize(t *testing.T) {
	snap := testSnap(t, "", "", "")
	cases := []struct {
		name                         string
		product, size, category, sys string
		want                         string // recommended size
		foot, target                 int
		source                       string
		exact, between               bool
	}{
		// "我平时穿38码皮鞋，跑鞋买多大": CN 38 leather → 240 mm; +5 room = 245 → EU 39.
		{"leather 38 → running shoe", "p-run", "38", "leather-shoes", "", "39", 240, 245, SourceSizeSystem, true, false},
		{"loose spelling", "p-run", "38码", "Leather Shoes", "cn", "39", 240, 245, SourceSizeSystem, true, false},
		// 235 + 2 = 237: 230 < 237 < 240 → between two rows, round up to 38.
		{"between sizes rounds up", "p-boot", "37", "leather-shoes", "", "38", 235, 237, SourceSizeSystem, false, true},
		// 230 + 5 = 235 < the smallest row 240: the smallest size, not "between".
		{"smallest size long enough", "p-run", "36", "leather-shoes", "", "38", 230, 235, SourceSizeSystem, false, false},
		// No category: read "39" on the run chart itself: 245 + 5 = 250 → 40.
		{"own chart", "p-run", "39", "", "", "40", 245, 250, SourceProductChart, true, false},
		// A category without a size system is read on the product's chart too.
		{"category without system", "p-run", "38", "running-shoes", "", "39", 240, 245, SourceProductChart, true, false},
		// Two systems for sandals: the first exact match in document order (A: 240).
		{"first system in document order", "p-run", "M", "sandals", "", "39", 240, 245, SourceSizeSystem, true, false},
		// reference_system narrows to B: 245 + 5 = 250 → 40.
		{"reference_system narrows", "p-run", "M", "sandals", "B", "40", 245, 250, SourceSizeSystem, true, false},
		// No EU table for sandals: EU 39 is read on the (EU) run chart.
		{"narrowed to none → own chart", "p-run", "39", "sandals", "EU", "40", 245, 250, SourceProductChart, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := RecommendSize(snap, tc.product, tc.size, tc.category, tc.sys)
			if err != nil {
				t.Fatalf("RecommendSize: %v", err)
			}
			if a.ProductID != tc.product || a.RecommendedSize != tc.want || a.ReferenceFootMM != tc.foot ||
				a.TargetFootMM != tc.target || a.ReferenceSource != tc.source || a.ExactFit != tc.exact ||
				a.BetweenSizes != tc.between || a.NoteMsg.In(i18n.EN) == "" {
				t.Errorf("got %+v, want size %s foot %d target %d source %s exact %v between %v",
					a, tc.want, tc.foot, tc.target, tc.source, tc.exact, tc.between)
			}
		})
	}
}

func TestRecommendSizeRefuses(t *testing.T) {
	snap := testSnap(t, "", "", "")
	cases := []struct {
		name                         string
		product, size, category, sys string
		reason                       string
		mention                      string
	}{
		{"no chart", "p-tee", "M", "", "", SizeNoChart, "Tee"},
		{"unknown reference size", "p-run", "50", "leather-shoes", "", SizeUnknownReference, "50"},
		{"unknown size on own chart", "p-run", "41", "", "", SizeUnknownReference, "41"},
		// 275 + 5 = 280 > 250, the longest row (40).
		{"nothing long enough", "p-run", "45", "leather-shoes", "", SizeNothingLong, "40 (250 mm)"},
		{"other system than the chart", "p-run", "8", "", "US", SizeSystemMismatch, "US"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := RecommendSize(snap, tc.product, tc.size, tc.category, tc.sys)
			var se *SizeError
			if !errors.As(err, &se) || a != nil {
				t.Fatalf("got %+v, %v; want *SizeError", a, err)
			}
			if se.Reason != tc.reason || !strings.Contains(se.In(i18n.EN), tc.mention) {
				t.Errorf("got %+v, want reason %s mentioning %q", se, tc.reason, tc.mention)
			}
		})
	}
	_, err := RecommendSize(snap, "p-nope", "38", "", "")
	var nf *NotFoundError
	if !errors.As(err, &nf) || !strings.Contains(nf.In(i18n.ZH), "没有商品") {
		t.Errorf("unknown product: %v", err)
	}
}

func TestSizeAdviceJSON(t *testing.T) {
	snap := testSnap(t, "", "", "")
	a, err := RecommendSize(snap, "p-run", "38", "leather-shoes", "")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(a)
	for _, want := range []string{`"product_id":"p-run"`, `"recommended_size":"39"`, `"reference_foot_mm":240`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s", data, want)
		}
	}
	if note := a.NoteMsg.In(i18n.ZH); !strings.Contains(note, "毫米") {
		t.Errorf("zh note = %q", note)
	}
}

// A measured foot length: the smallest row with foot_mm ≥ length + fit_mm, worked
// by hand on a chart of 240/245/250 with 5 mm of room.
func TestRecommendSizeForFoot(t *testing.T) {
	cat := &shop.Catalog{Currency: "CNY", Products: []shop.Product{{ID: "p", Title: "Runner", SizeChart: &shop.SizeChart{
		System: "EU", FitMM: 5, Rows: []shop.SizeRow{{Size: "38", FootMM: 240}, {Size: "39", FootMM: 245}, {Size: "40", FootMM: 250}}}}}}
	snap := shop.NewSnapshot(cat, nil)
	for foot, want := range map[int]string{235: "38", 236: "39", 240: "39", 245: "40"} {
		a, err := RecommendSizeForFoot(snap, "p", foot)
		if err != nil || a.RecommendedSize != want || a.ReferenceSource != SourceFootLength {
			t.Errorf("foot %d: %+v, %v; want %s", foot, a, err, want)
		}
	}
	for _, foot := range []int{246, 20, 500} {
		var se *SizeError
		if _, err := RecommendSizeForFoot(snap, "p", foot); !errors.As(err, &se) {
			t.Errorf("foot %d: %v, want a SizeError", foot, err)
		}
	}
}

// A chart sized in spans ("42-43") holds the size written within one: "42码" reads
// the row 42-43; sizes outside every span are still unknown.
func TestReferenceWithinASizeSpan(t *testing.T) {
	for _, tc := range []struct {
		want string
		ok   bool
	}{{"42", true}, {"43码", true}, {"EU 40", true}, {"46", false}, {"M", false}} {
		match := withinRange(tc.want)
		if got := match("42-43") || match("40-41"); got != tc.ok {
			t.Errorf("withinRange(%q) over 40-41, 42-43 = %v, want %v", tc.want, got, tc.ok)
		}
	}
}
