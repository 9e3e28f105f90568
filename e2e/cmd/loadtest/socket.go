package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// socket is one user's websocket. It remembers when each post event arrived
// (the moment the user sees it): the bot's posts under the thread root they
// answer, everyone else's under their own id. An event may arrive before the
// CreatePost call that caused it has returned its id, hence a history rather
// than waiters registered up front.
type socket struct {
	ws  *model.WebSocketClient
	bot string

	mu      sync.Mutex
	seen    map[string][]seenPost
	changed chan struct{} // closed and replaced on every new event
}

// seenPost is one posted or edited event.
type seenPost struct {
	at      time.Time
	edited  bool
	message string
	final   bool // a reply (not a card) whose text is complete
}

// cardProps mark the bot's posts that are not replies (as in the e2e harness).
var cardProps = []string{"concierge_handoff", "concierge_card", "concierge_approval", "concierge_csat", "concierge_handoff_notice"}

func isFinalReply(p *model.Post) bool {
	return p.GetProp("concierge_streaming") == nil &&
		!slices.ContainsFunc(cardProps, func(k string) bool { return p.GetProp(k) != nil })
}

func openSocket(ctx context.Context, url, token, botID string) (*socket, error) {
	ws, err := model.NewWebSocketClient4("ws"+strings.TrimPrefix(url, "http"), token)
	if err != nil {
		return nil, fmt.Errorf("websocket: %w", err)
	}
	s := &socket{ws: ws, bot: botID, seen: map[string][]seenPost{}, changed: make(chan struct{})}
	ws.Listen()
	hello := make(chan struct{})
	go s.read(hello)
	select {
	case <-hello:
		return s, nil
	case <-ctx.Done():
		ws.Close()
		return nil, fmt.Errorf("websocket never said hello: %w", ctx.Err())
	}
}

func (s *socket) read(hello chan struct{}) {
	greeted := false
	for ev := range s.ws.EventChannel {
		at := time.Now()
		t := ev.EventType()
		if t == model.WebsocketEventHello && !greeted {
			greeted = true
			close(hello)
			continue
		}
		if t != model.WebsocketEventPosted && t != model.WebsocketEventPostEdited {
			continue
		}
		raw, _ := ev.GetData()["post"].(string)
		var p model.Post
		if json.Unmarshal([]byte(raw), &p) != nil {
			continue
		}
		key := p.Id
		if p.UserId == s.bot {
			key = replyKey(p.RootId)
		} else if t != model.WebsocketEventPosted {
			continue
		}
		s.mu.Lock()
		s.seen[key] = append(s.seen[key], seenPost{at: at, edited: t == model.WebsocketEventPostEdited, message: p.Message, final: isFinalReply(&p)})
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
	}
}

// wait returns when the first event under key that done accepts arrived, or
// false after timeout.
func (s *socket) wait(key string, done func(seenPost) bool, timeout time.Duration) (time.Time, bool) {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		for _, e := range s.seen[key] {
			if done(e) {
				s.mu.Unlock()
				return e.at, true
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			return time.Time{}, false
		}
	}
}

// forget drops what was seen under key once a turn has been measured.
func (s *socket) forget(key string) {
	s.mu.Lock()
	delete(s.seen, key)
	s.mu.Unlock()
}

func (s *socket) close() { s.ws.Close() }

// replyKey is where the bot's posts in the thread of root are kept.
func replyKey(root string) string { return "reply:" + root }

func anyEvent(seenPost) bool { return true }

func finalReply(e seenPost) bool { return e.final }
