// Package recovery keeps a panic from killing the plugin process. A plugin runs in
// its own process, and a panic in any goroutine of it (a hook, an HTTP request, a
// reply being prepared) ends that process: every conversation, timer and card of
// the plugin stops until the server restarts it. So every entry point defers Guard,
// and every goroutine the plugin starts is started with Go.
package recovery

import (
	"fmt"
	"runtime/debug"
)

// Logger is the part of the plugin API used to report a panic.
type Logger interface {
	LogError(msg string, keyValuePairs ...any)
}

// Guard recovers a panic, logs it with its stack and then calls onPanic (if any)
// with the panic value, so the caller can still answer (a 500, an apology). It must
// be deferred directly: `defer recovery.Guard(log, "where", nil)`.
func Guard(log Logger, where string, onPanic func(v any)) {
	v := recover()
	if v == nil {
		return
	}
	Log(log, where, v)
	if onPanic != nil {
		// The answer to a panic must not be the next one.
		defer Guard(log, where+" (after a panic)", nil)
		onPanic(v)
	}
}

// Log reports a recovered panic with the stack of the goroutine that recovered it
// (still the panicking one while its deferred calls run).
func Log(log Logger, where string, v any) {
	if log == nil {
		return
	}
	log.LogError("Concierge: recovered from a panic in "+where, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
}

// Go runs fn in a new goroutine that cannot take the process down.
func Go(log Logger, where string, fn func()) {
	go func() {
		defer Guard(log, where, nil)
		fn()
	}()
}
