package agent

import (
	"strings"
	"testing"
)

// "厨师机啥时候发啊" from a customer with a stand mixer paid and not shipped asks
// after that order (its state and when it ships), not the shop's shipping times;
// a guest, with no order, gets the shop's rule. Pinned by demo-baking-b-093,
// demo-appliance-b-091, demo-coffee-b-055.
func TestOpenOrderAskedByWhatWasBought(t *testing.T) {
	f := newAssetFixture(t, "demo-baking")
	r, _ := f.plan(t, turn("xiao_chen", "厨师机啥时候发啊"))
	if !strings.Contains(r.Text, "O-B2608") {
		t.Errorf("owner: %q", r.Text)
	}
	r, _ = f.plan(t, turn("guest", "厨师机啥时候发啊"))
	if strings.Contains(r.Text, "O-B2608") {
		t.Errorf("guest sees another's order: %q", r.Text)
	}
}
