// Package budget caps how often one customer may use the language model, so a
// customer who floods the bot (or a script posting as one) cannot spend the
// shop's model budget: past the cap their messages are still answered, by the
// offline planner, until the hour has moved on.
//
// The count is a sliding window approximated by two fixed windows (the current
// one, and the previous one weighted by how much of it still overlaps), as
// rate limiters at scale do: two counters per customer instead of one timestamp
// per message, and a use is allowed only if it keeps that estimate within the cap.
// It is per plugin process; on a cluster each node counts the messages it
// handles, so a customer whose messages reach N nodes gets at most N× the cap.
package budget

import (
	"sync"
	"time"
)

// sweepEvery bounds the map: every so many calls, customers idle for two
// windows are forgotten (their estimate is 0 anyway).
const sweepEvery = 1024

// Limiter counts uses per key within a window. The zero value is not usable;
// make one with New.
type Limiter struct {
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	keys  map[string]*counter
	calls int
}

type counter struct {
	start     time.Time // the current fixed window's start
	cur, prev int
}

// New returns a limiter over window; now is the clock (nil = time.Now).
func New(window time.Duration, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{window: window, now: now, keys: map[string]*counter{}}
}

// Allow reports whether key may have one more use with at most limit uses per
// window, and counts it if so. limit ≤ 0 means no cap (nothing is counted).
func (l *Limiter) Allow(key string, limit int) bool {
	if limit <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	c := l.keys[key]
	if c == nil {
		c = &counter{start: now.Truncate(l.window)}
		l.keys[key] = c
	}
	c.roll(now, l.window)
	overlap := 1 - float64(now.Sub(c.start))/float64(l.window)
	if float64(c.prev)*overlap+float64(c.cur)+1 > float64(limit) {
		return false
	}
	c.cur++
	return true
}

// roll moves the counter's windows forward to the one holding now.
func (c *counter) roll(now time.Time, window time.Duration) {
	start := now.Truncate(window)
	switch {
	case start.Equal(c.start):
	case start.Sub(c.start) == window:
		c.prev, c.cur, c.start = c.cur, 0, start
	default: // two or more windows idle, or the clock went back
		c.prev, c.cur, c.start = 0, 0, start
	}
}

func (l *Limiter) sweep(now time.Time) {
	l.calls++
	if l.calls%sweepEvery != 0 {
		return
	}
	for k, c := range l.keys {
		if now.Sub(c.start) >= 2*l.window {
			delete(l.keys, k)
		}
	}
}

// Len is how many keys are tracked (for tests and metrics).
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}
