package agent

import (
	"maps"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"

	"github.com/concierge-shop/concierge/server/shop"
)

// A loft written "10.5度" names the value "10.5°" (not "0.5°" nor "5°"), a shaft
// flex written "S杆" the value "S"; and of two products one name fits (a driver
// and a fairway wood of one line), the one with a variant of the most values
// named is meant. Before, the fairway wood was quoted in R. Pinned by golf-b-001.
func TestDegreesAndLetterValuesPickTheVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-d-drv", Title: "Kestest K9 Max 一号木 高容错发球木", Category: "drivers", SKUs: []shop.SKU{
			{ID: "s-d-drv-9s", Price: 459000, Stock: 9, Attributes: attrsOf("loft", "9°", "flex", "S")},
			{ID: "s-d-drv-105r", Price: 459000, Stock: 9, Attributes: attrsOf("loft", "10.5°", "flex", "R")},
			{ID: "s-d-drv-105s", Price: 459000, Stock: 9, Attributes: attrsOf("loft", "10.5°", "flex", "S")}}},
		shop.Product{ID: "p-d-fw", Title: "Kestest K9 Max 球道木", Category: "fairways", SKUs: []shop.SKU{
			{ID: "s-d-fw-3r", Price: 229000, Stock: 9, Attributes: attrsOf("club", "3号木 15°", "flex", "R")},
			{ID: "s-d-fw-3s", Price: 229000, Stock: 9, Attributes: attrsOf("club", "3号木 15°", "flex", "S")}}})
	for say, want := range map[string]map[string]int{
		"K9 Max 10.5度 S杆现在到手多少钱": {"s-d-drv-105s": 1},
		"K9 Max 一号木 9度 多少钱":      {"s-d-drv-9s": 1},
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
	if partIn("k9 max 10.5度", "loft", "5°") || partIn("k9 max 10.5度", "loft", "0.5°") {
		t.Error(`"10.5度" names 5° or 0.5°`)
	}
}

// A question naming an attribute the variants are sold by ("what loft …?") gets
// its values, not "the page does not say"; a one-character translation ("高" of
// height in "多高") names none. Pinned by golf-b-101, demo-wine-b-122.
func TestAttributeNamedGetsItsValues(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-a-drv", Title: "Kestest K9 Max 一号木 高容错发球木", Category: "drivers", SKUs: []shop.SKU{
			{ID: "s-a-9", Price: 459000, Stock: 9, Attributes: attrsOf("loft", "9°", "flex", "S")},
			{ID: "s-a-105", Price: 459000, Stock: 9, Attributes: attrsOf("loft", "10.5°", "flex", "R")}}},
		shop.Product{ID: "p-a-pil", Title: "织测 Wave 天然乳胶枕", Category: "pillows", Description: "低款8/10cm、高款12/14cm。", SKUs: []shop.SKU{
			{ID: "s-a-low", Price: 35900, Stock: 9, Attributes: attrsOf("height", "低款8/10cm")},
			{ID: "s-a-high", Price: 35900, Stock: 9, Attributes: attrsOf("height", "高款12/14cm")}}})
	r, _ := f.plan(t, turn("dave", "what loft is the K9 Max driver?"))
	if !strings.Contains(r.Text, "9°") || !strings.Contains(r.Text, "10.5°") || strings.Contains(r.Text, i18n.T(i18n.EN, "agent.fact.unknown")) {
		t.Errorf("want the lofts it is sold in: %q", r.Text)
	}
	r, _ = f.plan(t, turn("dave", "Wave乳胶枕高款到底多高"))
	if strings.Contains(r.Text, "8/10") {
		t.Errorf("asked of the high one, the low one's figure is no answer: %q", r.Text)
	}
}

// "3 dozen" is a count of three (of a pack sold by the dozen), as "3 packs" is.
func TestDozenIsACount(t *testing.T) {
	for _, say := range []string{"Vantor Soft in matte red, 3 dozen - total?", "two dozen please"} {
		if qtyEn.FindStringSubmatch(strings.ToLower(say)) == nil {
			t.Errorf("%q: no count read", say)
		}
	}
}
