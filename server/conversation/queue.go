package conversation

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/concierge-shop/concierge/server/recovery"
)

// Message is one customer post waiting for a reply.
type Message struct {
	PostID string    `json:"post_id"`
	RootID string    `json:"root_id"`
	UserID string    `json:"user_id"`
	Text   string    `json:"text"`
	At     time.Time `json:"at"`
	seq    uint64
}

// AnswerFunc produces and posts one reply covering a.Msgs. ctx is cancelled when a
// later message makes the reply stale, at any stage: planning, tools, streaming.
// Before showing text it calls a.Show, before the final write a.Commit; when either
// says no, it stops, handing a post it already showed to the next attempt
// (a.HandOver) so that one post, revised in place, answers everything.
type AnswerFunc func(ctx context.Context, convID string, a *Attempt)

// EndFunc closes a post that showed a stale reply when no later attempt will revise
// it (staff took over, the conversation was dropped): never a half-written post.
type EndFunc func(convID, postID string)

// Queues keeps one queue per conversation: a conversation is answered strictly in
// order, different conversations in parallel on a bounded pool. Every message starts
// planning at once; a message arriving while a reply is prepared or streamed cancels
// it, and the next attempt answers all pending messages together (SPEC §7: none is
// covered by a reply a later message made stale). Only the final write of a reply
// is not cancelled: it is what covers the messages.
type Queues struct {
	answer AnswerFunc
	end    EndFunc
	log    recovery.Logger
	window func() time.Duration
	sem    chan struct{}

	mu     sync.Mutex
	queues map[string]*queue
	typed  recentTyping
	closed bool
	wg     sync.WaitGroup
}

type queue struct {
	pending    []Message // not yet covered by a posted reply
	cancel     context.CancelFunc
	running    bool
	committing bool // the final write is under way: too late to cancel it
	seq        uint64
	gate       gate   // when text may be shown (gate.go)
	shown      string // a post a stale attempt showed text in; the next one revises it
}

// NewQueues makes queues answering with at most workers replies prepared at once;
// a panic in answer is logged to log. end may be nil.
func NewQueues(answer AnswerFunc, end EndFunc, window func() time.Duration, workers int, log recovery.Logger) *Queues {
	return &Queues{answer: answer, end: end, log: log, window: window, sem: make(chan struct{}, workers), queues: map[string]*queue{}}
}

// Add queues a customer message for its conversation and starts (or restarts) the
// reply at once: planning does not wait for the quiet window, only showing does.
func (q *Queues) Add(convID string, m Message) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	cq := q.queueLocked(convID)
	cq.seq++
	m.seq = cq.seq
	cq.pending = append(cq.pending, m)
	cq.gate.message(time.Now(), q.window(), m.Text)
	if at, ok := q.typed.take(convID + "/" + m.UserID); ok && at.After(m.At) {
		cq.gate.typing(at, q.window()) // typing on after sending this message
	}
	q.kickLocked(convID, cq)
}

func (q *Queues) queueLocked(convID string) *queue {
	cq := q.queues[convID]
	if cq == nil {
		cq = &queue{}
		cq.gate.init()
		q.queues[convID] = cq
	}
	return cq
}

// kickLocked starts an attempt, or makes the running one stale: its worker starts
// the next attempt when it has stopped, so attempts never overlap.
func (q *Queues) kickLocked(convID string, cq *queue) {
	switch {
	case !cq.running:
		q.startLocked(convID, cq)
	case !cq.committing && cq.cancel != nil:
		cq.cancel()
	}
}

// Typing notes that the customer is typing in the conversation: a reply not yet
// shown waits (at most the quiet window after their last message). The event may
// overtake the message it follows (taking a post in costs a few API calls): then
// it is kept, briefly, for Add.
func (q *Queues) Typing(convID, userID string) {
	now := time.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	cq := q.queues[convID]
	if cq == nil || len(cq.pending) == 0 {
		q.typed.note(convID+"/"+userID, now)
		return
	}
	if cq.pending[len(cq.pending)-1].UserID == userID {
		cq.gate.typing(now, q.window())
	}
}

