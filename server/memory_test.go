package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestLimitMemoryKeepsTheOperatorsLimit(t *testing.T) {
	prev := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })

	debug.SetMemoryLimit(1 << 30) // as GOMEMLIMIT=1GiB would have set it at start
	env := map[string]string{"GOMEMLIMIT": "1GiB"}
	if got := limitMemory(func(k string) string { return env[k] }); got != 1<<30 {
		t.Fatalf("with GOMEMLIMIT set: limit %d, want the operator's %d", got, 1<<30)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Fatalf("with GOMEMLIMIT set the limit changed to %d", got)
	}

	if got := limitMemory(func(string) string { return "" }); got != defaultMemoryLimit {
		t.Fatalf("without GOMEMLIMIT: limit %d, want %d", got, defaultMemoryLimit)
	}
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Fatalf("without GOMEMLIMIT the runtime's limit is %d, want %d", got, defaultMemoryLimit)
	}
}
