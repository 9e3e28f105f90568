package conversation

import "sync"

// takenSet remembers the posts taken in while a catch-up may see them too: right
// after activation a message can reach both the hook (MessageHasBeenPosted) and the
// catch-up's scan of the channel, and must be queued once.
type takenSet struct {
	mu  sync.Mutex
	ids map[string]struct{}
	// until is set once the catch-up has read the channels (Unix ms, with a margin
	// for the clocks of a cluster): a live post created later was never in its
	// scan and need not be remembered. 0 while the scan may still come.
	until int64
}

// takenMax bounds the memory: it is only reached by a flood of messages during
// activation, and then a message may at worst be answered twice, never lost.
const takenMax = 20000

// live records a post the hook delivered; false when the catch-up took it already.
func (t *takenSet) live(postID string, createAt int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.ids[postID]; ok {
		return false
	}
	if t.until == 0 || createAt <= t.until {
		t.addLocked(postID)
	}
	return true
}

// claim records a post the catch-up (or the resumption of pending messages) is
// about to queue; false when it was taken in already.
func (t *takenSet) claim(postID string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.ids[postID]; ok {
		return false
	}
	t.addLocked(postID)
	return true
}

func (t *takenSet) scanned(until int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.until = until
}

func (t *takenSet) addLocked(postID string) {
	if t.ids == nil {
		t.ids = map[string]struct{}{}
	}
	if len(t.ids) < takenMax {
		t.ids[postID] = struct{}{}
	}
}
