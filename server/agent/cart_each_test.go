package agent

import (
	"maps"
	"testing"
)

// Carts of a product's variants, each with its count, and a brand or a number
// that names the product among others mentioning it (on the demo-printink shop).
func TestCartOfEachVariant(t *testing.T) {
	f := newAssetFixture(t, "demo-printink")
	for say, want := range map[string]map[string]int{
		// The brand's own ink, not another brand's "兼容<Brand>003"; a colour's one
		// rune standing alone ("青", "黄各一瓶") is that colour, one of each.
		"爱普生003墨水 黑的两瓶 青 品红 黄各一瓶 一共多少": {"s-ink-003-bk": 2, "s-ink-003-c": 1, "s-ink-003-m": 1, "s-ink-003-y": 1},
		// "四个颜色各来一个": one of every variant, not four of each.
		"惠普206A 四个颜色各来一个 多少钱":                           {"s-tn-206a-bk": 1, "s-tn-206a-c": 1, "s-tn-206a-m": 1, "s-tn-206a-y": 1},
		"one of every colour of the 206A toner, total?": {"s-tn-206a-bk": 1, "s-tn-206a-c": 1, "s-tn-206a-m": 1, "s-tn-206a-y": 1},
		// Colours named by their first runes in a run before 各.
		"GI-81墨水 黑青品黄各一瓶 多少钱": {"s-ink-gi81-bk": 1, "s-ink-gi81-c": 1, "s-ink-gi81-m": 1, "s-ink-gi81-y": 1},
		// A title's number beside its brand's word: that product, not another of
		// the brand sold in the colour named.
		"How much is the HP 2729 in white?": {"s-ij-2729-white": 1},
	} {
		_, calls := f.plan(t, turn("guest", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
	// Each English part its own variant and count (on the demo-scooter shop).
	sc := newAssetFixture(t, "demo-scooter")
	_, calls := sc.plan(t, turn("guest", "two Ninebot commuter helmets, one white M and one black L, total?"))
	if got, want := quotedCart(t, calls), map[string]int{"s-nbh-white-m": 1, "s-nbh-black-l": 1}; !maps.Equal(got, want) {
		t.Errorf("one white M and one black L: quoted %v, want %v", got, want)
	}
	if got := byBrandNamed("兼容爱普生003墨水多少钱", nil); got != nil {
		t.Errorf("byBrandNamed of nothing: %v", got)
	}
	if !rootAlone("青 品红 黄各一瓶", "黄") || !rootAlone("青 品红", "青") || rootAlone("品红", "红") {
		t.Error("rootAlone: a colour's rune alone between spaces or before 各, not inside a word")
	}
}
