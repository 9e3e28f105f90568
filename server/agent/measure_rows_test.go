package agent

import (
	"fmt"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A size chart in prose is read row by row: each range tied to its size, before
// or after it, and to the measurement it is of.
func TestChartRowsInProse(t *testing.T) {
	show := func(rs []fitRange) string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s:%s:%g-%g%s", r.size, r.dim, r.lo, r.hi, r.unit))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct{ text, want string }{
		{"S码：身高155-160cm，体重45-52kg；M码：身高160-165cm，体重52-58kg。",
			"S:height:155-160cm S:weight:45-52kg M:height:160-165cm M:weight:52-58kg"},
		{"身高160-165cm、体重50-57kg建议M码；身高165-170cm、体重57-64kg建议L码",
			"M:height:160-165cm M:weight:50-57kg L:height:165-170cm L:weight:57-64kg"},
		{"尺码表：M 腰围68-74cm 臀围90-96cm，L 腰围74-80cm 臀围96-102cm",
			"M:waist:68-74cm M:hip:90-96cm L:waist:74-80cm L:hip:96-102cm"},
		{"Size guide: S fits chest 86-91cm, M chest 91-97cm, L chest 97-102cm.",
			"S:chest:86-91cm M:chest:91-97cm L:chest:97-102cm"},
		{"按胸围选码：S 35-45cm，M 45-60cm", "S:chest:35-45cm M:chest:45-60cm"},
		{"100码 90-100cm，110码 100-110cm", "100::90-100cm 110::100-110cm"},
		{"M码(170/88A)", "M:height:167.5-172.5cm M:girth:86-90cm"},
		{"体重100-120斤穿S", "S:weight:50-60kg"},
		{"面料95%棉，可机洗。", ""},
		{"XS 背长20cm 胸围30cm 体重1-2kg；S 背长25cm 胸围36cm 2-3.5kg；M 背长30cm 胸围42cm 3.5-5.5kg",
			"XS:weight:1-2kg S:weight:2-3.5kg M:weight:3.5-5.5kg XS:back:15-20cm S:back:20.01-25cm M:back:25.01-30cm XS:chest:24-30cm S:chest:30.01-36cm M:chest:36.01-42cm"},
	} {
		if got := show(sizeRanges(c.text)); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// A customer's measurements: by the word before the number or by its unit; a
// unit-less weight from 100 on is in 斤; sizes, prices and counts are none.
func TestCustomerMeasurements(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"身高170体重130斤穿几码", "height=170cm weight=65kg"},
		{"我170 65kg穿多大", "height=170cm weight=65kg"},
		{"腰围72选哪个码", "waist=72cm"},
		{"体重是120 穿什么码", "weight=60kg"},
		{"i'm 5'9 and 150 lbs, what size", "height=175cm weight=68.04kg"},
		{"胸围96cm", "chest=96cm"},
		{"平时穿38码", ""},
		{"预算300以内 2件", ""},
	} {
		var got []string
		for _, b := range bodyMeasuresIn(c.q) {
			got = append(got, fmt.Sprintf("%s=%g%s", b.dim, b.value, b.unit))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%q: got %q, want %q", c.q, g, c.want)
		}
	}
}

// The size asked by measurements is the chart's row holding them all; when two
// measurements point at two sizes, both are said; measurements told earlier count.
func TestSizeByBodyChart(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-pants", Title: "行云 直筒长裤 K7 | Xingyun Straight Trousers K7", Category: "trousers",
			Description: "尺码表：M 腰围68-74cm 臀围90-96cm，L 腰围74-80cm 臀围96-102cm。建议：身高160-165cm、体重50-57kg选M码；身高165-170cm、体重57-64kg选L码。",
			SKUs: []shop.SKU{{ID: "s-t-pants-m", Price: 19900, Stock: 5, Attributes: shop.Attrs{{Name: "size", Value: "M"}}},
				{ID: "s-t-pants-l", Price: 19900, Stock: 5, Attributes: shop.Attrs{{Name: "size", Value: "L"}}}}})
	for _, c := range []struct {
		tr        Turn
		want, not []string
	}{
		{turn("alice", "腰围77 K7长裤穿什么码"), []string{"L码", "腰围74-80cm"}, []string{"M码"}},
		{turn("alice", "身高163体重60kg，K7长裤穿几码"), []string{"M码", "L码", "身高"}, nil},
		{followTurn("alice", "K7长裤穿几码", "我身高168 体重120斤"), []string{"L码", "身高 168cm"}, []string{"M码"}},
		{turn("alice", "168 62kg K7长裤M还是L"), []string{"L码"}, []string{"M码"}},
		{turn("alice", "腰围100 K7长裤穿什么码"), []string{"K7"}, []string{"M码", "L码"}},
	} {
		r, _ := f.plan(t, c.tr)
		for _, w := range c.want {
			if !strings.Contains(r.Text, w) {
				t.Errorf("%q: want %q in %q", c.tr.Messages, w, r.Text)
			}
		}
		for _, n := range c.not {
			if strings.Contains(r.Text, n) {
				t.Errorf("%q: %q must not be in %q", c.tr.Messages, n, r.Text)
			}
		}
	}
}

// English measurement words count as words: "ship" names no hip, "warm" no arm.
func TestDimWordsAreWords(t *testing.T) {
	if d, _ := dimBefore("free shipping over 99, relationship "); d != "" {
		t.Errorf("dimBefore found %q", d)
	}
	if d := dimInSentence("keeps you warm, "); d != "" {
		t.Errorf("dimInSentence found %q", d)
	}
	if d, _ := dimBefore("hip "); d != "hip" {
		t.Errorf("hip: %q", d)
	}
}

func TestMetresAsCm(t *testing.T) {
	for in, want := range map[string]string{
		"孩子身高1米42":  "孩子身高142cm",
		"我女儿一米四五":   "我女儿145cm",
		"身高1.7米":    "身高170cm",
		"1米半的床":     "150cm的床",
		"他1米8 140斤": "他180cm 140斤",
		"11米的绳子":    "11米的绳子",
	} {
		if got := metresAsCm(in); got != want {
			t.Errorf("metresAsCm(%q) = %q, want %q", in, got, want)
		}
	}
}
