package agent

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Names and values as a new shop's customers wrote them: a Chinese title named by
// its brand's Latin name (without its accents), a figure without its unit ("<name> 15" of 15年, "and the
// 18?"), and of two products one word names, the one sold in the variant named.
func TestBrandFiguresAndNamedVariants(t *testing.T) {
	f := newFixture(t)
	a := func(k, v string) shop.Attrs { return shop.AttrsOf(map[string]string{k: v}) }
	f.withProducts(t,
		shop.Product{ID: "p-t-mal", Title: "远川 单一麦芽威士忌", Brand: "Farbrook 远川", Category: "spirits", SKUs: []shop.SKU{
			{ID: "s-t-mal-12", Price: 32800, Stock: 9, Attributes: a("age", "12年")},
			{ID: "s-t-mal-15", Price: 49800, Stock: 9, Attributes: a("age", "15年")},
			{ID: "s-t-mal-18", Price: 89800, Stock: 9, Attributes: a("age", "18年")}}},
		shop.Product{ID: "p-t-brut", Title: "贝丽 干型香槟 Brut Réserve", Brand: "Bellière 贝丽", Category: "wine", SKUs: []shop.SKU{
			{ID: "s-t-brut", Price: 45800, Stock: 9, Attributes: a("capacity", "750ml")}}},
		shop.Product{ID: "p-t-pk", Title: "云眠 儿童乳胶枕", Category: "pillows", SKUs: []shop.SKU{
			{ID: "s-t-pk-4", Price: 13900, Stock: 9, Attributes: a("height", "4cm")}}},
		shop.Product{ID: "p-t-pw", Title: "云眠 Wave 天然乳胶枕", Category: "pillows", SKUs: []shop.SKU{
			{ID: "s-t-pw-low", Price: 29900, Stock: 9, Attributes: a("height", "低款8/10cm")},
			{ID: "s-t-pw-mid", Price: 32900, Stock: 9, Attributes: a("height", "中款10/12cm")}}},
		shop.Product{ID: "p-t-mite", Title: "素眠 防螨枕套（一对装）", Category: "pillowcases", SKUs: []shop.SKU{
			{ID: "s-t-mite", Price: 6900, Stock: 9, Attributes: a("spec", "一对装 48x74cm")}}},
		shop.Product{ID: "p-t-case", Title: "云眠 贡缎枕套（一对装）", Category: "pillowcases", SKUs: []shop.SKU{
			{ID: "s-t-case-w", Price: 7900, Stock: 9, Attributes: a("color", "月光白")},
			{ID: "s-t-case-b", Price: 7900, Stock: 9, Attributes: a("color", "雾霾蓝")}}})
	for _, c := range []struct {
		history []string
		say     string
		want    map[string]int
	}{
		{nil, "how much is a bottle of Farbrook 15?", map[string]int{"s-t-mal-15": 1}},
		{nil, "If I get a bottle of Farbrook 12 and a pair of 贡缎枕套, what's my total?", map[string]int{"s-t-mal-12": 1, "s-t-case-w": 1}},
		{[]string{"how much is the Farbrook 15"}, "and the 18?", map[string]int{"s-t-mal-18": 1}},
		{[]string{"远川15年多少钱"}, "18年的呢", map[string]int{"s-t-mal-18": 1}},
		{nil, "price for 2 bottles of Belliere", map[string]int{"s-t-brut": 2}},
		{nil, "how much is the brut reserve", map[string]int{"s-t-brut": 1}},
		{nil, "乳胶枕中款要两个，再加一对月光白枕套，一共多少", map[string]int{"s-t-pw-mid": 2, "s-t-case-w": 1}},
		{nil, "Wave乳胶枕低款一个 再加一对白色枕套 一共多少", map[string]int{"s-t-pw-low": 1, "s-t-case-w": 1}},
	} {
		t.Run(c.say, func(t *testing.T) {
			tr := turn("dave", c.say)
			for _, h := range c.history {
				r, _ := f.plan(t, turn("dave", h))
				tr.History = append(tr.History, Message{FromCustomer: true, Text: h}, Message{Text: r.Text})
			}
			_, calls := f.plan(t, tr)
			if got := quotedCart(t, calls); !maps.Equal(got, c.want) {
				t.Errorf("%v %q: quoted %v, want %v", c.history, c.say, got, c.want)
			}
		})
	}
}

