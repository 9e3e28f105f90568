package agent

import (
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A product's options are the values of whatever attributes vary between its SKUs,
// whatever the catalogue calls them; a single SKU shows all of its values.
func TestVariantOptionsFollowTheCatalogue(t *testing.T) {
	sku := func(m map[string]string) tool.SKUInfo { return tool.SKUInfo{Attributes: shop.AttrsOf(m)} }
	got := variantOptions([]tool.SKUInfo{
		sku(map[string]string{"shade": "01", "finish": "matte"}),
		sku(map[string]string{"shade": "02", "finish": "matte"}),
		sku(map[string]string{"shade": "03", "finish": "matte", "volume": ""}),
	})
	if want := []string{"01", "02", "03"}; !slices.Equal(got, want) {
		t.Errorf("options %v, want %v (finish does not vary, an empty value is none)", got, want)
	}
	got = variantOptions([]tool.SKUInfo{sku(map[string]string{"volume": "500ml", "pack": "2"})})
	if want := []string{"2", "500ml"}; !slices.Equal(got, want) {
		t.Errorf("single SKU options %v, want %v", got, want)
	}
}
