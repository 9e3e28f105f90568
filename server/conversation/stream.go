package conversation

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/safetext"
)

// streamEvery bounds how often a streamed reply's post is updated: each update is
// a database write and a websocket event to everyone in the channel.
const streamEvery = 400 * time.Millisecond

// streamHold: the first streamed words are posted this long after they come. A
// model whose whole answer arrives by then gets one post with the final text,
// not a post and its update (a write and a websocket event to everyone in the
// channel fewer, and the reply complete sooner); a slower one shows its first
// words this much later.
const streamHold = 250 * time.Millisecond

// typingEvery re-sends "typing…" while a reply is being prepared; clients drop the
// indicator after a few seconds, and a model calling tools can take longer.
const typingEvery = 4 * time.Second

// typingAfter: "typing…" is shown only for a reply not visible by then. A reply
// that comes sooner needs no indicator, and each one is a plugin RPC and a
// websocket event to every member of the channel: with 50 customers at once in a
// shared channel, 2,500 events for replies that were already there.
const typingAfter = 500 * time.Millisecond

// PropStreaming marks a reply post still being written; the final text removes
// it, so a client (or a test) knows when a streamed reply is complete.
const PropStreaming = "concierge_streaming"

// PropCards lists the ids of the refund cards a reply carries: the server strips
// the buttons' integration context from posts sent to clients, so a client (the
// webapp, a test, staff tooling) finds a card through this prop.
const PropCards = "concierge_cards" // refund.PropCards: the cards check a click against it

// PropAnswers lists the customer posts a reply answers. It is written with the
// reply post itself, so that after a crash the catch-up (catchup.go) knows a
// message is answered even when nothing else was recorded; on a post still marked
// PropStreaming it names the messages whose reply was cut off mid-way.
const PropAnswers = "concierge_answers"

// replyGate is what a reply asks its queue before it shows text and before its
// final write (*Attempt).
type replyGate interface {
	Show(ctx context.Context) bool
	Commit(ctx context.Context) bool
}

// replyPost is the one post a reply becomes (SPEC §7). It is created by the first
// streamed text or, for a planner that does not stream, by the final reply; or it is
// a post a stale reply showed text in, revised in place. Until the final write a
// later message may make it stale: Write then returns false and the post is handed
// to the next attempt.
type replyPost struct {
	api  API
	ctx  context.Context
	gate replyGate
	base model.Post // bot, channel, thread
	// answers are the customer posts this attempt covers (PropAnswers).
	answers []string

	mu    sync.Mutex
	stale bool
	wrote bool // this attempt has shown text of its own
	final bool // the final reply is posted
	post  *model.Post
	shown string
	// held is the text so far while the first post waits out streamHold (hold
	// running); showHeld posts it.
	held  string
	hold  *time.Timer
	cards []string // the refund cards the final post carries
	// decorate puts the final reply's cards on its post as props (Deps.Views); nil = none.
	decorate  func(*model.Post)
	updatedAt time.Time
	now       func() time.Time
}

func newReplyPost(ctx context.Context, api API, gate replyGate, botID, channelID, rootID string, answers []Message) *replyPost {
	ids := make([]string, len(answers))
	for i, m := range answers {
		ids[i] = m.PostID
	}
	return &replyPost{api: api, ctx: ctx, gate: gate, base: model.Post{UserId: botID, ChannelId: channelID, RootId: rootID},
		answers: ids, now: time.Now}
}

// revise makes the reply continue in a post a stale reply showed text in.
func (r *replyPost) revise(p *model.Post) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.post, r.shown = p, p.Message
}

var _ agent.Stream = (*replyPost)(nil)

// Write shows the text so far (agent.Stream); false once the reply is stale.
func (r *replyPost) Write(text string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stale || r.ctx.Err() != nil {
		r.stale = true
		return false
	}
	if strings.TrimSpace(text) == "" || text == r.shown {
		return true
	}
	if !r.wrote {
		// The quiet gate: nothing is shown while the customer is still typing.
		if !r.gate.Show(r.ctx) {
			r.stale = true
			return false
		}
		r.wrote = true
		if r.post != nil {
			r.updateLocked(text, nil, false) // the stale text goes at once
			return true
		}
		r.held = text
		r.hold = time.AfterFunc(streamHold, func() {
			// Its own goroutine: a panic here must not end the plugin.
			defer recovery.Guard(r.api, "conversation: showing a reply's first words", nil)
			r.showHeld()
		})
		return true
	}
	if r.post == nil {
		if r.hold != nil {
			r.held = text
		}
		return true
	}
	if r.now().Sub(r.updatedAt) < streamEvery {
		return true
	}
	r.updateLocked(text, nil, false)
	return true
}

