package agent

import (
	"maps"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A count that is a variant's value names the variant, not a quantity: "<bouquet>6枝"
// is one bouquet of six stems, "<puzzle>1000片" one puzzle of 1000 pieces; another
// count beside it is the quantity ("6枝的要3束"). Trades' own measure words count:
// "要4团" of a yarn, "10杯" of a potted plant.
func TestCountsThatAreVariantValues(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-c-sun", Title: "「晴空」向日葵花束", Category: "bouquets", SKUs: []shop.SKU{
			{ID: "s-c-sun-6", Price: 19900, Stock: 9, Attributes: attrsOf("stems", "6枝")},
			{ID: "s-c-sun-11", Price: 29900, Stock: 9, Attributes: attrsOf("stems", "11枝")}}},
		shop.Product{ID: "p-c-pz", Title: "拼图乐 名画系列《星夜》", Category: "puzzles", SKUs: []shop.SKU{
			{ID: "s-c-pz-500", Price: 4900, Stock: 99, Attributes: attrsOf("pieces", "500")},
			{ID: "s-c-pz-1000", Price: 7900, Stock: 99, Attributes: attrsOf("pieces", "1000")}}},
		shop.Product{ID: "p-c-yarn", Title: "云绒 马海毛线 25g", Category: "yarn", SKUs: []shop.SKU{
			{ID: "s-c-yarn-pink", Price: 5800, Stock: 99, Attributes: attrsOf("color", "雾粉")}}})
	for _, c := range []struct {
		say  string
		want map[string]int
	}{
		{"晴空向日葵6枝多少钱", map[string]int{"s-c-sun-6": 1}},
		{"晴空向日葵6枝的要3束 多少钱", map[string]int{"s-c-sun-6": 3}},
		{"星夜1000片现在多少钱", map[string]int{"s-c-pz-1000": 1}},
		{"云绒马海毛 雾粉 要4团 多少钱", map[string]int{"s-c-yarn-pink": 4}},
	} {
		_, calls := f.plan(t, turn("dave", c.say))
		if got := quotedCart(t, calls); !maps.Equal(got, c.want) {
			t.Errorf("%q: quoted %v, want %v", c.say, got, c.want)
		}
	}
}

// "<name>买两把 一把黑的一把金的": the variants counted out in one word, each an
// item of its own count; the count before them is of them all. Pinned by
// demo-smarthome-b-003.
func TestVariantsCountedInOneWord(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	wantQuoted(t, f, "S3指纹锁买两把 一把黑的一把金的 一共多少", map[string]int{"s-lock-02-black": 1, "s-lock-02-gold": 1})
}

// "<name>巧克力5磅+香草2磅": the part after the separator names a whole other
// variant (a value of each attribute the variants differ in, one the part before
// told otherwise): another item. "black/white L" told on one item stays one item,
// and "青色品红各一瓶" is counted each. Pinned by demo-health-003, demo-moto-b-010,
// demo-stationery-b-017.
func TestWholeVariantAfterASeparator(t *testing.T) {
	f := newAssetFixture(t, "demo-health")
	wantQuoted(t, f, "乳清ISO巧克力5磅+香草2磅 一起拍多少", map[string]int{"s-iso-choc-5": 1, "s-iso-van-2": 1})
}

// A variant of a unit's size times a count ("250g×4块", "10g×30袋") is named by
// its count ("黄油4块装", "30袋的"); a pack said beside a question of the shop's
// matters ("一组<name>6瓶装 还要另外出邮费吗") still gets the shipping FAQ. Pinned
// by demo-baking-b-010, demo-wine-b-039.
func TestPackCountOfAUnitSize(t *testing.T) {
	f := newAssetFixture(t, "demo-baking")
	wantQuoted(t, f, "诺曼底黄油4块装多少钱", map[string]int{"s-nd-250x4": 1})
	w := newAssetFixture(t, "demo-wine")
	r, _ := w.plan(t, turn("dave", "买一组江小白6瓶装 还要另外出邮费吗"))
	if !strings.Contains(r.Text, "包邮") {
		t.Errorf("pack beside a shipping question: %q", r.Text)
	}
}

// A value that starts with a count and its measure word ("48色半块") is named by
// that count ("Aurelle 48色那个大盒有货吗"): the stock of that variant, not a list
// of boxes the shop sells. Pinned by demo-art-b-104.
func TestValueNamedByItsLeadingCount(t *testing.T) {
	f := newAssetFixture(t, "demo-art")
	r, _ := f.plan(t, turn("dave", "Aurelle 48色那个大盒有货吗"))
	if !strings.Contains(r.Text, "48色半块") || strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.have")) {
		t.Errorf("%q", r.Text)
	}
}
