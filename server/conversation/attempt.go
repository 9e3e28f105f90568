package conversation

import (
	"context"
	"time"
)

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
