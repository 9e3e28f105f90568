package conversation

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/recovery"
)

// Message is one customer post waiting for a reply.
type Message struct {
	PostID string
	RootID string
	UserID string
	Text   string
	At     time.Time
	seq    uint64
}

// AnswerFunc produces and posts one reply covering msgs. It must check ctx before it
// posts: a cancelled ctx means a later message made this reply stale. It calls commit
// right before creating the post; commit returns false when the reply became stale,
// and then nothing must be posted.
type AnswerFunc func(ctx context.Context, convID string, msgs []Message, commit func() bool)

// Queues keeps one queue per conversation: a conversation is answered strictly in
// order, different conversations in parallel on a bounded pool. Messages arriving
// within the quiet window, or while a reply is still being prepared, are answered
// together; a reply still being prepared when a new message arrives is cancelled
// (SPEC §7: no message is covered by a reply a later message made stale).
type Queues struct {
	answer AnswerFunc
	log    recovery.Logger
	window func() time.Duration
	sem    chan struct{}

	mu     sync.Mutex
	queues map[string]*queue
	closed bool
	wg     sync.WaitGroup
}

type queue struct {
	pending    []Message // not yet covered by a posted reply
	timer      *time.Timer
	cancel     context.CancelFunc // the reply being prepared, if any
	running    bool
	committing bool // the current reply is being posted: too late to cancel it
	gen        int
	seq        uint64
}

// NewQueues makes queues answering with at most workers replies prepared at once;
// a panic in answer is logged to log.
func NewQueues(answer AnswerFunc, window func() time.Duration, workers int, log recovery.Logger) *Queues {
	return &Queues{answer: answer, log: log, window: window, sem: make(chan struct{}, workers), queues: map[string]*queue{}}
}

// Add queues a customer message for its conversation.
func (q *Queues) Add(convID string, m Message) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	cq := q.queues[convID]
	if cq == nil {
		cq = &queue{}
		q.queues[convID] = cq
	}
	cq.seq++
	m.seq = cq.seq
	cq.pending = append(cq.pending, m)
	if cq.running && !cq.committing && cq.cancel != nil {
		cq.cancel() // stale: it will be redone with this message included
	}
	q.scheduleLocked(convID, cq, waitFor(q.window(), m.Text))
}

// waitFor shortens the quiet window after a message that reads as complete (a
// question, a full sentence): the customer is probably waiting now.
func waitFor(window time.Duration, text string) time.Duration {
	if window <= 0 {
		return 0
	}
	t := strings.TrimSpace(text)
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune("?？。.!！~", last) || utf8.RuneCountInString(t) >= 40 {
		return window / 5
	}
	return window
}

func (q *Queues) scheduleLocked(convID string, cq *queue, d time.Duration) {
	if cq.timer != nil {
		cq.timer.Stop()
	}
	cq.gen++
	gen := cq.gen
	cq.timer = time.AfterFunc(d, func() { q.fire(convID, gen) })
}

func (q *Queues) fire(convID string, gen int) {
	q.mu.Lock()
	cq := q.queues[convID]
	if q.closed || cq == nil || cq.gen != gen || len(cq.pending) == 0 {
		q.mu.Unlock()
		return
	}
	if cq.running {
		// The cancelled (or committing) worker reschedules when it finishes.
		q.mu.Unlock()
		return
	}
	msgs := append([]Message(nil), cq.pending...)
	ctx, cancel := context.WithCancel(context.Background())
	cq.running, cq.cancel, cq.committing = true, cancel, false
	q.wg.Add(1)
	q.mu.Unlock()

	go func() {
		defer q.wg.Done()
		defer cancel()
		q.sem <- struct{}{}
		defer func() { <-q.sem }()
		posted := false
		commit := func() bool {
			q.mu.Lock()
			defer q.mu.Unlock()
			if ctx.Err() != nil || q.closed {
				return false
			}
			cq.committing = true
			posted = true
			return true
		}
		func() {
			// A panic answer did not deal with itself: its messages count as covered,
			// or the queue would retry them, and panic, for ever.
			defer recovery.Guard(q.log, "conversation queue worker", func(any) { posted = true })
			q.answer(ctx, convID, msgs, commit)
		}()
		q.finish(convID, cq, msgs[len(msgs)-1].seq, posted)
	}()
}

func (q *Queues) finish(convID string, cq *queue, coveredSeq uint64, posted bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	cq.running, cq.cancel, cq.committing = false, nil, false
	if posted {
		// Drop exactly the messages this reply covered; Drop may have cleared some
		// already and newer ones must stay.
		rest := cq.pending[:0]
		for _, m := range cq.pending {
			if m.seq > coveredSeq {
				rest = append(rest, m)
			}
		}
		cq.pending = rest
	}
	if len(cq.pending) == 0 {
		if cq.timer != nil {
			cq.timer.Stop()
		}
		delete(q.queues, convID)
		return
	}
	if !q.closed {
		// Messages that came in meanwhile (or a cancelled batch): answer them now,
		// since the customer has already waited.
		q.scheduleLocked(convID, cq, 0)
	}
}

// Drop forgets a conversation's pending messages (e.g. staff took over) and cancels a
// reply being prepared.
func (q *Queues) Drop(convID string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if cq := q.queues[convID]; cq != nil {
		if cq.timer != nil {
			cq.timer.Stop()
		}
		if cq.cancel != nil && !cq.committing {
			cq.cancel()
		}
		cq.pending = nil
		cq.gen++
	}
}

// Close cancels everything and waits for running replies to stop.
func (q *Queues) Close() {
	q.mu.Lock()
	q.closed = true
	for _, cq := range q.queues {
		if cq.timer != nil {
			cq.timer.Stop()
		}
		if cq.cancel != nil {
			cq.cancel()
		}
	}
	q.mu.Unlock()
	q.wg.Wait()
}
