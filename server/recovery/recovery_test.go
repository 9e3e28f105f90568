package recovery

import (
	"strings"
	"sync"
	"testing"
)

type logs struct {
	mu   sync.Mutex
	msgs []string
}

func (l *logs) LogError(msg string, kv ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, x := range kv {
		msg += " " + strings.TrimSpace(toString(x))
	}
	l.msgs = append(l.msgs, msg)
}

func toString(x any) string { s, _ := x.(string); return s }

func TestGuardLogsWithStackAndAnswers(t *testing.T) {
	l := &logs{}
	var got any
	func() {
		defer Guard(l, "a hook", func(v any) { got = v })
		panic("boom")
	}()
	if got != "boom" {
		t.Fatalf("onPanic got %v", got)
	}
	if len(l.msgs) != 1 || !strings.Contains(l.msgs[0], "a hook") || !strings.Contains(l.msgs[0], "boom") ||
		!strings.Contains(l.msgs[0], "recovery_test.go") {
		t.Fatalf("log %q: want where, value and the stack", l.msgs)
	}
}

func TestGuardSurvivesAPanickingAnswer(t *testing.T) {
	l := &logs{}
	func() {
		defer Guard(l, "a hook", func(any) { panic("again") })
		panic("boom")
	}()
	if len(l.msgs) != 2 || !strings.Contains(l.msgs[1], "again") {
		t.Fatalf("log %q", l.msgs)
	}
}

// chanLog hands each log line to the test as it is written.
type chanLog chan string

func (c chanLog) LogError(msg string, _ ...any) { c <- msg }

func TestGoRecovers(t *testing.T) {
	l := make(chanLog, 1)
	Go(l, "background", func() { panic("boom") })
	// Without the recover the test binary itself would die here.
	if msg := <-l; !strings.Contains(msg, "background") {
		t.Fatalf("log %q", msg)
	}
}
