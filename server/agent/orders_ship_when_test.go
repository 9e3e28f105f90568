package agent

import (
	"strings"
	"testing"
)

// "<product>啥时候能发" from a customer with an open order of it asks after that
// order (on the demo-oralcare shop).
func TestWhenWillItShipOfAnOpenOrder(t *testing.T) {
	f := newAssetFixture(t, "demo-oralcare")
	r, _ := f.plan(t, turn("zhao_min", "AQ600啥时候能发"))
	if !strings.Contains(r.Text, "O-2027060605") {
		t.Errorf("AQ600啥时候能发: %q, want the customer's open order of it", r.Text)
	}
}
