package agent

import (
	"strings"
	"testing"
)

// A figure glued to a model's letters ("mono14 max") is a model, not a budget of 14.
func TestBudgetNotInAModelName(t *testing.T) {
	f := newFixture(t)
	for say, want := range map[string]bool{
		"mono14 max的平台能塞进去吗":     false,
		"x200 max的电池多大":          false,
		"200 max, any good one?": true,
		"200元以内的有吗":              true,
	} {
		s := startSession(t.Context(), f.deps, turn("dave", say))
		if _, _, ok := s.budget(); ok != want {
			t.Errorf("%q: budget read %v, want %v", say, ok, want)
		}
	}
}

// A budget and a kind of product, beside a word that is another product's tag
// (an audience word), ask for the products of that kind within the budget; when
// the search's categories for the other words hold nothing titled that kind, the
// products titled it are the candidates.
func TestBudgetForAKindBesideAnotherProductsTag(t *testing.T) {
	snap, err := loadShop("demo-racket")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixtureFor(t, snap, indexOf(t, snap), demoNow)
	const kind = "羽毛球拍"
	q := "女生零基础 想买个" + kind + " 两百块左右"
	r, _ := f.plan(t, turn("dave", q))
	lines := strings.Split(r.Text, "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], kind) {
		t.Fatalf("%q: the first pick is not a %s: %q", q, kind, r.Text)
	}
	s := startSession(t.Context(), f.deps, turn("dave", q))
	for _, p := range s.recommendCandidates() {
		if !titleKind(p.Title, kind, true) && hasScript(p.Title, true) {
			t.Errorf("%q: candidate %s is titled another kind", q, p.ID)
		}
	}
}
