package agent

import (
	"strings"
	"testing"
)

// A bra's size is a band and a cup ("34B", "36D (US)"): read whole, its system in
// brackets too; a shoe size stays a number. The customer's "US" is the shop's
// table named "US/UK" (on the demo-innerwear shop, whose bra tables are CN, US/UK
// and FR).
func TestBandAndCupSizes(t *testing.T) {
	for text, want := range map[string]refSize{
		"我平时穿34B的 对应你家哪个":          {size: "34B"},
		"I wear a 36D (US). Which": {size: "36D", system: "US"},
		"我平时穿38码的鞋":                {size: "38"},
		"wear a 75dd":              {size: "75DD"},
	} {
		got := referenceSize(text)
		if got == nil || got.size != want.size || got.system != want.system {
			t.Errorf("referenceSize(%q) = %+v, want %+v", text, got, want)
		}
	}
	f := newAssetFixture(t, "demo-innerwear")
	r, _ := f.plan(t, turn("guest", "I wear a 36D (US). Which size of the Velvetine full cup bra should I get?"))
	if !strings.Contains(r.Text, "80D") {
		t.Errorf("36D (US): %q, want 80D", r.Text)
	}
}
