package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A yes-no question about a product is answered yes or no from its description,
// negation and all; one the description does not speak of gets "it does not say",
// never a guess.
func TestYesNoFromTheDescription(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-hum", Title: "雾语静音加湿器 | Mistral Quiet Humidifier", Category: "home",
		Description: "不支持App控制，只能用机身按键。水箱4升，可拆洗。English: no app control, buttons on the unit only. 4 L tank, removable for washing.",
		SKUs:        []shop.SKU{{ID: "s-t-hum", Price: 29900, Stock: 5}}})
	cases := []struct {
		q, lead string
	}{
		{"雾语加湿器能用App控制吗", i18n.T(i18n.ZH, "agent.fact.cannot")},
		{"雾语加湿器水箱能不能拆洗", i18n.T(i18n.ZH, "agent.fact.can")},
		{"雾语加湿器水箱能拆洗吗 多大", i18n.T(i18n.ZH, "agent.fact.can")},
		{"can the Mistral humidifier be controlled by an app?", i18n.T(i18n.EN, "agent.fact.cannot")},
		{"雾语加湿器有夜灯吗", i18n.T(i18n.ZH, "agent.fact.unknown")},
		{"雾语加湿器有定时关机吗", i18n.T(i18n.ZH, "agent.fact.unknown")}, // "机" of 机身 alone is no answer
	}
	for _, c := range cases {
		r, _ := f.plan(t, turn("alice", c.q))
		lang := i18n.Detect(c.q)
		for _, k := range []string{"agent.fact.can", "agent.fact.cannot", "agent.fact.has", "agent.fact.hasnt", "agent.fact.yes", "agent.fact.no", "agent.fact.unknown"} {
			l := i18n.T(lang, k)
			if starts := strings.HasPrefix(r.Text, l); starts != (l == c.lead) {
				t.Errorf("%s: lead %q wanted %q: %q", c.q, l, c.lead, r.Text)
			}
		}
	}
}

// A variant named prices the product's line: its price, not the range.
func TestNamedVariantPricesTheLine(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-hum2", Title: "雾语加湿器 | Mistral Humidifier", Category: "home",
		SKUs: []shop.SKU{
			{ID: "s-t-hum2-2", Price: 19900, Stock: 5, Attributes: shop.Attrs{{Name: "capacity", Value: "2L"}}},
			{ID: "s-t-hum2-4", Price: 29900, Stock: 0, Attributes: shop.Attrs{{Name: "capacity", Value: "4L"}}}}})
	r, _ := f.plan(t, turn("alice", "雾语加湿器4L有货吗"))
	if !strings.Contains(r.Text, "¥299.00") || strings.Contains(r.Text, "¥199.00") {
		t.Fatalf("the 4L's price alone: %q", r.Text)
	}
}

// A product named only by a word of its title is the subject of a question the
// shop's FAQ answers, not a rival answer to it.
func TestTitleWordIsTheSubjectOfAnFAQ(t *testing.T) {
	f := newFixture(t)
	heads := shop.Product{ID: "p-t-heads", Title: "洁澈 电动牙刷替换刷头 | Clario Brush Heads", Category: "personal-care",
		Description: "刷头属耗材，不保修。", SKUs: []shop.SKU{{ID: "s-t-heads", Price: 9900, Stock: 5}}}
	f.withProducts(t, heads)
	s := newSession(t.Context(), f.deps, turn("alice", "牙刷要是坏了保修多久"))
	if !s.isSubject(&heads) {
		t.Fatal("牙刷 names the brush heads as the question's subject")
	}
	if s.isSubject(s.snap.Product("p-kettle-1")) {
		t.Fatal("the kettle is no subject of a question about toothbrushes")
	}
}

// The words a customer names the product by ("the niacinamide serum", which its
// description opens with) are no evidence for a yes.
func TestNoYesOnTheProductsOwnName(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-serum", Title: "澄肌 小白瓶精华", Category: "skincare",
		Description: "10% niacinamide brightening serum, 30 ml. Use morning and evening.",
		SKUs:        []shop.SKU{{ID: "s-t-serum", Price: 19900, Stock: 5}}})
	r, _ := f.plan(t, turn("bob", "is the niacinamide serum ok for sensitive skin?"))
	if strings.HasPrefix(r.Text, i18n.T(i18n.EN, "agent.fact.yes")) {
		t.Fatalf("a yes on the product's name: %q", r.Text)
	}
}

