package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A value written with a slash ("grey/black") is one item's colour, not two items
// of a cart, and the plus of a name ("Lite+") joins no items; and a value named whole ("眼肉") is meant over a value that only
// contains it ("西冷+眼肉"), whatever is in stock first.
func TestSlashedValueAndWholeValue(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-cs-glove", Title: "NORDA Racer 长款手套", Category: "gloves", SKUs: []shop.SKU{
			{ID: "s-cs-g-bw-s", Price: 138000, Stock: 5, Attributes: attrsOf("color", "黑白 Black/White", "size", "S")},
			{ID: "s-cs-g-bw-l", Price: 138000, Stock: 5, Attributes: attrsOf("color", "黑白 Black/White", "size", "L")},
			{ID: "s-cs-g-br-l", Price: 138000, Stock: 5, Attributes: attrsOf("color", "黑红 Black/Red", "size", "L")}}},
		shop.Product{ID: "p-cs-boot", Title: "TREKKA Trail 防水靴", Category: "boots", SKUs: []shop.SKU{
			{ID: "s-cs-b-k-43", Price: 268000, Stock: 5, Attributes: attrsOf("color", "黑色 Black", "size", "43")},
			{ID: "s-cs-b-gk-42", Price: 268000, Stock: 5, Attributes: attrsOf("color", "灰黑 Grey/Black", "size", "42")},
			{ID: "s-cs-b-gk-43", Price: 268000, Stock: 5, Attributes: attrsOf("color", "灰黑 Grey/Black", "size", "43")}}},
		shop.Product{ID: "p-cs-steak", Title: "牧原 测试牛排", Category: "beef", SKUs: []shop.SKU{
			{ID: "s-cs-st-both", Price: 39900, Stock: 5, Attributes: attrsOf("cut", "西冷+眼肉")},
			{ID: "s-cs-st-sir", Price: 19900, Stock: 5, Attributes: attrsOf("cut", "西冷")},
			{ID: "s-cs-st-rib", Price: 22900, Stock: 5, Attributes: attrsOf("cut", "眼肉")}}},
		shop.Product{ID: "p-cs-drone", Title: "Aero 道远 Lite+ 一英寸航拍机", Category: "drones", SKUs: []shop.SKU{
			{ID: "s-cs-d-or", Price: 729900, Stock: 5, Attributes: attrsOf("color", "道远橙", "kit", "畅飞套装")},
			{ID: "s-cs-d-or-ins", Price: 769900, Stock: 5, Attributes: attrsOf("color", "道远橙", "kit", "畅飞套装+保险1年")}}})
	for _, c := range []struct {
		say  string
		want map[string]int
	}{
		{"Racer gloves black/white L plus the TREKKA Trail boots grey/black 43, total?",
			map[string]int{"s-cs-g-bw-l": 1, "s-cs-b-gk-43": 1}},
		{"牧原牛排眼肉多少钱", map[string]int{"s-cs-st-rib": 1}},
		{"Lite+ 橙色畅飞套装多少钱", map[string]int{"s-cs-d-or": 1}}, // the name's plus joins nothing
	} {
		_, calls := f.plan(t, turn("dave", c.say))
		got := quotedCart(t, calls)
		if len(got) != len(c.want) {
			t.Errorf("%q: quoted %v, want %v", c.say, got, c.want)
			continue
		}
		for k, n := range c.want {
			if got[k] != n {
				t.Errorf("%q: quoted %v, want %v", c.say, got, c.want)
			}
		}
	}
}

// An English word glossed to a word of a value that another product's title has
// names that product: "spare <Model> batteries" is the battery made for the
// <Model>, not the <Model> sold with one or two batteries.
func TestGlossedValueWordOfAnotherTitle(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-gv-car", Title: "飓速 Storm RX-9 四驱遥控越野车", Category: "rc-vehicles", SKUs: []shop.SKU{
			{ID: "s-gv-car-1", Price: 29900, Stock: 5, Attributes: attrsOf("battery", "单电池")},
			{ID: "s-gv-car-2", Price: 35900, Stock: 5, Attributes: attrsOf("battery", "双电池")}}},
		shop.Product{ID: "p-gv-bat", Title: "飓速 RX-9 专用备用锂电池 7.4V", Category: "rc-parts", SKUs: []shop.SKU{
			{ID: "s-gv-bat", Price: 5900, Stock: 5, Attributes: attrsOf("capacity", "1500mAh")}}})
	_, calls := f.plan(t, turn("dave", "If I buy two spare RX-9 batteries what do I pay?"))
	if cart := quotedCart(t, calls); cart["s-gv-bat"] != 2 || len(cart) != 1 {
		t.Errorf("quoted %v, want two of the battery", cart)
	}
}

