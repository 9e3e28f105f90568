package agent

import (
	"encoding/json"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// wantQuoted plans say for a customer and fails unless it quoted exactly want.
func wantQuoted(t *testing.T, f *fixture, say string, want map[string]int) {
	t.Helper()
	_, calls := f.plan(t, turn("dave", say))
	if got := quotedCart(t, calls); !maps.Equal(got, want) {
		t.Errorf("%q: quoted %v, want %v", say, got, want)
	}
}

// quotedCart is the one cart the turn quoted: sku → quantity.
func quotedCart(t *testing.T, calls []tool.Call) map[string]int {
	t.Helper()
	carts := quotedCarts(t, calls)
	if len(carts) != 1 {
		t.Fatalf("want one cart quoted, got %v", carts)
	}
	return carts[0]
}

// quotedCarts are the carts the turn quoted, in order: sku → quantity.
func quotedCarts(t *testing.T, calls []tool.Call) []map[string]int {
	t.Helper()
	var carts []map[string]int
	for _, c := range calls {
		if c.Name != tool.QuotePrice {
			continue
		}
		var a struct {
			Items []struct {
				SKUID string `json:"sku_id"`
				Qty   int    `json:"qty"`
			} `json:"items"`
		}
		if err := json.Unmarshal([]byte(c.Args), &a); err != nil {
			t.Fatal(err)
		}
		cart := map[string]int{}
		for _, it := range a.Items {
			cart[it.SKUID] += it.Qty
		}
		carts = append(carts, cart)
	}
	return carts
}

// Carts said the way a garden shop's customers say them: each item with its own
// count and measure word (棵, 袋), "A配一棵B", "再要两组", a variety only one
// product sells ("龙沙宝石"), a height in metres for a value in centimetres.
func TestCartsWithCountsAndMeasureWords(t *testing.T) {
	f := newAssetFixture(t, "demo-garden")
	for q, want := range map[string]map[string]int{
		"50L营养土2袋、奥绿1.5公斤1袋、龟背竹中株1棵，帮我算个到手价": {"s-soil-50": 2, "s-osmo-1500": 1, "s-monstera-m": 1},
		"CUBICO 40白色的配一棵1.2米琴叶榕，算下来多少":       {"s-lechuza-40-white": 1, "s-fiddle-120": 1},
		"龙沙宝石2年苗来3棵，再要两组5加仑的盆，到手价呢":          {"s-rose-pdr-2": 3, "s-gallon-5": 2},
		"我想要两棵龟背竹大株，算下我到手价":                  {"s-monstera-l": 2},
	} {
		_, calls := f.plan(t, turn("alice", q))
		got := quotedCart(t, calls)
		keys := func(m map[string]int) []string {
			var out []string
			for k := range m {
				out = append(out, k)
			}
			sort.Strings(out)
			return out
		}
		if len(got) != len(want) {
			t.Errorf("%q: quoted %v, want %v", q, got, want)
			continue
		}
		for _, k := range keys(want) {
			if got[k] != want[k] {
				t.Errorf("%q: quoted %v, want %v", q, got, want)
				break
			}
		}
	}
}

// "长的那个" after the lengths were asked: the longest variant, read in its value;
// "大的那个" of capacities: the biggest.
func TestTheLongOneIsTheLongestVariant(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-rod", Title: "渔光 Vendetta 路亚竿", Category: "rods",
			SKUs: []shop.SKU{
				{ID: "s-t-rod-18", Price: 49800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"length": "1.98m"})},
				{ID: "s-t-rod-24", Price: 59800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"length": "2.4m"})},
				{ID: "s-t-rod-21", Price: 52800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"length": "2.13m"})}}},
		shop.Product{ID: "p-t-pot", Title: "晨炊 MorningCook 砂锅", Category: "pots",
			SKUs: []shop.SKU{
				{ID: "s-t-pot-25", Price: 16900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"capacity": "2.5L"})},
				{ID: "s-t-pot-4", Price: 19900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"capacity": "4L"})}}})
	for _, c := range []struct{ first, then, want string }{
		{"Vendetta路亚竿有几个长度", "长的那个到手多少", "s-t-rod-24"},
		{"Vendetta路亚竿有几个长度", "短的那个多少钱", "s-t-rod-18"},
		{"MorningCook砂锅有几个容量", "大的那个多少钱", "s-t-pot-4"},
	} {
		_, calls := askAfter(t, f, "alice", c.first, c.then)
		if got := quotedCart(t, calls); len(got) != 1 || got[c.want] != 1 {
			t.Errorf("%q: quoted %v, want %s", c.then, got, c.want)
		}
	}
}

// Variants and counts as shops of tools and toys are asked about: "双电套装" of
// "双电2.0Ah套装" (the figure between left out); "with two batteries" says what
// the kit comes with, not a count; "1000片" of a puzzle is its size, not 1000 of
// it; "the Air 2 Fly More combo" is the drone, not the guard that fits an Air 2.
func TestVariantsOfToolsAndToys(t *testing.T) {
	hw := newAssetFixture(t, "demo-hardware")
	toys := newAssetFixture(t, "demo-toys")
	for _, c := range []struct {
		f    *fixture
		q    string
		want string
	}{
		{hw, "博世那个12V电钻双电套装现在到手多少钱", "s-drl-1-2b"},
		{toys, "星月夜1000片现在多少钱", "s-pz-01-1000"},
		{toys, "What's the final price of the Air 2 Fly More combo?", "s-drn-02-combo"},
	} {
		_, calls := c.f.plan(t, turn("guest", c.q))
		if got := quotedCart(t, calls); len(got) != 1 || got[c.want] != 1 {
			t.Errorf("%q: quoted %v, want one %s", c.q, got, c.want)
		}
	}
	if q := quantity("the Makita kit with two batteries", func(string) bool { return false }); q != 1 {
		t.Errorf("with two batteries: quantity %d", q)
	}
}

// "防水版比纸质版贵多少": both variants quoted, and the difference told.
func TestPriceDifferenceOfTwoVariants(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-uno", Title: "优诺 UNO 卡牌", Category: "games",
		SKUs: []shop.SKU{
			{ID: "s-t-uno-p", Price: 2900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"edition": "纸质版"})},
			{ID: "s-t-uno-w", Price: 4900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"edition": "防水版"})}}})
	r, _ := f.plan(t, turn("alice", "UNO卡牌防水版比纸质版贵多少"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.price.difference", money(2000))) {
		t.Errorf("the difference: %q", r.Text)
	}
}
