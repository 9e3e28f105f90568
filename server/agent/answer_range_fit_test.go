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
	// A range stated from a figure up: "14岁以上", "ages 12+".
	for _, c := range []struct {
		q, text string
		in, out bool
	}{
		{"for my 5 year old", "a hidden-role game, ages 12+", false, true},
		{"for my 5 year old", "for kids 4 years and up", true, false},
		{"孩子5岁", "2-4人，建议14岁以上", false, true},
		{"孩子5岁", "为4岁以上儿童设计", true, false},
		{"孩子5岁", "2-4人", false, false},
	} {
		if in, out := rangeVerdict(c.q, c.text); in != c.in || out != c.out {
			t.Errorf("rangeVerdict(%q, %q) = %v %v, want %v %v", c.q, c.text, in, out, c.in, c.out)
		}
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

// A recommendation for a child of five leaves out the games stated for ages 12+
// when one states an age range that holds five (on the demo-boardgame shop).
func TestRecommendLeavesOutAnAgeRangeMissed(t *testing.T) {
	f := newAssetFixture(t, "demo-boardgame")
	for _, say := range []string{"Looking for a game for my 5 year old", "孩子5岁 有适合的桌游吗"} {
		r, _ := f.plan(t, turn("guest", say))
		if !strings.Contains(r.Text, "森林寻宝") || strings.Contains(r.Text, "Midnight Heist") || strings.Contains(r.Text, "港口领主") {
			t.Errorf("%q: %q, want the game for ages 4+ and none for 12+", say, r.Text)
		}
	}
}
