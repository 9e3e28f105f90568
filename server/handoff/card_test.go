package handoff

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/summary"
)

// The card names the product a size was recommended for and what it came from,
// in the staff member's language.
func TestCardShowsTheSizesTold(t *testing.T) {
	s := summary.Summary{Customer: "alice", Lang: i18n.EN, Mood: summary.MoodCalm, Next: summary.Next{Key: "summary.next.read"},
		Products: []summary.Product{{ID: "p-run", Title: "Runner"}},
		Sizes: []summary.Size{
			{ProductID: "p-run", Reference: "38", RefSystem: "EU", RefCategory: "boots", FootMM: 240, Recommended: "39"},
			{ProductID: "p-kid", Recommended: "120"},
		}}
	var sizes string
	for _, f := range render(s).Fields {
		if f.Title == i18n.T(i18n.EN, "handoff.card.sizes") {
			sizes = f.Value.(string)
		}
	}
	want := []string{"Runner → 39 (from wears 38 EU · boots; foot 240 mm)", "p-kid → 120"}
	for _, w := range want {
		if !strings.Contains(sizes, w) {
			t.Errorf("sizes field %q lacks %q", sizes, w)
		}
	}
	if strings.Contains(sizes, "p-kid → 120 (") {
		t.Errorf("a size with nothing told shows empty brackets: %q", sizes)
	}
}