// A model name closing a Chinese title is kept; an English half repeating the
// model is not.
func TestTitleKeepsATrailingModelName(t *testing.T) {
	for title, want := range map[string]string{
		"澜栖 LanQi 天然橡胶PU专业瑜伽垫 GripPro 4.5": "澜栖 LanQi 天然橡胶PU专业瑜伽垫 GripPro 4.5",
		"心驰 HeartPace 光电心率臂带 Pulse Arm 2":  "心驰 HeartPace 光电心率臂带 Pulse Arm 2",
		"星耀 X7 5G手机 Stellar X7 5G":         "星耀 X7 5G手机",
		"疾风缓震跑鞋 Gale Cushion Runner":       "疾风缓震跑鞋",
	} {
		if got := titleText(title, i18n.ZH); got != want {
			t.Errorf("titleText(%q) = %q, want %q", title, got, want)
		}
	}
}

// A description's sentences about other variants than the one named are left out
// ("4L的…": not the 2L's figures beside it).
func TestDescriptionOfTheVariantNamed(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-tank", Title: "丁牌 Clear 玻璃水箱 | Ding Clear Tank", Category: "home",
		Description: "超白玻璃。2L款：20×10×10cm，玻璃厚3mm；4L款：25×16×10cm，玻璃厚4mm。不含盖子。",
		SKUs: []shop.SKU{
			{ID: "s-t-tank-2", Price: 9900, Stock: 5, Attributes: shop.Attrs{{Name: "capacity", Value: "2L"}}},
			{ID: "s-t-tank-4", Price: 12900, Stock: 5, Attributes: shop.Attrs{{Name: "capacity", Value: "4L"}}}}})
	r, _ := f.plan(t, turn("alice", "4L的丁牌玻璃水箱具体尺寸多大"))
	if !strings.Contains(r.Text, "25×16×10cm") || strings.Contains(r.Text, "20×10×10cm") {
		t.Fatalf("the 4L's sentence alone: %q", r.Text)
	}
}

// A yes-no question after a price ("能用App控制吗") asks it of the product priced
// before, and is answered from its description, not with the price again; a
// value alone ("两台呢") still asks the price.
func TestYesNoFollowUpAfterAPrice(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-hum", Title: "雾语静音加湿器 | Mistral Quiet Humidifier", Category: "home",
		Description: "不支持App控制，只能用机身按键。水箱4升，可拆洗。",
		SKUs:        []shop.SKU{{ID: "s-t-hum", Price: 29900, Stock: 5}}})
	first := "雾语加湿器多少钱"
	r0, _ := f.plan(t, turn("alice", first))
	if !strings.Contains(r0.Text, "¥299.00") {
		t.Fatalf("the price first: %q", r0.Text)
	}
	follow := func(q string) (*Reply, []tool.Call) {
		tr := turn("alice", q)
		tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
		return f.plan(t, tr)
	}
	r, calls := follow("能用App控制吗")
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.fact.cannot")) || slices.Contains(calledTools(calls), "quote_price") {
		t.Errorf("a yes-no answer, not the price again: %q %v", r.Text, calledTools(calls))
	}
	if r, calls := follow("两台呢"); !slices.Contains(calledTools(calls), "quote_price") || !strings.Contains(r.Text, "× 2") {
		t.Errorf("a value alone still asks the price: %q %v", r.Text, calledTools(calls))
	}
}

// "<A>的电池能通用吧？到手多少钱": the yes-no question of the product is answered
// from its page, before its price.
func TestYesNoBesidePrice(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-mower", Title: "绿刃 GreenEdge 40V 锂电割草机", Category: "mowers",
		Description: "40V锂电手推割草机，割幅41cm。电池与绿刃40V系列工具通用。不支持自走。",
		SKUs:        []shop.SKU{{ID: "s-t-mower", Price: 179900, Stock: 5}}})
	r, calls := f.plan(t, turn("alice", "GreenEdge割草机我再买一台，我那块电池能通用吧？到手多少钱"))
	fact, price := strings.Index(r.Text, "通用"), strings.Index(r.Text, i18n.T(i18n.ZH, "agent.price.intro"))
	if !slices.Contains(calledTools(calls), tool.QuotePrice) || fact < 0 || price < 0 || fact > price {
		t.Errorf("the fact, then the price: %q", r.Text)
	}
}
