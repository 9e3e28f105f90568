package budget

import (
	"fmt"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestCapWithinAWindow(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)}
	l := New(time.Hour, c.now)
	for i := range 5 {
		if !l.Allow("alice", 5) {
			t.Fatalf("use %d of 5 refused", i+1)
		}
		c.t = c.t.Add(time.Minute)
	}
	if l.Allow("alice", 5) {
		t.Fatal("a sixth use within the hour was allowed")
	}
	if !l.Allow("bob", 5) {
		t.Fatal("alice's uses counted against bob")
	}
}

func TestSlidingWindowReleasesGradually(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)}
	l := New(time.Hour, c.now)
	for range 10 {
		if !l.Allow("a", 10) {
			t.Fatal("refused within the cap")
		}
	}
	// A quarter into the next hour, 3/4 of the previous hour's 10 uses still
	// overlap the sliding window: 7.5 → two more uses fit, not ten.
	c.t = c.t.Add(75 * time.Minute)
	got := 0
	for range 10 {
		if l.Allow("a", 10) {
			got++
		}
	}
	if got != 2 {
		t.Fatalf("%d uses allowed 15 minutes into the next hour, want 2 (10 − 7.5 rounded down)", got)
	}
	// Two windows later everything is forgotten.
	c.t = c.t.Add(2 * time.Hour)
	for i := range 10 {
		if !l.Allow("a", 10) {
			t.Fatalf("use %d refused after two idle hours", i+1)
		}
	}
}

func TestNoCap(t *testing.T) {
	l := New(time.Hour, nil)
	for range 1000 {
		if !l.Allow("a", 0) {
			t.Fatal("limit 0 refused a use")
		}
	}
	if l.Len() != 0 {
		t.Fatalf("limit 0 tracked %d keys", l.Len())
	}
}

func TestIdleKeysAreSwept(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)}
	l := New(time.Minute, c.now)
	for i := range sweepEvery - 1 {
		l.Allow(fmt.Sprint("c", i), 1)
	}
	c.t = c.t.Add(3 * time.Minute)
	l.Allow("late", 1) // the sweepEvery-th call sweeps
	if l.Len() != 1 {
		t.Fatalf("%d keys tracked after the idle ones' windows passed, want 1", l.Len())
	}
}

func TestClockGoingBackResets(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 5, 10, 30, 0, 0, time.UTC)}
	l := New(time.Hour, c.now)
	l.Allow("a", 1)
	c.t = c.t.Add(-2 * time.Hour)
	if !l.Allow("a", 1) {
		t.Fatal("after the clock went back a window, the old count still applied")
	}
}
