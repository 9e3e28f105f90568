package main

import (
	"context"
	"io"
	"math"
	"runtime/debug"
	"sync"

	"github.com/concierge-shop/concierge/server/shop"
)

// The plugin process keeps the shop's catalogue and its indexes in memory: about
// 140 MiB of live heap at 100k products. Left at Go's defaults, the heap grows to
// twice the live data between collections and freed pages go back to the OS only
// slowly, so after an import the process sat at 3-4× what it uses (648 MiB RSS at
// 100k products, `make loadtest`). A soft memory limit makes the collector run
// more often as the process nears it. Imports and index rebuilds briefly hold two
// generations of the data: they run without the limit (under it the collector
// would run flat out and the import take twice as long), and when the last of them
// ends the freed pages go back to the OS and the limit returns.

// defaultMemoryLimit is the soft limit (runtime/debug.SetMemoryLimit) when the
// operator has not set GOMEMLIMIT for the server's environment.
const defaultMemoryLimit = 200 << 20

// memoryLimit keeps the soft limit, lifted while heavy jobs run.
type memoryLimit struct {
	mu      sync.Mutex
	limit   int64
	own     bool // our default, not the operator's GOMEMLIMIT (which is never lifted)
	jobs    int  // heavy jobs under way
	set     func(int64) int64
	release func()
}

// newMemoryLimit sets the soft limit unless the operator chose one.
func newMemoryLimit(getenv func(string) string) *memoryLimit {
	m := &memoryLimit{set: debug.SetMemoryLimit, release: debug.FreeOSMemory}
	m.init(getenv)
	return m
}

func (m *memoryLimit) init(getenv func(string) string) {
	if getenv("GOMEMLIMIT") != "" {
		m.limit = m.set(-1) // the runtime read it at start
		return
	}
	m.limit, m.own = defaultMemoryLimit, true
	m.set(m.limit)
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
		m.release() // what the job left behind, back to the OS before the limit bites
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