// "42度的呢" after a price: a spirit's strength in the customer's unit (度 for
// %vol), named by a word that is also the product's tag, asks that price again
// (on a shop where the tag names the product: the wine shop's data).
func TestFollowUpNamingAVariantByItsTag(t *testing.T) {
	f := newAssetFixture(t, "demo-wine")
	first := "汾酒青花20多少钱"
	r, _ := f.plan(t, turn("dave", first))
	tr := turn("dave", "42度的呢")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r.Text}}
	_, calls := f.plan(t, tr)
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-fj20-42": 1}) {
		t.Errorf("42度的呢: quoted %v, want the 42%%vol bottle", got)
	}
}

// "当会员有啥好处" asks what membership brings (好处: benefits), not what to buy;
// "what do VIP members get here?" asks the same, not after an order's arrival.
func TestMembershipBenefitsAreNoRecommendationNorOrder(t *testing.T) {
	f := newFixture(t)
	for _, say := range []string{"当会员有啥好处", "What do VIP members get here?"} {
		_, calls := f.plan(t, turn("dave", say))
		for _, c := range calls {
			if c.Name == tool.ListOrders || c.Name == tool.GetProduct {
				t.Errorf("%q: called %s (%v)", say, c.Name, calledTools(calls))
			}
		}
	}
}

