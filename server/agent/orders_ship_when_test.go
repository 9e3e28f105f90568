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

// "how many days do i have to send something back" is the return rule, not a
// clarifying question (knowledge concept return).
func TestSendSomethingBackIsAReturn(t *testing.T) {
	f := newAssetFixture(t, "demo-oralcare")
	r, _ := f.plan(t, turn("guest", "how many days do i have to send something back"))
	if !strings.Contains(r.Text, "7 days") || isClarify(r.Text) {
		t.Errorf("send something back: %q, want the 7-day return rule", r.Text)
	}
}
