package conversation

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is an AnswerFunc that records what each posted reply covered.
type recorder struct {
	mu      sync.Mutex
	replies [][]string
	delay   time.Duration
	started chan struct{}
}

func (r *recorder) answer(ctx context.Context, _ string, msgs []Message, commit func() bool) {
	if r.started != nil {
		select {
		case r.started <- struct{}{}:
		default:
		}
	}
	select {
	case <-time.After(r.delay):
	case <-ctx.Done():
		return
	}
	if !commit() {
		return
	}
	texts := make([]string, len(msgs))
	for i, m := range msgs {
		texts[i] = m.Text
	}
	r.mu.Lock()
	r.replies = append(r.replies, texts)
	r.mu.Unlock()
}

func (r *recorder) wait(t *testing.T, n int) [][]string {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		got := len(r.replies)
		r.mu.Unlock()
		if got >= n {
			time.Sleep(50 * time.Millisecond) // would a wrong extra reply show up?
			r.mu.Lock()
			defer r.mu.Unlock()
			return append([][]string(nil), r.replies...)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("waited for %d replies, got %d", n, len(r.replies))
	return nil
}

func join(replies [][]string) string {
	parts := make([]string, len(replies))
	for i, r := range replies {
		parts[i] = strings.Join(r, "+")
	}
	return strings.Join(parts, " | ")
}

func TestQueues(t *testing.T) {
	tests := []struct {
		name   string
		window time.Duration
		delay  time.Duration
		script func(q *Queues, r *recorder)
		want   string
	}{
		{
			name: "burst within the quiet window is answered once", window: 100 * time.Millisecond,
			script: func(q *Queues, _ *recorder) {
				q.Add("c", Message{Text: "我平时穿38码皮鞋"})
				time.Sleep(20 * time.Millisecond)
				q.Add("c", Message{Text: "跑鞋买多大"})
			},
			want: "我平时穿38码皮鞋+跑鞋买多大",
		},
		{
			name: "window 0 answers each message at once", window: 0,
			script: func(q *Queues, r *recorder) {
				q.Add("c", Message{Text: "a"})
				time.Sleep(30 * time.Millisecond)
				q.Add("c", Message{Text: "b"})
			},
			want: "a | b",
		},
		{
			name: "a message while the reply is prepared makes it stale", window: 0, delay: 80 * time.Millisecond,
			script: func(q *Queues, r *recorder) {
				q.Add("c", Message{Text: "a"})
				<-r.started
				q.Add("c", Message{Text: "b"})
			},
			want: "a+b",
		},
		{
			name: "conversations do not merge", window: 20 * time.Millisecond,
			script: func(q *Queues, _ *recorder) {
				q.Add("c1", Message{Text: "x"})
				q.Add("c2", Message{Text: "y"})
			},
			want: "x | y",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{delay: tt.delay, started: make(chan struct{}, 1)}
			q := NewQueues(r.answer, func() time.Duration { return tt.window }, 4, nil)
			defer q.Close()
			tt.script(q, r)
			n := strings.Count(tt.want, "|") + 1
			got := r.wait(t, n)
			if tt.name == "conversations do not merge" {
				// order across conversations is not defined
				if len(got) != 2 || len(got[0]) != 1 || len(got[1]) != 1 {
					t.Fatalf("got %s", join(got))
				}
				return
			}
			if join(got) != tt.want {
				t.Fatalf("got %q want %q", join(got), tt.want)
			}
		})
	}
}

func TestQueueDropSilencesPending(t *testing.T) {
	r := &recorder{}
	q := NewQueues(r.answer, func() time.Duration { return 50 * time.Millisecond }, 1, nil)
	defer q.Close()
	q.Add("c", Message{Text: "a"})
	q.Drop("c")
	time.Sleep(120 * time.Millisecond)
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.replies) != 0 {
		t.Fatalf("dropped conversation was answered: %v", r.replies)
	}
}

func TestWaitForCompleteMessage(t *testing.T) {
	w := 2500 * time.Millisecond
	for text, want := range map[string]time.Duration{
		"跑鞋买多大？": w / 5, "can I return it?": w / 5, "我平时穿38码皮鞋": w, "hi": w,
	} {
		if got := waitFor(w, text); got != want {
			t.Errorf("waitFor(%q)=%v want %v", text, got, want)
		}
	}
	if waitFor(0, "x") != 0 {
		t.Error("window 0 must not wait")
	}
}

type logCh chan string

func (l logCh) LogError(msg string, _ ...any) { l <- msg }

// A panic in a reply is logged, costs that reply only, and the conversation's queue
// goes on answering.
func TestQueueSurvivesAPanickingAnswer(t *testing.T) {
	logs := make(logCh, 4)
	answered := make(chan string, 4)
	q := NewQueues(func(_ context.Context, _ string, msgs []Message, commit func() bool) {
		if msgs[0].Text == "boom" {
			panic("injected")
		}
		if commit() {
			answered <- msgs[0].Text
		}
	}, func() time.Duration { return 0 }, 1, logs)
	defer q.Close()
	q.Add("c", Message{Text: "boom"})
	if msg := <-logs; !strings.Contains(msg, "panic") {
		t.Fatalf("log %q", msg)
	}
	q.Add("c", Message{Text: "next"})
	if got := <-answered; got != "next" {
		t.Fatalf("answered %q; the panicked message must not be retried", got)
	}
}
