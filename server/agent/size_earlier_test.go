package agent

import (
	"maps"
	"strings"
	"testing"
)

// A usual size told in an earlier message is the reference of a later size
// question; "what if i get two pairs, a 40 and a 39?" after a quote of the 40 is
// one of each; "3 of them in black" is the colour of the product quoted, not a
// brand starting with the word (on the demo-climbing shop).
func TestEarlierReferenceAndFollowUpsOfValues(t *testing.T) {
	f := newAssetFixture(t, "demo-climbing")
	r, _ := f.planAfter(t, "guest", "我平时穿40的鞋", "ocun strike要几码")
	if !strings.Contains(r.Text, "**39**") {
		t.Errorf("ocun strike要几码 after 穿40: %q, want 39", r.Text)
	}
	_, calls := f.planAfter(t, "guest", "how much is the scarpa drago in 40?", "what if i get two pairs, a 40 and a 39?")
	if got, want := quotedCart(t, calls), map[string]int{"s-shoe-9-40": 1, "s-shoe-9-39": 1}; !maps.Equal(got, want) {
		t.Errorf("two pairs, a 40 and a 39: quoted %v, want %v", got, want)
	}
	_, calls = f.planAfter(t, "guest", "how much is the petzl attache", "and 3 of them in black?")
	for sku, n := range quotedCart(t, calls) {
		if !strings.HasPrefix(sku, "s-cara-1") || n != 3 {
			t.Errorf("3 of them in black: quoted %s × %d, want 3 of the Attache", sku, n)
		}
	}
}

// "买两片呢" after a price is that price for two, not the FAQ a word of it matches
// (on the demo-curtain shop).
func TestCountAfterAPrice(t *testing.T) {
	f := newAssetFixture(t, "demo-curtain")
	_, calls := f.planAfter(t, "guest", "夜宁200*270的墨绿多少钱一片", "买两片呢")
	if got := quotedCart(t, calls); len(got) != 1 || got["s-cur-2-200x270-molv"] != 2 {
		t.Errorf("买两片呢: quoted %v, want two of the 200x270 墨绿", got)
	}
}

// "2 <name> 6-packs and an <colour> <B>" is one cart: two of the 6-pack and one B
// (on the demo-climbing shop).
func TestCountOfPacksAndAnItem(t *testing.T) {
	f := newAssetFixture(t, "demo-climbing")
	_, calls := f.plan(t, turn("guest", "quote me 2 DMM Alpha Sport 6-packs and an orange Attache"))
	got := quotedCart(t, calls)
	if len(got) != 2 || got["s-cara-1-orange"] != 1 {
		t.Errorf("quoted %v, want two 6-packs and one orange Attache", got)
	}
	for sku, n := range got {
		if sku != "s-cara-1-orange" && n != 2 {
			t.Errorf("quoted %v, want two of the 6-pack", got)
		}
	}
}
