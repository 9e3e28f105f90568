package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// The figures a description states, by family: storage ("512G") and a brand
// ("3M") are no grams or metres, "5000mAh" no metres, and a range gives both ends.
func TestMeasuresIn(t *testing.T) {
	got := measuresIn("镜架约24g，电池5000mAh，支持512G卡，3M背胶；20寸 55×39×23cm 3.6kg；工作温度-20℃~70℃，最高800流明，150PSI")
	var texts []string
	for _, m := range got {
		texts = append(texts, m.family+":"+m.text)
	}
	want := []string{"weight:24g", "battery:5000mAh", "length:23cm", "weight:3.6kg", "temperature:-20℃", "temperature:70℃", "brightness:800流明", "pressure:150PSI"}
	if !slices.Equal(texts, want) {
		t.Errorf("got %v, want %v", texts, want)
	}
	if w := measuresIn("1.2kg")[0].value; w != 1200 {
		t.Errorf("1.2kg is %v g", w)
	}
}

// "is this one lighter than <B>?": the product under discussion against the one
// named, each one's weight shown and the lighter named first.
func TestCompareLighterThanTheOneBefore(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-case1", Title: "远行 Nimbus 铝框行李箱", Category: "luggage", Description: "铝框设计，20寸净重3.6kg，容量35L。",
			SKUs: []shop.SKU{{ID: "s-t-case1", Price: 99900, Stock: 5}}},
		shop.Product{ID: "p-t-case2", Title: "远行 Stratus 全铝行李箱", Category: "luggage", Description: "全铝箱体，20寸净重4.1kg，容量34L。",
			SKUs: []shop.SKU{{ID: "s-t-case2", Price: 199900, Stock: 5}}})
	r, calls := askAfter(t, f, "alice", "tell me about the Nimbus suitcase", "is this one lighter than the Stratus?")
	if !slices.Contains(calledTools(calls), tool.CompareProducts) {
		t.Fatalf("no comparison: %v %q", calledTools(calls), r.Text)
	}
	first, _, _ := strings.Cut(r.Text, "\n")
	if !strings.Contains(first, "Nimbus") || !strings.Contains(first, "lighter") || !strings.Contains(r.Text, "3.6kg") || !strings.Contains(r.Text, "4.1kg") {
		t.Errorf("the lighter one named with both weights: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "Nimbus和Stratus哪个更重"))
	if first, _, _ := strings.Cut(r.Text, "\n"); !strings.Contains(first, "Stratus") || !strings.Contains(first, "更重") {
		t.Errorf("the heavier one named: %q", r.Text)
	}
}

// An English question to a shop that writes only Chinese finds the product by the
// glossary's Chinese for its words ("fingerprint" → 指纹).
func TestEnglishQuestionFindsAChineseTitle(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-lock", Title: "坚固 智能指纹链锁", Category: "locks", Description: "指纹解锁，USB-C充电。",
			SKUs: []shop.SKU{{ID: "s-t-lock", Price: 29900, Stock: 0}}},
		shop.Product{ID: "p-t-ulock", Title: "坚固 U型锁", Category: "locks", Description: "钢制U型锁。",
			SKUs: []shop.SKU{{ID: "s-t-ulock", Price: 9900, Stock: 5}}})
	r, _ := f.plan(t, turn("alice", "is the fingerprint lock available?"))
	if !strings.Contains(r.Text, "指纹链锁") || strings.Contains(r.Text, "U型锁") || !strings.Contains(r.Text, "sold out") {
		t.Errorf("the fingerprint lock, sold out: %q", r.Text)
	}
}

