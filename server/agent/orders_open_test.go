package agent

import (
	"strings"
	"testing"
	"time"
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

// A return the rules refuse (past the window) names the order it looked at: the
// customer named it by what they bought ("鸭绒被…能退吗"), so the reply says which.
// Pinned by bedding-086, -089, -090.
func TestRefusedReturnNamesTheOrder(t *testing.T) {
	snap, err := loadShop("demo-bedding")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixtureFor(t, snap, indexOf(t, snap), time.Date(2026, 12, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	r, _ := f.plan(t, turn("sun_mei", "鸭绒被盖了几天太热了 能退吗"))
	if !strings.Contains(r.Text, "O-2609") || !strings.Contains(r.Text, "7") {
		t.Errorf("refused return: %q", r.Text)
	}
}