func (q *Queues) startLocked(convID string, cq *queue) {
	a := &Attempt{Msgs: append([]Message(nil), cq.pending...), Shown: cq.shown, q: q, cq: cq}
	cq.shown = ""
	ctx, cancel := context.WithCancel(context.Background())
	cq.running, cq.cancel, cq.committing = true, cancel, false
	q.wg.Add(1)
	go func() {
		defer q.wg.Done()
		defer cancel()
		q.sem <- struct{}{}
		a.holding = true
		func() {
			// A panic answer did not deal with itself: its messages count as covered,
			// or the queue would retry them, and panic, for ever.
			defer recovery.Guard(q.log, "conversation queue worker", func(any) { a.markCovered() })
			q.answer(ctx, convID, a)
		}()
		if a.holding {
			<-q.sem
		}
		q.finish(convID, cq, a)
	}()
}

func (q *Queues) finish(convID string, cq *queue, a *Attempt) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cq.running, cq.cancel, cq.committing = false, nil, false
	switch {
	case a.handedOver != "":
		cq.shown = a.handedOver
	case !a.covered && a.Shown != "":
		cq.shown = a.Shown // never reached: still to be revised
	case a.covered && !a.committed && a.Shown != "":
		q.endLocked(convID, a.Shown) // skipped (staff have it): nobody revises it
	}
	if a.covered {
		// Drop exactly the messages this reply covered; Drop may have cleared some
		// already and newer ones must stay.
		var coveredSeq uint64 // the newest taken in: Restore may sort older ones after it
		for _, m := range a.Msgs {
			coveredSeq = max(coveredSeq, m.seq)
		}
		rest := cq.pending[:0]
		for _, m := range cq.pending {
			if m.seq > coveredSeq {
				rest = append(rest, m)
			}
		}
		cq.pending = rest
	}
	if q.closed {
		return // Close keeps what is pending for the next activation
	}
	if len(cq.pending) > 0 {
		// Messages that came in meanwhile, or a stale attempt's: answer them now.
		q.startLocked(convID, cq)
		return
	}
	if cq.shown != "" {
		q.endLocked(convID, cq.shown)
	}
	delete(q.queues, convID)
}

// endLocked closes a shown post no attempt will revise, off the lock (it writes the post).
func (q *Queues) endLocked(convID, postID string) {
	if q.end == nil {
		return
	}
	q.wg.Add(1)
	go func() { defer q.wg.Done(); q.end(convID, postID) }()
}

// Drop forgets a conversation's pending messages (e.g. staff took over) and cancels a
// reply being prepared.
func (q *Queues) Drop(convID string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cq := q.queues[convID]
	if cq == nil || q.closed {
		return
	}
	cq.pending = nil
	if cq.running {
		if !cq.committing && cq.cancel != nil {
			cq.cancel()
		}
		return // finish ends a shown post and forgets the queue
	}
	if cq.shown != "" {
		q.endLocked(convID, cq.shown)
	}
	delete(q.queues, convID)
}

// Pending is what a conversation still waits for: its messages, and the post a
// stale reply was shown in.
type Pending struct {
	Messages []Message `json:"messages"`
	Shown    string    `json:"shown,omitempty"`
}

// Close cancels everything, waits for running replies to stop, and returns what
// was left unanswered by conversation, for the next activation to answer (Restore).
func (q *Queues) Close() map[string]Pending {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return nil // what was left went to the first Close
	}
	q.closed = true
	for _, cq := range q.queues {
		cq.gate.wake()
		if cq.cancel != nil && !cq.committing {
			cq.cancel()
		}
	}
	q.mu.Unlock()
	q.wg.Wait()
	q.mu.Lock()
	defer q.mu.Unlock()
	left := map[string]Pending{}
	for id, cq := range q.queues {
		if len(cq.pending) > 0 {
			left[id] = Pending{Messages: append([]Message(nil), cq.pending...), Shown: cq.shown}
		}
	}
	return left
}

// Restore answers what a previous Close left pending, at once: the customer has
// waited through a restart already.
func (q *Queues) Restore(convID string, p Pending) {
	if len(p.Messages) == 0 {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	cq := q.queueLocked(convID)
	for _, m := range p.Messages {
		cq.seq++
		m.seq = cq.seq
		cq.pending = append(cq.pending, m)
	}
	// Caught-up messages are older than those the hook queued since activation:
	// the reply reads them in the order they were written.
	sort.SliceStable(cq.pending, func(i, j int) bool { return cq.pending[i].At.Before(cq.pending[j].At) })
	if cq.shown == "" {
		cq.shown = p.Shown
	}
	q.kickLocked(convID, cq)
}

// Busy reports whether a conversation still has messages waiting for, or being
// given, a reply.
func (q *Queues) Busy(convID string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	_, ok := q.queues[convID]
	return ok
}