// A size written in words is named as any value ("medium" → 中号), and a size in
// inches as the shop writes it ("20in" → 20寸).
func TestSizesInWordsAndInches(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-bag", Title: "月影 Moon 腋下包 小号/中号", Category: "bags",
			SKUs: []shop.SKU{
				{ID: "s-t-bag-s", Price: 169900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "小号", "color": "黑色"})},
				{ID: "s-t-bag-m", Price: 199900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "中号", "color": "黑色"})}}},
		shop.Product{ID: "p-t-trunk", Title: "远行 Stratus 全铝行李箱", Category: "luggage",
			SKUs: []shop.SKU{
				{ID: "s-t-trunk-20", Price: 259900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "20寸"})},
				{ID: "s-t-trunk-24", Price: 289900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "24寸"})}}})
	for q, want := range map[string]string{
		"how much is the Moon bag medium in black": "s-t-bag-m",
		"how much is the Stratus 20in":             "s-t-trunk-20",
	} {
		_, calls := f.plan(t, turn("alice", q))
		if got := quotedCart(t, calls); len(got) != 1 || got[want] != 1 {
			t.Errorf("%q quoted %v, want %s alone", q, got, want)
		}
	}
}

// A product sized by its category's table has no chart of its own: asking whether
// the chart lists a size is "no", not a crash.
func TestChartListsWithoutAChart(t *testing.T) {
	if chartLists(&shop.Product{ID: "p-t-boot"}, "42") {
		t.Error("a product without a chart lists no size")
	}
	if !chartLists(&shop.Product{SizeChart: &shop.SizeChart{Rows: []shop.SizeRow{{Size: "42", FootMM: 265}}}}, " 42 ") {
		t.Error("the chart's own size")
	}
}

// A need the customer tells ("800平") and a capacity a description states
// ("适用1000平方米"): it fits (not far above), and the sentence saying so is why.
func TestCoversFigure(t *testing.T) {
	for _, c := range []struct {
		q, text string
		want    bool
	}{
		{"院子草坪差不多800平", "WR155适用1000平方米", true},
		{"院子草坪差不多800平", "WR153适用500平方米", false},
		{"院子草坪差不多800平", "适用5000平方米", false},
		{"零下30度", "适合-20℃", false},
		// A cold told is met by a product made for it or somewhat colder.
		{"营地晚上能到零下3度", "舒适温度-5℃、极限温度-12℃", true},
		{"营地晚上能到零下3度", "舒适温度10℃，适合春夏", false},
		{"营地晚上能到零下3度", "舒适温度-25℃", false},
	} {
		if got := figuresFit(measuresIn(c.q), c.text); got != c.want {
			t.Errorf("figuresFit(%q, %q) = %v", c.q, c.text, got)
		}
	}
}

// "运动鞋" is running shoes where the shop sells those, else its sneakers: the
// fishing shop keeps its reference sizes under sneakers.
func TestAlsoCategoryWords(t *testing.T) {
	f := newAssetFixture(t, "demo-fishing")
	s := newSession(t.Context(), f.deps, turn("alice", "运动鞋41码，溯溪鞋穿几码"))
	if got := mentionedCats(s.words.categoryMentions(s.low)); !slices.Contains(got, "sneakers") {
		t.Errorf("categories %v, want sneakers", got)
	}
	d := newFixture(t) // the demo sells running shoes and sneakers: 运动鞋 is running shoes
	s = newSession(t.Context(), d.deps, turn("alice", "平时穿42的运动鞋"))
	if got := mentionedCats(s.words.categoryMentions(s.low)); !slices.Equal(got, []string{"running-shoes"}) {
		t.Errorf("categories %v, want running-shoes", got)
	}
}

// A size told in another system than the product's chart is answered in the
// chart's ("EU 43 … UK size?" → "UK 9"); "平时运动鞋41码" tells the size worn.
func TestSizeInTheChartsSystem(t *testing.T) {
	f := newAssetFixture(t, "demo-hardware")
	r, _ := f.plan(t, turn("alice", "My running shoes are EU 43. What UK size should I take in the Honeywell boots?"))
	if !strings.Contains(r.Text, "**UK 9**") {
		t.Errorf("the UK size: %q", r.Text)
	}
	r, _ = askAfter(t, f, "alice", "代尔塔安全鞋码数准吗", "那我平时运动鞋41码选哪个")
	if !strings.Contains(r.Text, "**42**") {
		t.Errorf("the size from the sneakers worn: %q", r.Text)
	}
}
