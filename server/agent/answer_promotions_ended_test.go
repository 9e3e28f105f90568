package agent

import (
	"strings"
	"testing"
	"time"
)

// "Any <kind> deals right now?" where only the store's offers run is owed the
// category's own offer that ended lately; beside a discount of the category's own
// that runs, the ended one is old news.
func TestEndedOfferOfTheCategoryAsked(t *testing.T) {
	at := func(shopID, when string) *fixture {
		snap, err := loadShop(shopID)
		if err != nil {
			t.Fatal(err)
		}
		now, err := time.Parse(time.RFC3339, when)
		if err != nil {
			t.Fatal(err)
		}
		return newFixtureFor(t, snap, indexOf(t, snap), now)
	}
	r, _ := at("demo-wine", "2026-12-13T19:00:00+08:00").plan(t, turn("dave", "are there any beer deals running right now?"))
	if !strings.Contains(r.Text, "啤酒节") {
		t.Errorf("the beer festival that ended is not told: %q", r.Text)
	}
	r, _ = at("demo-audio", "2026-12-28T15:00:00+08:00").plan(t, turn("dave", "Any deals on turntables right now?"))
	if strings.Contains(r.Text, "1000减150") {
		t.Errorf("an ended offer beside the turntables' own discount: %q", r.Text)
	}
}
