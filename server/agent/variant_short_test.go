package agent

import (
	"maps"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A version named by its head and suffix ("千兆版" of 千兆网口版, "2.5G版" of
// 2.5G网口版) is that version; a value written whole is still meant over one it
// only shortens ("标准版" beside 标准加长版). After a quote of one variant, a
// follow-up naming another version keeps the variant's other values ("那2.5G版呢"
// after the single 千兆网口版 is the single 2.5G网口版, not its pack of two too),
// and "2.5G" names no product titled "5G" (the fixture's phone).
func TestShortenedVersionAndQuotedVariantKept(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-r", Title: "Testa 路由 QX3 Pro 双频无线路由器 2.5G网口版/千兆网口版", Category: "routers", SKUs: []shop.SKU{
			{ID: "s-r-1g", Price: 27900, Stock: 9, Attributes: attrsOf("version", "千兆网口版", "spec", "单只装")},
			{ID: "s-r-25", Price: 34900, Stock: 9, Attributes: attrsOf("version", "2.5G网口版", "spec", "单只装")},
			{ID: "s-r-25x2", Price: 66900, Stock: 9, Attributes: attrsOf("version", "2.5G网口版", "spec", "两只装")}}},
		shop.Product{ID: "p-k", Title: "Testa 折叠桌 KT8 户外", Category: "tables", SKUs: []shop.SKU{
			{ID: "s-k-std", Price: 19900, Stock: 9, Attributes: attrsOf("version", "标准版")},
			{ID: "s-k-long", Price: 25900, Stock: 9, Attributes: attrsOf("version", "标准加长版")}}})
	for say, want := range map[string]map[string]int{
		"QX3 Pro千兆版多少钱": {"s-r-1g": 1},
		"KT8标准版多少钱":     {"s-k-std": 1},
	} {
		_, calls := f.plan(t, turn("dave", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
	_, calls := f.planAfter(t, "dave", "QX3 Pro千兆版多少钱", "那2.5G版呢")
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-r-25": 1}) {
		t.Errorf("那2.5G版呢 after the single 千兆版: quoted %v, want the single 2.5G版", got)
	}
}

// A model a bag is sold for ("<L> 3款") is the device of that model when asked
// for by it ("<brand> <L> 3 多少钱"): the figure is the model's, not a value's,
// and of the titles writing the model whole the bag is the add-on.
func TestModelNamedNotTheValueOfItsBag(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-d3", Title: "Testa RIVO 3 移动电源站 245Wh", Category: "stations", SKUs: []shop.SKU{
			{ID: "s-d3", Price: 129900, Stock: 9, Attributes: attrsOf("bundle", "单机")}}},
		shop.Product{ID: "p-d3p", Title: "Testa RIVO 3 Plus 移动电源站 286Wh", Category: "stations", SKUs: []shop.SKU{
			{ID: "s-d3p", Price: 199900, Stock: 9, Attributes: attrsOf("bundle", "单机")}}},
		shop.Product{ID: "p-bag", Title: "Testa 电源站收纳包 防泼水 DELTO 2/RIVO 3款", Category: "accessories", SKUs: []shop.SKU{
			{ID: "s-bag-d", Price: 19900, Stock: 9, Attributes: attrsOf("fit", "DELTO 2款")},
			{ID: "s-bag-r", Price: 12900, Stock: 9, Attributes: attrsOf("fit", "RIVO 3款")}}})
	_, calls := f.plan(t, turn("dave", "Testa RIVO 3 多少钱"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-d3": 1}) {
		t.Errorf("RIVO 3 多少钱: quoted %v, want the RIVO 3 station", got)
	}
	_, calls = f.plan(t, turn("dave", "RIVO 3的收纳包多少钱"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-bag-r": 1}) {
		t.Errorf("RIVO 3的收纳包: quoted %v, want the bag made for it", got)
	}
}
