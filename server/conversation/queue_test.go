package conversation

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// recorder is an AnswerFunc that plans for plan, then streams steps pieces of text
// every step apart (each needs Show), then commits. It records what each posted
// reply covered and when, and what each stale attempt saw.
type recorder struct {
	plan  time.Duration
	steps int
	step  time.Duration

	mu        sync.Mutex
	replies   [][]string
	at        []time.Time
	revised   []string // the Shown post each posted reply revised
	cancelled []time.Time
	started   chan []Message
}

func (r *recorder) answer(ctx context.Context, _ string, a *Attempt) {
	if r.started != nil {
		r.started <- a.Msgs
	}
	stale := func() {
		r.mu.Lock()
		r.cancelled = append(r.cancelled, time.Now())
		r.mu.Unlock()
		if r.steps > 0 {
			a.HandOver("post-" + a.Msgs[0].Text) // it showed text
		}
	}
	if !sleep(ctx, r.plan) {
		stale()
		return
	}
	for range r.steps {
		if !a.Show(ctx) || !sleep(ctx, r.step) {
			stale()
			return
		}
	}
	if !a.Commit(ctx) {
		stale()
		return
	}
	texts := make([]string, len(a.Msgs))
	for i, m := range a.Msgs {
		texts[i] = m.Text
	}
	r.mu.Lock()
	r.replies = append(r.replies, texts)
	r.at = append(r.at, time.Now())
	r.revised = append(r.revised, a.Shown)
	r.mu.Unlock()
}

// sleep stands for the model's work; false when the reply became stale meanwhile.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (r *recorder) got() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	parts := make([]string, len(r.replies))
	for i, rep := range r.replies {
		parts[i] = strings.Join(rep, "+")
	}
	return strings.Join(parts, " | ")
}

// run drives a script inside a synctest bubble: time is virtual, so the waits are
// exact and the test does not sleep for real.
func run(t *testing.T, r *recorder, window time.Duration, script func(q *Queues, wait func(time.Duration))) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		q := NewQueues(r.answer, nil, func() time.Duration { return window }, 4, nil)
		script(q, func(d time.Duration) { time.Sleep(d); synctest.Wait() })
		synctest.Wait()
		time.Sleep(time.Minute) // everything left to happen, happens
		q.Close()
	})
}

const defaultWindow = 2500 * time.Millisecond

func TestQueueFragmentsAreAnsweredTogether(t *testing.T) {
	r := &recorder{plan: 50 * time.Millisecond}
	var last time.Time
	run(t, r, defaultWindow, func(q *Queues, wait func(time.Duration)) {
		q.Add("c", Message{Text: "我平时穿38码皮鞋"})
		wait(300 * time.Millisecond)
		q.Add("c", Message{Text: "想买跑鞋"})
		wait(300 * time.Millisecond)
		last = time.Now()
		q.Add("c", Message{Text: "买多大"})
	})
	if got := r.got(); got != "我平时穿38码皮鞋+想买跑鞋+买多大" {
		t.Fatalf("replies %q, want one covering the three fragments", got)
	}
	// None reads complete: shown the quiet window after the last one, no later.
	if d := r.at[0].Sub(last); d != defaultWindow {
		t.Fatalf("shown %v after the last fragment, want %v", d, defaultWindow)
	}
}

func TestQueueCompleteQuestionPaysNoWait(t *testing.T) {
	for _, text := range []string{"请问你们几天发货？", "How long does delivery take?", "这双有白色的吗"} {
		r := &recorder{plan: 30 * time.Millisecond}
		var sent time.Time
		run(t, r, defaultWindow, func(q *Queues, _ func(time.Duration)) {
			sent = time.Now()
			q.Add("c", Message{Text: text})
		})
		if len(r.at) != 1 || r.at[0].Sub(sent) != r.plan {
			t.Fatalf("%q: replies %q at %v; want one as soon as planned (%v)", text, r.got(), r.at, r.plan)
		}
	}
}

