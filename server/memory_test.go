package main

import (
	"math"
	"testing"
)

// fakeLimit records what the memory limit is set to, as the runtime would.
type fakeLimit struct {
	now      int64
	released int
	live     uint64
}

func (f *fakeLimit) set(v int64) int64 {
	prev := f.now
	if v >= 0 {
		f.now = v
	}
	return prev
}

func newFakeMemoryLimit(env map[string]string, start int64, live uint64) (*memoryLimit, *fakeLimit) {
	f := &fakeLimit{now: start, live: live}
	m := &memoryLimit{set: f.set, release: func() { f.released++ }, live: func() uint64 { return f.live }}
	m.init(func(k string) string { return env[k] })
	return m, f
}

func TestMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	m, f := newFakeMemoryLimit(nil, math.MaxInt64, 180<<20)
	if f.now != math.MaxInt64 {
		t.Fatalf("limit %d before the first load, want none", f.now)
	}
	importDone := m.heavy()
	rebuildDone := m.heavy() // the reindex an import starts, still running when the import returns
	if f.now != math.MaxInt64 {
		t.Fatalf("limit %d during an import, want none", f.now)
	}
	importDone()
	importDone() // twice: no effect
	if f.now != math.MaxInt64 || f.released != 0 {
		t.Fatalf("the rebuild still runs: limit %d, released %d times; want none and 0", f.now, f.released)
	}
	rebuildDone()
	if want := int64(270 << 20); f.now != want || f.released != 1 {
		t.Fatalf("after the last job with 180 MiB live: limit %d, released %d times; want %d (1.5×) and 1", f.now, f.released, want)
	}
	// A smaller catalogue next: the limit follows it down, never under the floor.
	f.live = 10 << 20
	m.heavy()()
	if f.now != minMemoryLimit {
		t.Fatalf("with 10 MiB live: limit %d, want the floor %d", f.now, minMemoryLimit)
	}
	// During a job the limit is lifted again.
	done := m.heavy()
	if f.now != math.MaxInt64 {
		t.Fatalf("limit %d during the second import, want none", f.now)
	}
	done()
}

func TestMemoryLimitKeepsTheOperatorsLimit(t *testing.T) {
	m, f := newFakeMemoryLimit(map[string]string{"GOMEMLIMIT": "1GiB"}, 1<<30, 900<<20)
	if f.now != 1<<30 {
		t.Fatalf("limit %d after activation, want the operator's %d", f.now, 1<<30)
	}
	done := m.heavy()
	if f.now != 1<<30 {
		t.Fatalf("an import lifted the operator's limit to %d", f.now)
	}
	done()
	if f.now != 1<<30 || f.released != 1 {
		t.Fatalf("after the import: limit %d, released %d times; want %d and 1", f.now, f.released, 1<<30)
	}
}

func TestMemoryLimitNilIsInert(t *testing.T) {
	var m *memoryLimit
	m.heavy()() // a Plugin never activated: nothing to do, no panic
}

func TestLiveHeapIsRead(t *testing.T) {
	if liveHeap() == 0 {
		t.Fatal("runtime/metrics gave no live heap")
	}
}
