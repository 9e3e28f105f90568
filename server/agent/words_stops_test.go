package agent

import (
	"slices"
	"strings"
	"testing"
)

// A one-rune stop phrase inside a title's word ("和" of "和牛") is kept in the
// search and splits no list: "和牛眼肉2片装到手多少" is the wagyu sold in 2片, not
// the other steak sold in the cut 眼肉 (on the demo-fresh shop).
func TestStopRuneOfATitleWord(t *testing.T) {
	w := &catalogWords{stopPairs: map[string]bool{}}
	addStopPairs(w.stopPairs, "<牧场> 澳洲M5和牛 眼肉牛排")
	if !w.stopPairs["和牛眼"] || !w.stopPairs["5和牛"] {
		t.Errorf("stopPairs = %v, want the runs of three holding a stop rune", w.stopPairs)
	}
	if got := w.segments("和牛眼肉和袜子"); !slices.Equal(got, []string{"和牛眼肉", "袜子"}) {
		t.Errorf("segments = %q, want the list split at the second 和 only", got)
	}
	if got := w.withoutStop("和牛眼和袜子 和牛", '和'); got != "和牛眼 袜子  牛" {
		t.Errorf("withoutStop = %q", got)
	}
	f := newAssetFixture(t, "demo-fresh")
	_, calls := f.plan(t, turn("lin.wei", "和牛眼肉2片装到手多少"))
	carts := quotedCarts(t, calls)
	if len(carts) == 0 || carts[0]["s-wagyu-2"] != 1 {
		t.Errorf("和牛眼肉2片装: quoted %v, want the wagyu's M5 2片 first", carts)
	}
	for _, c := range carts {
		for sku := range c {
			if !strings.HasPrefix(sku, "s-wagyu-") {
				t.Errorf("和牛眼肉2片装: quoted %v, want the wagyu only", carts)
			}
		}
	}
}
