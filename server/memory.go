package main

import (
	"runtime/debug"
)

// The plugin process keeps the shop's catalogue and its indexes in memory: about
// 140 MiB of live heap at 100k products. Left at Go's defaults, the heap grows to
// twice the live data between collections and freed pages go back to the OS only
// slowly, so after an import the process sat at 3-4× what it uses (648 MiB RSS at
// 100k products, `make loadtest`). A soft memory limit makes the collector run
// more often as the process nears it, and what a big rebuild leaves behind is
// returned to the OS as soon as the rebuild is done.

// defaultMemoryLimit is the soft limit (runtime/debug.SetMemoryLimit) when the
// operator has not set GOMEMLIMIT for the server's environment. It is soft: a
// process that needs more gets more (an import holds the old and the new catalogue
// for a while), at the cost of more frequent collections meanwhile.
const defaultMemoryLimit = 200 << 20

// limitMemory sets the soft memory limit unless the operator chose one; it returns
// the limit in force.
func limitMemory(getenv func(string) string) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1) // the runtime read it at start
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	return defaultMemoryLimit
}

// releaseMemory collects now and returns the freed pages to the OS: called once a
// catalogue load or index rebuild has dropped the previous generation's data.
func releaseMemory() { debug.FreeOSMemory() }