// "<brand>45" names the title "<brand> 45 <kind>" (its series' number written
// apart), beside the brand's other series: "<brand>45 720ml的拿两瓶".
func TestSeriesNumberWrittenApart(t *testing.T) {
	f := newFixture(t)
	a := func(k, v string) shop.Attrs { return shop.AttrsOf(map[string]string{k: v}) }
	f.withProducts(t,
		shop.Product{ID: "p-t-s23", Title: "远山 二割三分 纯米清酒", Category: "sake", SKUs: []shop.SKU{
			{ID: "s-t-s23", Price: 56800, Stock: 9, Attributes: a("capacity", "720ml")}}},
		shop.Product{ID: "p-t-s45", Title: "远山 45 纯米清酒", Category: "sake", SKUs: []shop.SKU{
			{ID: "s-t-s45", Price: 25800, Stock: 9, Attributes: a("capacity", "720ml")}}})
	_, calls := f.plan(t, turn("dave", "远山45 720ml的拿两瓶 一共多少"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-t-s45": 2}) {
		t.Errorf("quoted %v, want two of the 45", got)
	}
}

// "乳胶枕低款多高": of the two pillows the word names, the one sold in 低款.
func TestProductOfTheVariantAsked(t *testing.T) {
	f := newFixture(t)
	a := func(k, v string) shop.Attrs { return shop.AttrsOf(map[string]string{k: v}) }
	f.withProducts(t,
		shop.Product{ID: "p-t-pk", Title: "云眠 儿童乳胶枕", Category: "pillows", Description: "高度4cm。", SKUs: []shop.SKU{
			{ID: "s-t-pk-4", Price: 13900, Stock: 9, Attributes: a("height", "4cm")}}},
		shop.Product{ID: "p-t-pw", Title: "云眠 Wave 天然乳胶枕", Category: "pillows", Description: "高度：低款8/10cm（仰睡）、中款10/12cm（侧睡）。", SKUs: []shop.SKU{
			{ID: "s-t-pw-low", Price: 29900, Stock: 9, Attributes: a("height", "低款8/10cm")},
			{ID: "s-t-pw-mid", Price: 32900, Stock: 9, Attributes: a("height", "中款10/12cm")}}})
	r, _ := f.plan(t, turn("dave", "乳胶枕低款多高"))
	if !strings.Contains(r.Text, "Wave") || strings.Contains(r.Text, "儿童") {
		t.Errorf("乳胶枕低款多高: %q", r.Text)
	}
	// The clause of that variant, not its neighbours' heights.
	if !strings.Contains(r.Text, "8/10cm") || strings.Contains(r.Text, "10/12cm") {
		t.Errorf("乳胶枕低款多高: %q, want the 低款 clause alone", r.Text)
	}
}

// A diameter's sign is left out as customers leave it: "500的" is Φ500mm.
func TestDiameterSignLeftOut(t *testing.T) {
	for _, v := range []string{"Φ500mm", "⌀500mm", "ø500mm"} {
		if !mentionsValueIn("月影吸顶灯500的到手多少", "月影吸顶灯500的到手多少", "size", v) {
			t.Errorf("500的 does not name %s", v)
		}
		if mentionsValueIn("月影吸顶灯600的", "月影吸顶灯600的", "size", v) {
			t.Errorf("600的 names %s", v)
		}
	}
}

// "Am I chatting with a human or an AI?" asks who answers, not for a person;
// "I want to talk to a human" asks for one; so does damage told in anger, not
// damage told calmly with no harm done.
func TestWhoIsAnsweringIsNoRequestForAPerson(t *testing.T) {
	f := newFixture(t)
	for say, want := range map[string]bool{
		"am I chatting with a human or an AI?": false,
		"I want to talk to a human":            true,
		"你是真人吗":                                false,
		"找真人":                                  true,
		// A number of people is nobody asked for.
		"过年家里十来个人聚会，有啥好玩的推荐": false,
		"能不能来个人": true,
		// Damage told calmly, no harm done: the shop's FAQ, not a person.
		"收到的盒子角被压扁了一点，里面东西倒是没事": false,
		"收到的盒子角被压扁了 气死我了":       true,
	} {
		r, _ := f.plan(t, turn("dave", say))
		if got := r.Handoff != nil; got != want {
			t.Errorf("%q: handed off %v, want %v", say, got, want)
		}
	}
}

// A measure in another unit of its kind, said the way customers say it: "1米2"
// is 1.2 m, which is the value "约120cm" (its "about" left out too).
func TestMeasureInAnotherUnit(t *testing.T) {
	for _, c := range []struct {
		say, value string
		want       bool
	}{
		{"龟背竹最大那种 1米2的 有现货吗", "约120cm", true},
		{"龟背竹最大那种 1米2的 有现货吗", "约90cm", false},
		{"1.2米的那个", "120cm", true},
		{"120的那个", "约120cm", true},
	} {
		if got := mentionsValueIn(c.say, strings.ToLower(c.say), "height", c.value); got != c.want {
			t.Errorf("%q names %s: %v, want %v", c.say, c.value, got, c.want)
		}
	}
}

// "600mm" names the value "23.6 in / 600 mm" (a figure and its unit written
// apart), and "月影600的" the lamp titled "月影Moon" (a Chinese name joined to its
// English one), but "K20 Max" stays a model's name, not 20 of something.
func TestUnitsWrittenApartAndJoinedNames(t *testing.T) {
	if !mentionsValueIn("Halo Ring 600mm price?", "halo ring 600mm price?", "size", "23.6 in / 600 mm") {
		t.Error("600mm does not name 23.6 in / 600 mm")
	}
	if mentionsValueIn("Halo Ring 600mm price?", "halo ring 600mm price?", "size", "19.7 in / 500 mm") {
		t.Error("600mm names 19.7 in / 500 mm")
	}
	if got := valueParts("K20 Max"); !slices.Equal(got, []string{"k20", "max"}) {
		t.Errorf("valueParts(K20 Max) = %q", got)
	}
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-moon", Title: "光屿 月影Moon 智能吸顶灯", Category: "lamps", SKUs: []shop.SKU{
		{ID: "s-t-moon-5", Price: 69900, Stock: 3, Attributes: shop.AttrsOf(map[string]string{"size": "Φ500mm"})},
		{ID: "s-t-moon-6", Price: 89900, Stock: 0, Attributes: shop.AttrsOf(map[string]string{"size": "Φ600mm"})}}})
	r, _ := f.plan(t, turn("dave", "月影600的有现货吗"))
	if !strings.Contains(r.Text, "月影Moon") {
		t.Errorf("月影600的有现货吗: %q", r.Text)
	}
}

