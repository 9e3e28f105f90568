package conversation

import (
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
)

// streamEvery bounds how often a streamed reply's post is updated: each update is
// a database write and a websocket event to everyone in the channel.
const streamEvery = 400 * time.Millisecond

// typingEvery re-sends "typing…" while a reply is being prepared; clients drop the
// indicator after a few seconds, and a model calling tools can take longer.
const typingEvery = 4 * time.Second

// PropStreaming marks a reply post still being written; the final text removes
// it, so a client (or a test) knows when a streamed reply is complete.
const PropStreaming = "concierge_streaming"

// PropCards lists the ids of the refund cards a reply carries: the server strips
// the buttons' integration context from posts sent to clients, so a client (the
// webapp, a test, staff tooling) finds a card through this prop.
const PropCards = "concierge_cards" // refund.PropCards: the cards check a click against it

// replyPost is the one post a reply becomes (SPEC §7). It is created by the first
// streamed text or, for a planner that does not stream, by the final reply. Creating
// it commits the reply: from then on a later message no longer cancels it.
type replyPost struct {
	api    API
	commit func() bool
	base   model.Post // bot, channel, thread

	mu        sync.Mutex
	committed bool
	stale     bool
	final     bool // the final reply is posted
	post      *model.Post
	shown     string
	cards     []string // the refund cards the final post carries
	updatedAt time.Time
	now       func() time.Time
}

func newReplyPost(api API, commit func() bool, botID, channelID, rootID string) *replyPost {
	return &replyPost{api: api, commit: commit, base: model.Post{UserId: botID, ChannelId: channelID, RootId: rootID}, now: time.Now}
}

var _ agent.Stream = (*replyPost)(nil)

// Write shows the text so far (agent.Stream).
func (r *replyPost) Write(text string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stale {
		return false
	}
	if strings.TrimSpace(text) == "" || text == r.shown {
		return true
	}
	if r.post == nil {
		if !r.commitLocked() {
			return false
		}
		p := r.base.Clone()
		p.Message = text
		p.AddProp(PropStreaming, true)
		created, appErr := r.api.CreatePost(p)
		if appErr != nil {
			// The final reply tries again; the customer is never left without one.
			r.api.LogWarn("conversation: cannot start a streamed reply", "err", appErr.Error())
			return true
		}
		r.post, r.shown, r.updatedAt = created, text, r.now()
		return true
	}
	if r.now().Sub(r.updatedAt) < streamEvery {
		return true
	}
	r.updateLocked(text, nil, false)
	return true
}

func (r *replyPost) commitLocked() bool {
	if r.committed {
		return true
	}
	if !r.commit() {
		r.stale = true
		return false
	}
	r.committed = true
	return true
}

func (r *replyPost) updateLocked(text string, attachments []*model.MessageAttachment, final bool) {
	p := r.post.Clone()
	p.Message = text
	if final {
		p.DelProp(PropStreaming)
		if len(r.cards) > 0 {
			p.AddProp(PropCards, r.cards)
		}
	}
	if attachments != nil {
		model.ParseMessageAttachment(p, attachments)
	}
	updated, appErr := r.api.UpdatePost(p)
	if appErr != nil {
		r.api.LogWarn("conversation: cannot update a streamed reply", "post_id", r.post.Id, "err", appErr.Error())
		return
	}
	r.post, r.shown, r.updatedAt = updated, text, r.now()
}

// finish posts the final reply: it replaces what was streamed, or is created now.
// It returns false when nothing was posted (the reply became stale, or the server
// refused the post).
func (r *replyPost) finish(text string, attachments []*model.MessageAttachment, cards ...string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cards = cards
	if r.post != nil {
		// Always written: the final text drops the streaming mark. On failure the
		// streamed text stays: still a reply, logged.
		r.updateLocked(text, attachments, true)
		r.final = true
		return true
	}
	if !r.commitLocked() {
		return false
	}
	p := r.base.Clone()
	p.Message = text
	if len(attachments) > 0 {
		model.ParseMessageAttachment(p, attachments)
	}
	if len(cards) > 0 {
		p.AddProp(PropCards, cards)
	}
	created, appErr := r.api.CreatePost(p)
	if appErr != nil {
		r.api.LogError("conversation: cannot post reply", "channel_id", p.ChannelId, "err", appErr.Error())
		return false
	}
	r.post, r.final = created, true
	return true
}

// postID is the reply's post, "" before it exists.
func (r *replyPost) postID() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.post == nil {
		return ""
	}
	return r.post.Id
}

// finished reports whether the final reply has been posted.
func (r *replyPost) finished() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.final
}

// started reports whether the customer can already see the reply.
func (r *replyPost) started() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.post != nil
}

// keepTyping shows "typing…" until stop is closed or the reply is visible.
func (s *Service) keepTyping(channelID, rootID string, r *replyPost, stop <-chan struct{}) {
	_ = s.d.API.PublishUserTyping(s.d.BotID, channelID, rootID)
	t := time.NewTicker(typingEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if r.started() {
				return
			}
			_ = s.d.API.PublishUserTyping(s.d.BotID, channelID, rootID)
		}
	}
}
