package conversation

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// gate holds back showing a reply while the customer is plainly still typing: after
// a fragment, or while their client says they type. It never delays planning, and a
// message that reads as complete opens it at once (SPEC §7: ReplyQuietWindowMs is
// the longest wait, not a fixed one).
type gate struct {
	openAt  time.Time
	lastAt  time.Time     // the customer's last message
	changed chan struct{} // closed (and replaced) whenever openAt moves
}

func (g *gate) init() { g.changed = make(chan struct{}) }

// wake tells the attempts waiting at the gate to look again.
func (g *gate) wake() {
	close(g.changed)
	g.changed = make(chan struct{})
}

// message moves the gate for a new message: the latest message decides, so a
// complete question after a fragment is answered at once.
func (g *gate) message(now time.Time, window time.Duration, text string) {
	g.lastAt = now
	g.openAt = now
	if window > 0 && !readsComplete(text) {
		g.openAt = now.Add(window)
	}
	g.wake()
}

// typing holds the gate while the customer types, but never past the quiet window
// after their last message: a typing event only says they started, not that they
// will send.
func (g *gate) typing(now time.Time, window time.Duration) {
	if window <= 0 || g.lastAt.IsZero() {
		return
	}
	if limit := g.lastAt.Add(window); limit.After(g.openAt) {
		g.openAt = limit
		g.wake()
	}
}

// readsComplete: a question or a full sentence: the customer is waiting now. A bare
// greeting or a clause ("我平时穿38码皮鞋") probably has more coming.
func readsComplete(text string) bool {
	t := strings.TrimSpace(text)
	n := utf8.RuneCountInString(t)
	if n >= 40 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	switch {
	case strings.ContainsRune("?？", last):
		return true
	case strings.ContainsRune("吗呢嘛么", last):
		return n >= 3
	case strings.ContainsRune("。.!！", last):
		return n >= 6 // "你好！" is a greeting before the question
	}
	return false
}

// Attempt is one try at answering the pending messages of a conversation.
type Attempt struct {
	Msgs []Message
	// Shown is a post a stale attempt already showed text in, "" if none: this
	// attempt revises it rather than posting a second reply.
	Shown string

	q          *Queues
	cq         *queue
	holding    bool // holds a worker slot; waiting at the gate gives it back
	covered    bool
	committed  bool // covered by a written reply (which revised Shown), not skipped
	handedOver string
}

// Show waits until the reply may be shown and reports whether it still may: false
// when a later message made it stale meanwhile.
func (a *Attempt) Show(ctx context.Context) bool {
	for {
		a.q.mu.Lock()
		if ctx.Err() != nil || a.q.closed {
			a.q.mu.Unlock()
			return false
		}
		wait := time.Until(a.cq.gate.openAt)
		changed := a.cq.gate.changed
		a.q.mu.Unlock()
		if wait <= 0 {
			return true
		}
		if !a.waitGate(ctx, wait, changed) {
			return false
		}
	}
}

// waitGate waits without holding a worker slot: a customer typing must not stall
// the other conversations.
func (a *Attempt) waitGate(ctx context.Context, wait time.Duration, changed <-chan struct{}) bool {
	if a.holding {
		<-a.q.sem
		a.holding = false
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
	case <-changed:
	}
	select {
	case a.q.sem <- struct{}{}:
		a.holding = true
		return true
	case <-ctx.Done():
		return false
	}
}

// Commit is called right before the write that completes the reply: it shows the
// reply (Show) and, if it is still current, makes it final — no later message
// cancels it from then on. false: nothing must be written.
func (a *Attempt) Commit(ctx context.Context) bool {
	if !a.Show(ctx) {
		return false
	}
	a.q.mu.Lock()
	defer a.q.mu.Unlock()
	if ctx.Err() != nil || a.q.closed {
		return false
	}
	a.cq.committing = true
	a.covered, a.committed = true, true
	return true
}

// HandOver gives a post this attempt showed stale text in to the next attempt.
func (a *Attempt) HandOver(postID string) { a.handedOver = postID }

// Skip covers the messages without a reply: the conversation is no longer the bot's.
func (a *Attempt) Skip() { a.markCovered() }

func (a *Attempt) markCovered() {
	a.q.mu.Lock()
	a.covered = true
	a.q.mu.Unlock()
}