// "<product>4000K的 买3卷" buys a count: what it comes to is the answer; asked as a
// question of the product, it is not a purchase.
func TestBuyingACount(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-led", Title: "素光 COB 线性灯带 24V", Category: "strips", SKUs: []shop.SKU{
		{ID: "s-t-led-3", Price: 12900, Stock: 9, Attributes: shop.AttrsOf(map[string]string{"cct": "3000K"})},
		{ID: "s-t-led-4", Price: 12900, Stock: 9, Attributes: shop.AttrsOf(map[string]string{"cct": "4000K"})}}})
	_, calls := f.plan(t, turn("dave", "素光COB灯带4000K的 买3卷"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-t-led-4": 3}) {
		t.Errorf("quoted %v, want three of 4000K", got)
	}
	_, calls = f.plan(t, turn("dave", "素光COB灯带4000K的 买3卷够不够装客厅吗"))
	for _, c := range calls {
		if c.Name == tool.QuotePrice {
			t.Errorf("a question about the product was quoted: %v", calledTools(calls))
		}
	}
}

// "<Line> Desk Lamp with Wireless Charger" is a lamp: "the <Line> desk lamp" is
// it, not the line's floor lamp (the lighting shop's data).
func TestKindBeforeWith(t *testing.T) {
	f := newAssetFixture(t, "demo-lighting")
	_, calls := f.plan(t, turn("dave", "How much is the Arc desk lamp in black?"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-dl-04-black": 1}) {
		t.Errorf("quoted %v, want the desk lamp", got)
	}
}

// "港码14" is a size in the HK system, which a shop's size systems convert
// ("我平时戴港码14号的戒指 <ring>选几号": US 7 on the watch shop's ring chart).
func TestSizeSystemWordsFromData(t *testing.T) {
	if got := referenceSize("我平时戴港码14号的戒指"); got == nil || got.system != "HK" || got.size != "14" {
		t.Fatalf("referenceSize = %+v, want HK 14", got)
	}
	f := newAssetFixture(t, "demo-watches")
	r, _ := f.plan(t, turn("dave", "我平时戴港码14号的戒指 RingConn选几号"))
	if !strings.Contains(r.Text, "US 7") {
		t.Errorf("ring size: %q", r.Text)
	}
}

// "two of the <A>s and one grey <B>, what do I end up paying?" is one cart of
// those counts; "price for 2 <A>s, black M?" stays one product.
func TestEnglishCartWithCountsOfEach(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-clip", Title: "Lumo 夹式植物补光灯", Category: "gadgets", Tags: []string{"clip-on grow light"}, SKUs: []shop.SKU{
			{ID: "s-t-clip", Price: 9900, Stock: 9}}},
		shop.Product{ID: "p-t-pot", Title: "绿语 SmartPot 智能花盆", Category: "gadgets", SKUs: []shop.SKU{
			{ID: "s-t-pot-g", Price: 29900, Stock: 9, Attributes: shop.AttrsOf(map[string]string{"color": "grey"})},
			{ID: "s-t-pot-w", Price: 29900, Stock: 9, Attributes: shop.AttrsOf(map[string]string{"color": "white"})}}})
	_, calls := f.plan(t, turn("dave", "If I get two of the clip-on grow lights and one grey SmartPot, what do I end up paying?"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-t-clip": 2, "s-t-pot-g": 1}) {
		t.Errorf("quoted %v, want two lights and a grey pot", got)
	}
}

// "… plus the long mouse pad" in English, for a shop with one 鼠标垫 (the gaming
// shop's data): that product's line beside the keyboard's.
func TestEnglishCartPartByGlossedKind(t *testing.T) {
	f := newAssetFixture(t, "demo-gaming")
	_, calls := f.plan(t, turn("dave", "the M65 magnetic keyboard plus the long mouse pad — how much together?"))
	got := quotedCart(t, calls)
	if len(got) != 2 || got["s-pad-m"]+got["s-pad-l"] != 1 {
		t.Errorf("quoted %v, want the keyboard and a mouse pad", got)
	}
}
