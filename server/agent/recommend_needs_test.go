package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

func TestDeclinedHanWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"上班用 不想太浓太甜 有推荐吗", []string{"浓", "甜"}},
		{"不要甜的 有啥推荐", []string{"甜"}},
		{"想要清淡一点的", nil},
	} {
		if got := declinedHanWords(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: declined %v, want %v", c.text, got, c.want)
		}
	}
}

// A recommendation by need, as a new shop's customer asked it: what it is for in
// other words than its tags ("上班用" for products tagged 办公室 / 通勤: one concept),
// what they do not want ("不想太浓": one tagged 浓郁 is not offered; one tagged
// 不甜 is no sweet one), and a gift with a budget is what to buy, not how it is
// wrapped.
func TestRecommendationByNeed(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-n-tea", Title: "绿庭 抹茶 浓香水", Category: "perfume", Tags: []string{"茶香调", "不甜", "办公室"},
			Description: "微苦的茶香，清爽安静。香精浓度15%。", SKUs: []shop.SKU{{ID: "s-n-tea", Price: 64600, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}},
		shop.Product{ID: "p-n-orange", Title: "晨光 橙花 浓香水", Category: "perfume", Tags: []string{"花香调", "通勤"},
			Description: "干净明亮的皂感。香精浓度16%。", SKUs: []shop.SKU{{ID: "s-n-orange", Price: 52700, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}},
		shop.Product{ID: "p-n-oud", Title: "金殿 乌木 浓香水", Category: "perfume", Tags: []string{"乌木", "浓郁", "晚宴"},
			Description: "浓郁、有烟熏感，扩散力强。香精浓度22%。", SKUs: []shop.SKU{{ID: "s-n-oud", Price: 108800, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}},
		shop.Product{ID: "p-n-candy", Title: "甜心 焦糖 浓香水", Category: "perfume", Tags: []string{"美食调", "甜"},
			Description: "焦糖和香草，甜美。香精浓度18%。", SKUs: []shop.SKU{{ID: "s-n-candy", Price: 39900, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}})
	f2 := newFixture(t)
	f2.withProducts(t,
		shop.Product{ID: "p-n-cedar", Title: "雪林 白雪松 Cedre 浓香水", Category: "perfume", Tags: []string{"木质调", "不甜"},
			Description: "干净的雪松木质香。", SKUs: []shop.SKU{{ID: "s-n-cedar", Price: 78200, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}},
		shop.Product{ID: "p-n-candy2", Title: "甜心 焦糖 浓香水", Category: "perfume", Tags: []string{"美食调", "甜"},
			Description: "焦糖和香草，甜美。", SKUs: []shop.SKU{{ID: "s-n-candy2", Price: 39900, Stock: 9, Attributes: attrsOf("capacity", "50ml")}}})
	// English: "woody" is 木质 (the glossary), "not sweet" declines the sweet one.
	if r, _ := f2.plan(t, turn("dave", "Looking for something for my dad, he likes woody stuff, not sweet, about 800 yuan")); !strings.Contains(r.Text, "Cedre") {
		t.Errorf("woody, not sweet: %q, want the cedar one", r.Text)
	}
	r, _ := f.plan(t, turn("dave", "上班用 不想太浓太甜 有推荐吗"))
	for _, want := range []string{"抹茶", "橙花"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("上班用…: %q, want %s (tagged for the office)", r.Text, want)
		}
	}
	for _, not := range []string{"乌木", "焦糖"} {
		if strings.Contains(r.Text, not) {
			t.Errorf("上班用…: %q offers %s, which the customer declined", r.Text, not)
		}
	}
}
