package main

import (
	"math"
	"testing"
)

// fakeLimit records what the memory limit is set to, as the runtime would.
type fakeLimit struct {
	now      int64
	released int
}

func (f *fakeLimit) set(v int64) int64 {
	prev := f.now
	if v >= 0 {
		f.now = v
	}
	return prev
}

func newFakeMemoryLimit(env map[string]string, start int64) (*memoryLimit, *fakeLimit) {
	f := &fakeLimit{now: start}
	m := &memoryLimit{set: f.set, release: func() { f.released++ }}
	m.init(func(k string) string { return env[k] })
	return m, f
}

func TestMemoryLimitDefaultLiftedForHeavyJobs(t *testing.T) {
	m, f := newFakeMemoryLimit(nil, math.MaxInt64)
	if f.now != defaultMemoryLimit {
		t.Fatalf("limit %d after activation, want the default %d", f.now, defaultMemoryLimit)
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
	if f.now != defaultMemoryLimit || f.released != 1 {
		t.Fatalf("after the last job: limit %d, released %d times; want %d and 1", f.now, f.released, defaultMemoryLimit)
	}
}

func TestMemoryLimitKeepsTheOperatorsLimit(t *testing.T) {
	m, f := newFakeMemoryLimit(map[string]string{"GOMEMLIMIT": "1GiB"}, 1<<30)
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