func TestQueueFragmentThenQuestionIsShownAtOnce(t *testing.T) {
	r := &recorder{plan: 10 * time.Millisecond}
	var asked time.Time
	run(t, r, defaultWindow, func(q *Queues, wait func(time.Duration)) {
		q.Add("c", Message{Text: "我平时穿38码"})
		wait(300 * time.Millisecond)
		asked = time.Now()
		q.Add("c", Message{Text: "跑鞋买多大？"})
	})
	if r.got() != "我平时穿38码+跑鞋买多大？" || r.at[0].Sub(asked) != r.plan {
		t.Fatalf("replies %q at %v after the question", r.got(), r.at[0].Sub(asked))
	}
}

// A message while the reply streams cancels it at once; the next attempt revises the
// post it showed, and covers both messages in one reply.
func TestQueueInterruptionWhileStreaming(t *testing.T) {
	r := &recorder{steps: 20, step: 500 * time.Millisecond}
	var interrupted time.Time
	run(t, r, 0, func(q *Queues, wait func(time.Duration)) {
		q.Add("c", Message{Text: "a"})
		wait(3 * time.Second) // mid-stream
		interrupted = time.Now()
		q.Add("c", Message{Text: "b"})
	})
	if r.got() != "a+b" {
		t.Fatalf("replies %q, want one covering both", r.got())
	}
	if len(r.cancelled) != 1 || r.cancelled[0] != interrupted {
		t.Fatalf("stale stream ended at %v, interrupted at %v", r.cancelled, interrupted)
	}
	if r.revised[0] != "post-a" {
		t.Fatalf("the reply revised %q, want the stale reply's post", r.revised[0])
	}
}

// Property: in order, every message covered by exactly one reply, and no reply
// covers fewer messages than had arrived when it was committed (it would be stale).
func TestQueueGuarantees(t *testing.T) {
	for _, tc := range []struct {
		name         string
		window, plan time.Duration
		gaps         []time.Duration
	}{
		{"bursts and pauses", defaultWindow, 400 * time.Millisecond, []time.Duration{0, 100, 3000, 50, 50, 5000, 390, 410, 0, 2600}},
		{"window 0", 0, 200 * time.Millisecond, []time.Duration{0, 100, 300, 199, 201, 0, 1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{plan: tc.plan, steps: 2, step: 100 * time.Millisecond}
			var sent []string
			var arrived []time.Time
			run(t, r, tc.window, func(q *Queues, wait func(time.Duration)) {
				for i, g := range tc.gaps {
					wait(g * time.Millisecond)
					text := string(rune('a' + i))
					if i%3 == 2 {
						text += "?"
					}
					sent = append(sent, text)
					arrived = append(arrived, time.Now())
					q.Add("c", Message{Text: text})
				}
			})
			var covered []string
			for i, rep := range r.replies {
				covered = append(covered, rep...)
				n := len(covered)
				if n < len(arrived) && !arrived[n].After(r.at[i]) {
					t.Errorf("reply %d (%v) was stale: %q had arrived before it was committed", i, rep, sent[n])
				}
			}
			if strings.Join(covered, ",") != strings.Join(sent, ",") {
				t.Fatalf("covered %v, sent %v: each exactly once, in order", covered, sent)
			}
		})
	}
}

func TestQueueTypingHoldsTheReplyWithinTheWindow(t *testing.T) {
	r := &recorder{plan: 10 * time.Millisecond}
	var asked time.Time
	run(t, r, defaultWindow, func(q *Queues, _ func(time.Duration)) {
		asked = time.Now()
		q.Add("c", Message{Text: "请问你们几天发货？", UserID: "u"})
		q.Typing("c", "someone-else") // not the customer: no effect
		q.Typing("c", "u")
	})
	if len(r.at) != 1 || r.at[0].Sub(asked) != defaultWindow {
		t.Fatalf("shown %v after the question while the customer typed; want the window, %v", r.at, defaultWindow)
	}
}

func TestQueueDropEndsAShownReply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ended := make(chan string, 1)
		r := &recorder{steps: 10, step: time.Second, started: make(chan []Message, 1)}
		q := NewQueues(r.answer, func(_, id string) { ended <- id }, func() time.Duration { return 0 }, 1, nil)
		defer q.Close()
		q.Add("c", Message{Text: "a"})
		<-r.started
		time.Sleep(1500 * time.Millisecond)
		q.Drop("c")
		if id := <-ended; id != "post-a" {
			t.Fatalf("ended %q", id)
		}
		if r.got() != "" {
			t.Fatalf("a dropped conversation was answered: %q", r.got())
		}
	})
}

