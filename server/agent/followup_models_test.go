package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "and the Plus?" / "那Plus呢" after a question of the "<L> 3" asks the same of
// the "<L> 3 Plus" station (not the battery titled for it); a question in English
// naming the "<L> 3" is of that station, not of the battery whose description
// names it ("只兼容<L> 3 Plus（不兼容<L> 3）").
func TestFollowUpExtendsTheModel(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-s3", Title: "Testa RIVO 3 移动电源站 245Wh", Category: "stations", Description: "尺寸23.5×21.2×11.2cm，重约3.5kg。", SKUs: []shop.SKU{
			{ID: "s-s3", Price: 129900, Stock: 9}}},
		shop.Product{ID: "p-s3p", Title: "Testa RIVO 3 Plus 移动电源站 286Wh", Category: "stations", Description: "尺寸27×19.5×14.3cm，重约4.7kg。", SKUs: []shop.SKU{
			{ID: "s-s3p", Price: 199900, Stock: 9}}},
		shop.Product{ID: "p-s3b", Title: "Testa RIVO 3 Plus 扩展电池 286Wh", Category: "batteries", Description: "只兼容RIVO 3 Plus（不兼容RIVO 3）。重约2.8kg。", SKUs: []shop.SKU{
			{ID: "s-s3b", Price: 139900, Stock: 9}}})
	for _, c := range [][2]string{{"RIVO 3多重", "那Plus呢"}, {"How heavy is the RIVO 3?", "and the Plus?"}} {
		r0, _ := f.plan(t, turn("dave", c[0]))
		if !strings.Contains(r0.Text, "3.5kg") || strings.Contains(r0.Text, "2.8kg") {
			t.Errorf("%q: %q, want the RIVO 3's weight", c[0], r0.Text)
		}
		tr := turn("dave", c[1])
		tr.History = []Message{{FromCustomer: true, Text: c[0]}, {Text: r0.Text}}
		r, _ := f.plan(t, tr)
		if !strings.Contains(r.Text, "4.7kg") || strings.Contains(r.Text, "2.8kg") {
			t.Errorf("%q after %q: %q, want the RIVO 3 Plus station's weight", c[1], c[0], r.Text)
		}
	}
}
