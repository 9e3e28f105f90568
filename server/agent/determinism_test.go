package agent

import (
	"path/filepath"
	"testing"

	"github.com/concierge-shop/concierge/e2e/eval"
)

// The planner answers a conversation the same way every time: each question of a
// labelled set, asked four times on fresh fixtures, gets the same reply. (A map's
// order once changed a follow-up's reading one time in six.)
func TestRepliesAreDeterministic(t *testing.T) {
	set, _, err := eval.LoadSet(filepath.Join("..", "..", "e2e", "eval", "questions", "demo-bath", "final.json"))
	if err != nil {
		t.Fatal(err)
	}
	at, _, err := set.AnchorTime()
	if err != nil {
		t.Fatal(err)
	}
	snap, err := loadShop(set.Shop)
	if err != nil {
		t.Fatal(err)
	}
	ix := indexOf(t, snap)
	for _, q := range set.Questions {
		var first string
		for n := 0; n < 4; n++ {
			obs, _ := askInProcess(t, newFixtureFor(t, snap, ix, at), q)
			switch {
			case n == 0:
				first = obs.Text
			case obs.Text != first:
				t.Errorf("%s: replies differ between runs:\n%q\n%q", q.ID, first, obs.Text)
			}
		}
	}
}