// "买一对呢" after the price of one of a product sold by the piece ("按单只出售（一对
// 请拍2件）") is two of it — not the product another shop line sells as "一对".
func TestPairOfAPieceSoldSingly(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-pr-hex", Title: "铁原 包胶六角哑铃 Hex", Category: "weights",
			Description: "铸铁芯。按单只出售（一对请拍2件）。", SKUs: []shop.SKU{
				{ID: "s-pr-hex-10", Price: 16900, Stock: 5, Attributes: attrsOf("weight", "10kg")},
				{ID: "s-pr-hex-15", Price: 22900, Stock: 5, Attributes: attrsOf("weight", "15kg")}}},
		shop.Product{ID: "p-pr-dial", Title: "铁原 旋钮可调节哑铃 QuickDial 24", Category: "weights", SKUs: []shop.SKU{
			{ID: "s-pr-dial-1", Price: 129900, Stock: 5, Attributes: attrsOf("spec", "单只")},
			{ID: "s-pr-dial-2", Price: 249900, Stock: 5, Attributes: attrsOf("spec", "一对")}}})
	first := "六角哑铃10公斤的多少钱一只"
	r0, _ := f.plan(t, turn("dave", first))
	tr := turn("dave", "买一对呢？")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	if cart := quotedCart(t, calls); len(cart) != 1 || cart["s-pr-hex-10"] != 2 {
		t.Errorf("买一对呢: quoted %v, want two of the 10 kg dumbbell", cart)
	}
}

// "运动鞋39码的话<kind>选哪个" of a product sized in spans is a size question: the
// span holding 39; a size its chart cannot read is left to the other answers.
func TestWhichSizeBySpan(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-ws-clog", Title: "园丁 洞洞鞋 EVA 防水", Category: "garden-shoes",
		SizeChart: &shop.SizeChart{System: "CN", Rows: []shop.SizeRow{{Size: "36-37", FootMM: 235}, {Size: "38-39", FootMM: 245}, {Size: "40-41", FootMM: 255}}},
		SKUs: []shop.SKU{
			{ID: "s-ws-37", Price: 8900, Stock: 5, Attributes: attrsOf("size", "36-37")},
			{ID: "s-ws-39", Price: 8900, Stock: 5, Attributes: attrsOf("size", "38-39")},
			{ID: "s-ws-41", Price: 8900, Stock: 5, Attributes: attrsOf("size", "40-41")}}})
	r, _ := f.plan(t, turn("dave", "运动鞋39码的话洞洞鞋选哪个"))
	if !strings.Contains(r.Text, "38-39") {
		t.Errorf("want the span 38-39: %q", r.Text)
	}
}

// The plus of a name glued to a word before it ("白色PLA+ 两卷") joins nothing: each
// quote is one item, not the name's variants summed as a cart.
func TestPlusOfANameAfterChinese(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-pp-pla", Title: "层匠 PLA+ 打印耗材 1.75mm 高韧性", Category: "filament", SKUs: []shop.SKU{
		{ID: "s-pp-1", Price: 5990, Stock: 5, Attributes: attrsOf("weight", "1kg", "color", "白色")},
		{ID: "s-pp-3", Price: 16900, Stock: 5, Attributes: attrsOf("weight", "3kg（3卷装）", "color", "白色")}}})
	_, calls := f.plan(t, turn("dave", "白色PLA+ 两卷多少钱"))
	quotes := 0
	for _, c := range calls {
		if c.Name != tool.QuotePrice {
			continue
		}
		quotes++
		if strings.Count(c.Args, "sku_id") != 1 {
			t.Errorf("a cart of several items: %s", c.Args)
		}
	}
	if quotes == 0 {
		t.Error("no quote")
	}
}

// "那Plus版呢" of a product sold as "T" and "T Plus" names that version: "plus",
// a word of its value, joins no second item.
func TestTogetherWordInsideAValue(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-tw-seat", Title: "Cybexa Sirona 360° 安全座椅", Category: "car-seats", SKUs: []shop.SKU{
		{ID: "s-tw-t-b", Price: 458000, Stock: 5, Attributes: attrsOf("version", "T", "color", "黑色")},
		{ID: "s-tw-tp-b", Price: 498000, Stock: 5, Attributes: attrsOf("version", "T Plus", "color", "黑色")},
		{ID: "s-tw-tp-w", Price: 498000, Stock: 0, Attributes: attrsOf("version", "T Plus", "color", "白色")}}})
	first := "Cybexa Sirona 多少钱"
	r0, _ := f.plan(t, turn("dave", first))
	tr := turn("dave", "那Plus版呢")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	for _, c := range calls {
		if c.Name == tool.QuotePrice && strings.Count(c.Args, "sku_id") != 1 {
			t.Errorf("a cart of several versions: %s", c.Args)
		}
	}
}

// "买一个<A> <values> 一个<B><size> 一共多少": a count after a space starts the second
// item when it names another product.
func TestCountAfterASpaceStartsAnItem(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-cz-bottle", Title: "Hegena PCTO 宽口奶瓶 PPSU", Category: "bottles", SKUs: []shop.SKU{
			{ID: "s-cz-b150", Price: 16800, Stock: 5, Attributes: attrsOf("color", "灰色", "capacity", "150ml")},
			{ID: "s-cz-b240", Price: 18800, Stock: 5, Attributes: attrsOf("color", "灰色", "capacity", "240ml")}}},
		shop.Product{ID: "p-cz-teat", Title: "贝宁 宽口径奶嘴 2只装", Category: "teats", SKUs: []shop.SKU{
			{ID: "s-cz-ts", Price: 5900, Stock: 5, Attributes: attrsOf("size", "S")},
			{ID: "s-cz-tm", Price: 5900, Stock: 5, Attributes: attrsOf("size", "M")}}})
	_, calls := f.plan(t, turn("dave", "买一个Hegena 150灰色 一个贝宁奶嘴S号 一共多少"))
	if cart := quotedCart(t, calls); cart["s-cz-b150"] != 1 || cart["s-cz-ts"] != 1 || len(cart) != 2 {
		t.Errorf("quoted %v, want the 150 ml bottle and the S teat", cart)
	}
}
