package agent

import (
	"context"
	"strings"
	"testing"
)

// A title's number alone names its product ("330能不能缝牛仔布" of "<Brand> Home
// 330 <kind>"), but not as an amount, a budget or a measure (on the demo-yarn shop).
func TestModelByItsNumberAlone(t *testing.T) {
	f := newAssetFixture(t, "demo-yarn")
	r, _ := f.plan(t, turn("guest", "330能不能缝牛仔布"))
	if !strings.Contains(r.Text, "牛仔布") {
		t.Errorf("330能不能缝牛仔布: %q, want the 330's sentence on denim", r.Text)
	}
	for text, want := range map[string]int{
		"330能绣花吗":     1,
		"预算330有什么推荐":  0,
		"330元以内的":     0,
		"330 ml 的":    0,
		"CL-330呢":     0, // a code
		"满330减80还能用吗": 0, // an offer's figures
		"型号Home330的呢": 0, // a part of a Latin word is the model words' matter
	} {
		s := startSession(context.Background(), f.deps, turn("guest", text))
		if got := s.byBareNumber(text); len(got) != want {
			t.Errorf("byBareNumber(%q) = %d products, want %d", text, len(got), want)
		}
	}
}
