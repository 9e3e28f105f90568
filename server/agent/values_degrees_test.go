package agent

import (
	"maps"
	"testing"

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
