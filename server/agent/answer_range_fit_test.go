package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// "门才35mm厚 装得上吗" of a lock whose description says "适用门厚40–120mm": the
// customer's figure against the range stated in its unit answers it — outside,
// no; within, yes. A question that asks no fit gets no such lead. Pinned by
// demo-smarthome-b-038.
func TestFigureAgainstStatedRange(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	for say, want := range map[string]string{
		"我家门才35mm厚 X7 Pro装得上吗": "agent.fact.out_of_range",
		"我家门60mm厚 X7 Pro装得上吗":  "agent.fact.in_range",
	} {
		r, _ := f.plan(t, turn("dave", say))
		if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, want)) || !strings.Contains(r.Text, "40–120mm") {
			t.Errorf("%q: %q, want %s", say, r.Text, want)
		}
	}
	if in, out := rangeVerdict("door 35mm", "fits doors 40–120mm thick"); in || !out {
		t.Errorf("35mm against 40–120mm: in %v out %v", in, out)
	}
	if in, out := rangeVerdict("5岁", "适合3-6岁"); !in || out {
		t.Errorf("5岁 against 3-6岁: in %v out %v", in, out)
	}
}

// "do you have the <name> in <variant>?" asks for stock though it says no word of
// stock (demo-aquarium-b-045, demo-garden-b-043); "do you have any advice?" does not.
func TestDoYouHaveItIn(t *testing.T) {
	for q, want := range map[string]bool{
		"do you have the olive green rain boots in size 43?":  true,
		"do you have the java fern on driftwood in size L?":   true,
		"Do you guys still carry the linen shirt in white":    true,
		"do you have any advice for a beginner?":              false,
		"do you have a shop in shanghai where i can try them": false,
	} {
		if got := stockTail.MatchString(strings.ToLower(q)); got != want {
			t.Errorf("%q: stock %v, want %v", q, got, want)
		}
	}
}