// showHeld posts the first streamed words once streamHold is over, unless the
// final reply or a later message came first.
func (r *replyPost) showHeld() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hold == nil || r.post != nil || r.stale || r.ctx.Err() != nil {
		return
	}
	r.hold = nil
	p := r.base.Clone()
	p.Type = cards.TypeStreamed // kept on every edit: its component shows the cards the end brings
	p.Message = safetext.FitPost(r.held)
	p.AddProp(PropStreaming, true)
	r.addAnswers(p)
	created, appErr := r.api.CreatePost(p)
	if appErr != nil {
		// The final reply tries again; the customer is never left without one.
		r.api.LogWarn("conversation: cannot start a streamed reply", "err", appErr.Error())
		return
	}
	r.post, r.shown, r.updatedAt = created, r.held, r.now()
}

// stopHoldLocked: the held words will not be posted on their own.
func (r *replyPost) stopHoldLocked() {
	if r.hold != nil {
		r.hold.Stop()
		r.hold = nil
	}
}

func (r *replyPost) updateLocked(text string, attachments []*model.MessageAttachment, final bool) {
	p := r.post.Clone()
	p.Message = safetext.FitPost(text)
	r.addAnswers(p) // a revised post answers this attempt's messages too
	if final {
		p.DelProp(PropStreaming)
		if len(r.cards) > 0 {
			p.AddProp(PropCards, r.cards)
		}
	} else {
		p.AddProp(PropStreaming, true)
	}
	if attachments != nil {
		model.ParseMessageAttachment(p, attachments)
	}
	if final && r.decorate != nil {
		// Mattermost keeps a post's type on edit: the streamed reply keeps
		// cards.TypeStreamed, whose component reads the cards from the view prop.
		r.decorate(p)
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
	r.stopHoldLocked() // a whole answer within streamHold: one post
	if r.stale || !r.gate.Commit(r.ctx) {
		r.stale = true
		return false
	}
	r.cards = cards
	if r.post != nil {
		// Always written: the final text drops the streaming mark. On failure the
		// streamed text stays: still a reply, logged.
		r.updateLocked(text, attachments, true)
		r.final = true
		return true
	}
	p := r.base.Clone()
	p.Message = safetext.FitPost(text)
	if len(attachments) > 0 {
		model.ParseMessageAttachment(p, attachments)
	}
	if len(cards) > 0 {
		p.AddProp(PropCards, cards)
	}
	if r.decorate != nil {
		r.decorate(p)
	}
	r.addAnswers(p)
	created, appErr := r.api.CreatePost(p)
	if appErr != nil {
		r.api.LogError("conversation: cannot post reply", "channel_id", p.ChannelId, "err", appErr.Error())
		return false
	}
	r.post, r.final = created, true
	return true
}

func (r *replyPost) addAnswers(p *model.Post) {
	if len(r.answers) > 0 {
		p.AddProp(PropAnswers, r.answers)
	}
}

// interrupt is called when a later message made the reply stale: a post it showed
// says at once that a new answer is coming (not stale text for the length of a
// re-plan), and its id is returned for the next attempt to revise; "" if none.
func (r *replyPost) interrupt(marker string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stale = true
	r.stopHoldLocked() // words never shown need no marker
	if r.post == nil || r.final {
		return ""
	}
	if r.shown != marker {
		r.updateLocked(marker, nil, false)
	}
	return r.post.Id
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

// started reports whether the customer can already see this attempt's text.
func (r *replyPost) started() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.post != nil && (r.wrote || r.final)
}

// keepTyping shows "typing…" from typingAfter on until stop is closed or the
// reply is visible.
func (s *Service) keepTyping(channelID, rootID string, r *replyPost, stop <-chan struct{}) {
	wait := time.NewTimer(typingAfter)
	defer wait.Stop()
	select {
	case <-stop:
		return
	case <-wait.C:
	}
	if r.started() {
		return
	}
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