// What Close leaves pending — a merge, and the post a stale reply showed — the next
// run answers with Restore, in one reply revising that post.
func TestQueuePendingSurvivesARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{steps: 10, step: time.Second}
		q := NewQueues(r.answer, nil, func() time.Duration { return 0 }, 1, nil)
		q.Add("c", Message{Text: "a"})
		time.Sleep(2 * time.Second)
		q.Add("c", Message{Text: "b"})
		left := q.Close()
		if p := left["c"]; len(p.Messages) != 2 {
			t.Fatalf("left %+v", left)
		}
		q2 := NewQueues(r.answer, nil, func() time.Duration { return 0 }, 1, nil)
		q2.Restore("c", left["c"])
		time.Sleep(time.Minute)
		q2.Close()
		if r.got() != "a+b" || r.revised[0] != "post-a" {
			t.Fatalf("after the restart: replies %q revising %q", r.got(), r.revised)
		}
	})
}

type logCh chan string

func (l logCh) LogError(msg string, _ ...any) { l <- msg }

// A panic in a reply is logged, costs that reply only, and the conversation's queue
// goes on answering.
func TestQueueSurvivesAPanickingAnswer(t *testing.T) {
	logs := make(logCh, 4)
	answered := make(chan string, 4)
	q := NewQueues(func(ctx context.Context, _ string, a *Attempt) {
		if a.Msgs[0].Text == "boom" {
			panic("injected")
		}
		if a.Commit(ctx) {
			answered <- a.Msgs[0].Text
		}
	}, nil, func() time.Duration { return 0 }, 1, logs)
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

func TestReadsComplete(t *testing.T) {
	for text, want := range map[string]bool{
		"跑鞋买多大？": true, "can I return it?": true, "白色的有吗": true, "Thanks, that's all.": true,
		"请问你们几天发货": true, "how long does delivery take": true, "定金能退吗": true,
		"我平时穿38码皮鞋": false, "hi": false, "你好！": false, "and also": false, "show me": false,
		"我想问一下，": false, "跑鞋买多大": false,
	} {
		if got := readsComplete(text); got != want {
			t.Errorf("readsComplete(%q)=%v want %v", text, got, want)
		}
	}
}

// An attempt that skips its messages (the conversation is staff's now) does not
// revise the post a stale reply showed: the queue ends it.
func TestQueueSkipEndsTheShownPost(t *testing.T) {
	ended := make(chan string, 1)
	q := NewQueues(func(ctx context.Context, _ string, a *Attempt) {
		if a.Shown == "" {
			<-ctx.Done() // the first attempt shows text, then is interrupted
			a.HandOver("shown-1")
			return
		}
		a.Skip()
	}, func(_, id string) { ended <- id }, func() time.Duration { return 0 }, 1, nil)
	defer q.Close()
	q.Add("c", Message{Text: "a"})
	q.Add("c", Message{Text: "b"})
	if id := <-ended; id != "shown-1" {
		t.Fatalf("ended %q", id)
	}
}

// A typing event that overtakes the message it follows still holds the reply; one
// from before the message (typing that message) does not.
func TestQueueTypingBeforeTheMessageIsQueued(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after bool
		want  time.Duration
	}{{"after the post", true, defaultWindow}, {"while writing it", false, 10 * time.Millisecond}} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{plan: 10 * time.Millisecond}
			var asked time.Time
			run(t, r, defaultWindow, func(q *Queues, wait func(time.Duration)) {
				typed := time.Now()
				q.Typing("c", "u")
				posted := typed.Add(time.Millisecond) // typing the message itself
				if tc.after {
					posted = typed.Add(-time.Millisecond) // typing on after sending it
				}
				wait(20 * time.Millisecond) // the plugin takes the post in
				asked = time.Now()
				q.Add("c", Message{Text: "请问你们几天发货？", UserID: "u", At: posted})
			})
			if len(r.at) != 1 || r.at[0].Sub(asked) != tc.want {
				t.Fatalf("shown %v after it was queued, want %v", r.at[0].Sub(asked), tc.want)
			}
		})
	}
}
