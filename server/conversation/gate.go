package conversation

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
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

// recentTyping keeps typing events that came before the message they follow was
// queued, for a few seconds: every customer's typing anywhere passes through here,
// so it is pruned as it grows.
type recentTyping map[string]time.Time

const typingKept = 5 * time.Second

func (r *recentTyping) note(key string, at time.Time) {
	if *r == nil {
		*r = recentTyping{}
	}
	if len(*r) >= 256 {
		for k, t := range *r {
			if at.Sub(t) > typingKept {
				delete(*r, k)
			}
		}
	}
	if len(*r) < 4096 { // a flood of typing events must not grow it without end
		(*r)[key] = at
	}
}

func (r recentTyping) take(key string) (time.Time, bool) {
	at, ok := r[key]
	delete(r, key)
	return at, ok
}

// readsComplete: a question or a full sentence: the customer is waiting now. A bare
// greeting, a clause ("我平时穿38码皮鞋") or a trailing comma probably has more coming.
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
	case strings.ContainsRune(",，、:：;；", last):
		return false
	case strings.ContainsRune("。.!！", last):
		return n >= 6 // "你好！" is a greeting before the question
	}
	return n >= 4 && asks(t) // many customers leave out the question mark
}

// questionCues are the lexicon's marks of a question ("多少", "吗", "how", "can i").
var questionCues = sync.OnceValue(func() []string { return lang.Words("question") })

// asks reports whether t holds a question cue: Chinese ones anywhere, English ones
// as whole words ("how" is not in "show").
func asks(t string) bool {
	lower := strings.ToLower(t)
	words := " " + strings.Join(strings.FieldsFunc(lower, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ") + " "
	for _, cue := range questionCues() {
		if cue[0] < utf8.RuneSelf {
			if strings.Contains(words, " "+cue+" ") {
				return true
			}
		} else if strings.Contains(lower, cue) {
			return true
		}
	}
	return false
}
