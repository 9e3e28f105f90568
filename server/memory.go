package main

import (
	"context"
	"io"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/concierge-shop/concierge/server/shop"
)

// The plugin process keeps the shop's catalogue and its indexes in memory (about
// 150-200 MiB of live heap at 100k products). Left at Go's defaults, the heap grows
// to twice the live data between collections and freed pages go back to the OS only
// slowly, so after an import the process sat at 3-4× what it uses (648 MiB RSS at
// 100k products, `make loadtest`). So once the catalogue is loaded or an index
// rebuilt, the freed pages go back to the OS and a soft memory limit is set at 1.5×
// the live heap then: the collector runs as if GOGC were 50 and the scavenger keeps
// the process near that size. A fixed limit would not do: a catalogue whose live
// heap came near it would keep the collector running flat out. Imports and
// rebuilds briefly hold two generations of the data: they run without the limit
// (under it a 100k import took twice as long).

// minMemoryLimit: below this the limit is not worth the collections it costs.
const minMemoryLimit = 64 << 20

// memoryLimitFor is the soft limit for a live heap of live bytes.
func memoryLimitFor(live uint64) int64 {
	if live > math.MaxInt64/2 {
		return math.MaxInt64
	}
	return max(int64(live)+int64(live)/2, minMemoryLimit) //nolint:gosec // bounded just above
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// memoryLimit keeps the soft limit: lifted while heavy jobs run, set anew from the
// live heap when the last one ends.
type memoryLimit struct {
	mu      sync.Mutex
	limit   int64
	own     bool // our default, not the operator's GOMEMLIMIT (which is never lifted)
	jobs    int  // heavy jobs under way
	set     func(int64) int64
	release func()
	live    func() uint64
}

// newMemoryLimit manages the soft limit unless the operator chose one (GOMEMLIMIT).
func newMemoryLimit(getenv func(string) string) *memoryLimit {
	m := &memoryLimit{set: debug.SetMemoryLimit, release: debug.FreeOSMemory, live: liveHeap}
	m.init(getenv)
	return m
}

func (m *memoryLimit) init(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		m.limit = m.set(-1) // the runtime read it at start
		return
	}
	// No limit until the first load has ended (a heavy job) and shown the live heap.
	m.limit, m.own = math.MaxInt64, true
}

// heavy marks a job that briefly needs more memory (an import, a rebuild, the
// first load); done ends it. Safe to call done more than once.
func (m *memoryLimit) heavy() (done func()) {
	if m == nil {
		return func() {} // not activated (tests of single hooks)
	}
	m.mu.Lock()
	if m.jobs == 0 && m.own {
		m.set(math.MaxInt64)
	}
	m.jobs++
	m.mu.Unlock()
	return sync.OnceFunc(func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.jobs--
		if m.jobs > 0 {
			return
		}
		m.release() // a full collection; what the job left behind goes back to the OS
		if m.own {
			m.limit = memoryLimitFor(m.live())
		}
		m.set(m.limit)
	})
}

// limitedImports runs the shop imports as heavy jobs.
type limitedImports struct {
	*shop.Repo
	mem *memoryLimit
}

func (l limitedImports) ImportCatalog(ctx context.Context, body io.Reader) (*shop.CatalogCounts, error) {
	defer l.mem.heavy()()
	return l.Repo.ImportCatalog(ctx, body)
}

func (l limitedImports) ImportOrders(ctx context.Context, body io.Reader) (*shop.OrdersCounts, error) {
	defer l.mem.heavy()()
	return l.Repo.ImportOrders(ctx, body)
}
