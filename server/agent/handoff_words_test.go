package agent

import (
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// Asking for the manager, dissatisfaction and "你们怎么负责" after harm are for a
// person; a brand and model the shop writes in capitals ("KTOPX 竞技护头 WT") are
// no shouting when a follow-up's reading carries them ("要8个呢" after a price).
func TestHandoffWordsAndCapitalsOfNames(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-hg", Title: "KTOPX 竞技护头 WTFA认证 红/蓝", Category: "helmets", SKUs: []shop.SKU{
			{ID: "s-hg-xl", Price: 23900, Stock: 20, Attributes: attrsOf("size", "XL", "color", "红")}}})
	for _, say := range []string{"别给我复制粘贴了 我就是不满意 你们领导呢", "孩子戴了两天脸上起疹子了 你们怎么负责？？", "耽误一天工钱谁赔？？"} {
		if r, _ := f.plan(t, turn("dave", say)); r.Handoff == nil {
			t.Errorf("%q: %q, want a handoff", say, r.Text)
		}
	}
	if r, _ := f.planAfter(t, "dave", "KTOPX护头 红色XL 多少钱", "要8个呢"); r.Handoff != nil {
		t.Errorf("要8个呢 after a price of a brand in capitals: handed off (%q)", r.Text)
	}
	if r, _ := f.plan(t, turn("dave", "WHY IS THIS NOT SHIPPED YET")); r.Handoff == nil {
		t.Errorf("shouting: %q, want a handoff", r.Text)
	}
}
