package agent

import (
	"maps"
	"strings"
	"testing"
)

// A colour sold as its one rune counts when a variant is picked ("灰色" for 灰),
// and two digits said as a width are one ("80宽" of 80x150) — on the demo-curtain
// shop.
func TestOneRuneColourAndTwoDigitWidthPickAVariant(t *testing.T) {
	f := newAssetFixture(t, "demo-curtain")
	for say, want := range map[string]map[string]int{
		"柔纱斑马帘 经典款 150宽 灰色 要两幅 多少钱": {"s-zeb-1-150x200-hui": 2},
		"铝合金百叶帘 80宽的银色要三个 多少钱":      {"s-roll-5-80x150-yin": 3},
		// A span's figures name it without its unit; a glossary's whole word ("walnut":
		// 胡桃木) beats one rune of another ("wood": 木 of 浅木).
		"伸缩杆160-300黑色两根 多少钱":                            {"s-track-6-160-300-hei": 2},
		"wood grain zebra blind 120 wide walnut price?": {"s-zeb-3-120x200-hutao": 1},
		// An English part's count it starts with.
		"2 pure white snow voile 300x270 plus one UV-cut sheer 300 wide, total?": {"s-sheer-1-300x270-chunbai": 2, "s-sheer-4-300x270-qianhui": 1},
	} {
		_, calls := f.plan(t, turn("guest", say))
		if got := quotedCart(t, calls); !maps.Equal(got, want) {
			t.Errorf("%q: quoted %v, want %v", say, got, want)
		}
	}
	if widthIn("要80个", "80x150") || !widthIn("80 wide, silver", "80x150") {
		t.Error("widthIn: two digits are a width only said as one")
	}
}

// "5米的呢" after a quote of the 3.0m asks the 5.0m alone: the earlier "3米" is that
// value as the customer wrote it (figure without ".0", unit in its word).
func TestAnotherMeasureAfterAQuote(t *testing.T) {
	f := newAssetFixture(t, "demo-curtain")
	_, calls := f.planAfter(t, "guest", "DOOYA M1 3米的 我到手多少", "5米的呢")
	for _, cart := range quotedCarts(t, calls) {
		if cart["s-motor-1-30m"] > 0 || len(cart) != 1 {
			t.Errorf("5米的呢: quoted %v, want the 5.0m alone", quotedCarts(t, calls))
		}
	}
	if got := removeMeasureSaid("3米的 多少", "3.0", "m"); strings.Contains(got, "3") {
		t.Errorf("removeMeasureSaid = %q", got)
	}
}
