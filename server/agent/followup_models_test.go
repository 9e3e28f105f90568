package agent

import (
	"maps"
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

// "那再加一台<L> 2单机一起买呢" after a panel's price adds the <L> 2 station sold
// 单机 to the panel — the model shared with its parts and bag is read in the
// follow-up's own line, and the station's kit with that panel is not meant.
func TestCartFollowUpNamesAModelsVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-pn", Title: "Testa 220W 双面太阳能板 便携折叠", Category: "panels", SKUs: []shop.SKU{
			{ID: "s-pn", Price: 179900, Stock: 9, Attributes: attrsOf("power", "220W双面")}}},
		shop.Product{ID: "p-d2", Title: "Testa DELTO 2 移动电源站 1024Wh", Category: "stations", SKUs: []shop.SKU{
			{ID: "s-d2", Price: 399900, Stock: 9, Attributes: attrsOf("bundle", "单机")},
			{ID: "s-d2-kit", Price: 549900, Stock: 9, Attributes: attrsOf("bundle", "单机+220W双面太阳能板")}}},
		shop.Product{ID: "p-d2m", Title: "Testa DELTO 2 Max 移动电源站 2048Wh", Category: "stations", SKUs: []shop.SKU{
			{ID: "s-d2m", Price: 699900, Stock: 9, Attributes: attrsOf("bundle", "单机")}}},
		shop.Product{ID: "p-d2b", Title: "Testa DELTO 2 额外电池包 1024Wh", Category: "batteries", SKUs: []shop.SKU{
			{ID: "s-d2b", Price: 299900, Stock: 9}}})
	_, calls := f.planAfter(t, "dave", "Testa220W双面太阳能板多少钱", "那再加一台DELTO 2单机一起买呢")
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-pn": 1, "s-d2": 1}) {
		t.Errorf("再加一台DELTO 2单机 after the panel: quoted %v, want the panel and the station 单机", got)
	}
}
