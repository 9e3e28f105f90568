package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A value's note in brackets is a part of its own, and a part that says what the
// variant lacks is not named by the gloss of it: "the kit with the battery" is the
// 套装(含4Ah电池+充电器), not the 裸机(不含电池); "中株" names 中株(6-8叶).
func TestValuePartsAndWhatAVariantLacks(t *testing.T) {
	if got := valueParts("套装(含4Ah电池+充电器)"); !slices.Equal(got, []string{"套装", "含4ah电池", "充电器"}) {
		t.Errorf("parts %v", got)
	}
	q := "how much is the mower kit with the battery?"
	if kit, bare := valueScore(q, q, "package", "套装(含4Ah电池+充电器)"), valueScore(q, q, "package", "裸机(不含电池)"); kit <= bare || bare != 0 {
		t.Errorf("kit %d, bare %d", kit, bare)
	}
	if valueScore("龟背竹中株多少钱", "龟背竹中株多少钱", "size", "中株(6-8叶)") != 1 || valueScore("龟背竹中株多少钱", "龟背竹中株多少钱", "size", "小株(3-4叶)") != 0 {
		t.Error("中株 names 中株(6-8叶) alone")
	}
}

// "1.5号拉力多大" of a line sold in 号: the variant's figure from the sentence that
// lists them, not the neighbours' — and no shoe size worked out of "1.5号".
func TestVariantFigureFromTheDescription(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-line", Title: "渔光 Siglon PE线 X8", Category: "lines",
		Description: "8编PE线，每卷150米。1.0号约9公斤拉力，1.5号约11公斤，2.0号约14公斤。不吸水。",
		SKUs: []shop.SKU{
			{ID: "s-t-line-10", Price: 17800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "1.0号"})},
			{ID: "s-t-line-15", Price: 17800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "1.5号"})},
			{ID: "s-t-line-20", Price: 17800, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"size": "2.0号"})}}})
	r, _ := f.plan(t, turn("alice", "Siglon PE线1.5号拉力多大"))
	if !strings.HasPrefix(r.Text, "1.5号约11公斤") || strings.Contains(r.Text, "14公斤") || strings.Contains(r.Text, "码") {
		t.Errorf("the 1.5号's figure alone: %q", r.Text)
	}
}

// "3000的" names the LT3000 (a value of a letter prefix and a number), not inside
// a longer figure ("13000"); "那单棵的呢" asks for the 单棵 variant, not "that order".
func TestModelNumbersAndOrderWordsInValues(t *testing.T) {
	for low, want := range map[string]bool{"3000的多少钱": true, "lt3000": false, "13000的": false, "3000.5": false} {
		if got := modelNumberIn(low, "lt3000"); got != want {
			t.Errorf("modelNumberIn(%q) = %v", low, got)
		}
	}
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-snake", Title: "金边虎皮兰 懒人绿植", Category: "plants",
		SKUs: []shop.SKU{
			{ID: "s-t-snake-1", Price: 3900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"pack": "单棵"})},
			{ID: "s-t-snake-3", Price: 9900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"pack": "三棵装"})}}})
	s := newSession(t.Context(), f.deps, turn("alice", "那单棵的呢"))
	if !s.orderWordsInValues() {
		t.Error("那单棵: the 单 is the value's")
	}
	s = newSession(t.Context(), f.deps, turn("alice", "那单到哪了"))
	if s.orderWordsInValues() {
		t.Error("那单到哪了 asks about that order")
	}
}

// Inches marked with a quote, beds by their width, a variant without something.
func TestValuesByInchWidthAndLack(t *testing.T) {
	for _, c := range []struct {
		say, name, value string
		want             bool
	}{
		{"the bravia 7 in 65 inch", "screen", `65"`, true},
		{"索尼65寸多少钱", "screen", `65"`, true},
		{"the bravia 7 in 65 inch", "screen", `75"`, false},
		{"deepsleep床垫1.8 多少钱", "size", "1.8×2.0m", true},
		{"deepsleep床垫1.8 多少钱", "size", "1.5×2.0m", false},
		{"1.85米高的人睡多大的床", "size", "1.8×2.0m", false},
		{"atlas lite 不带头枕的", "spec", "无头枕", true},
		{"atlas lite 不带头枕的", "spec", "带头枕", false},
		{"atlas lite 带头枕的", "spec", "带头枕", true},
		{"atlas lite 带头枕的", "spec", "无头枕", false},
		{"要没有头枕的那款", "spec", "无头枕", true},
	} {
		if got := mentionsValueIn(c.say, strings.ToLower(c.say), c.name, c.value); got != c.want {
			t.Errorf("%q names %s=%q: %v, want %v", c.say, c.name, c.value, got, c.want)
		}
	}
}

// A value's Chinese but for a grade before it ("多层实木板" of ENF级多层实木板); a
// seat named without 位 ("单人的" of 单人位).
func TestValueCoresAndSeats(t *testing.T) {
	q := "定制衣柜 多层实木板的 做5个平方"
	if multi, chip := valueScore(q, q, "spec", "ENF级多层实木板"), valueScore(q, q, "spec", "ENF级颗粒板"); multi != 1 || chip != 0 {
		t.Errorf("多层实木板: %d, 颗粒板: %d", multi, chip)
	}
	if !mentionsValueIn("躺岛单人的", "躺岛单人的", "spec", "单人位") || mentionsValueIn("躺岛单人的", "躺岛单人的", "spec", "三人位") {
		t.Error("单人的 names 单人位 alone")
	}
}

// A value that is a figure and one Chinese unit ("18年") is named by its bare
// figure when what follows asks about it or is its unit in English — not when
// another unit or measure follows.
func TestBareFigureBeforeAQuestion(t *testing.T) {
	for low, want := range map[string]bool{
		"<name>18有货吗":                     true,
		"is the <name> 18 in stock?":      true,
		"is the <name> 18 year in stock?": true,
		"<name> 18多少钱":                    true,
		"and the 18?":                     true,
		"<name>18寸的":                      false,
		"<name> 18 inch":                  false,
		"<name> 18个月":                     false,
	} {
		if got := bareFigureIn(low, "18年"); got != want {
			t.Errorf("bareFigureIn(%q, 18年) = %v, want %v", low, got, want)
		}
	}
}
