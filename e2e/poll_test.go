//go:build e2e

package e2e

import (
	"testing"
	"time"
)

// poll reads cond until it holds (true) or timeout has passed (false). The one
// pause of the suite's polling: it spaces the reads of an observable condition
// (a post, a state, a search hit); the deadline only bounds a test that fails.
func poll(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(pollEvery)
	}
	return true
}

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	if !poll(timeout, cond) {
		t.Fatalf("%s: not within %v", what, timeout)
	}
}
