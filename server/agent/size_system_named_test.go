package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A size recommended from a chart in another system than the customer's own size
// is said with its system ("平时穿42码" → "US 8"), not as a bare number that reads as
// a size in theirs. Pinned by golf-b-104.
func TestSizeSaidInItsSystem(t *testing.T) {
	f := newFixture(t)
	rows := []shop.SizeRow{{Size: "7.5", FootMM: 255}, {Size: "8", FootMM: 260}, {Size: "8.5", FootMM: 265}}
	f.withProducts(t, shop.Product{ID: "p-z-golf", Title: "Glentest Fairway Pro 男士无钉高尔夫球鞋", Category: "golf-shoes",
		SizeChart: &shop.SizeChart{System: "US", Rows: rows},
		SKUs: []shop.SKU{
			{ID: "s-z-8", Price: 99900, Stock: 9, Attributes: attrsOf("size", "8")},
			{ID: "s-z-85", Price: 99900, Stock: 9, Attributes: attrsOf("size", "8.5")}}})
	r, _ := f.plan(t, turn("dave", "Fairway Pro 我平时运动鞋穿42码 该选几码"))
	if !strings.Contains(r.Text, "US 8") {
		t.Errorf("want the size with its system (US 8): %q", r.Text)
	}
}
