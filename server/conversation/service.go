package conversation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/summary"
)

// Planner is what the service needs from the agent.
type Planner interface {
	Plan(ctx context.Context, turn agent.Turn) (*agent.Reply, error)
}

// Handoffer brings staff into a conversation; package handoff implements it.
type Handoffer interface {
	HandOff(ctx context.Context, conv *Conversation, reason, summary string) error
}

// Deps are the service's collaborators, wired once in OnActivate.
type Deps struct {
	API API
	KV  store.KV
	// Rows hold the conversations (nil: in memory, for tests that do not look).
	Rows    Rows
	BotID   string
	Config  func() *config.Config
	Planner func() Planner // the current planner (LLM or offline), chosen by config
	Handoff Handoffer
	// People says who is staff and who a channel's customer is; nil = package
	// people over API and the Config's staff channel.
	People People
	// Cards records the post each refund card of a reply went out in, so that a
	// click is checked against the card's own post, never one named by the click.
	Cards   CardPosts
	Workers int // replies prepared at once across conversations
	// Views puts a reply's cards on its post as typed props with a Markdown message
	// (the webapp's card components); nil posts the reply's text and attachments only.
	Views ReplyViews
	// Changed hears every conversation state change (new, handed off, taken over,
	// handed back, resolved, rated): the staff panel's live events. nil = nobody.
	Changed func(conv *Conversation, event string)
}

// ReplyViews renders a reply's cards onto its post (the rendering edge).
type ReplyViews interface {
	Decorate(p *model.Post, reply *agent.Reply, lang string)
}

// People is what the service asks package people.
type People interface {
	IsStaff(userID string) bool
	IsBotDM(ch *model.Channel) bool
	SoleCustomer(channelID string) string
	StaffChannelID() string
}

// CardPosts is what the conversation tells the refund cards.
type CardPosts interface {
	AttachPost(cardID, postID string) error
	// MoveToDM records, before the DM post is made, that a card goes to the
	// customer's DM instead of the shared thread it was offered in (SPEC §7).
	MoveToDM(cardID, channelID string) error
	// Attachment renders a card for its post: replies name their cards by id and
	// the conversation, which posts them, renders them (the agent builds no posts).
	Attachment(cardID string) (*model.MessageAttachment, error)
}

// Service routes posts to conversations and answers them.
type Service struct {
	d      Deps
	Store  *Store
	queues *Queues
	taken  takenSet // posts taken in around a catch-up (catchup.go)
	latest latestNotes
}

func New(d Deps) *Service {
	if d.Workers <= 0 {
		d.Workers = 8
	}
	if d.Rows == nil {
		d.Rows = store.NewMemoryConvs()
	}
	if d.People == nil {
		d.People = people.New(d.API, d.BotID, func() (string, string, bool) { return d.Config().StaffNames() })
	}
	s := &Service{d: d, Store: NewStore(d.Rows)}
	s.queues = NewQueues(s.answer, s.endShown, func() time.Duration {
		return time.Duration(s.d.Config().QuietWindowMs()) * time.Millisecond
	}, d.Workers, d.API)
	return s
}

// Typing is a customer's "typing…" event (the websocket's user_typing): a reply not
// yet shown in that conversation waits a little (gate.go).
func (s *Service) Typing(userID, channelID, parentID string) {
	if parentID != "" {
		s.queues.Typing(parentID, userID) // a thread conversation
	}
	s.queues.Typing(channelID, userID) // a DM or single-customer channel
}

// OnPost is called for every new post (MessageHasBeenPosted).
func (s *Service) OnPost(post *model.Post) {
	if s.notPerson(post) {
		return
	}
	cfg := s.d.Config()
	ch, appErr := s.d.API.GetChannel(post.ChannelId)
	if appErr != nil {
		s.d.API.LogWarn("conversation: cannot read channel", "channel_id", post.ChannelId, "err", appErr.Error())
		return
	}
	user, appErr := s.d.API.GetUser(post.UserId)
	if appErr != nil || user.IsBot {
		return
	}
	staff := s.d.People.IsStaff(user.Id)
	if staff && s.relayFromStaff(post, user) {
		return
	}
	if !s.isWatched(cfg, ch) {
		return
	}
	if staff {
		s.onStaffPost(post)
		return
	}
	if !s.taken.live(post.Id, post.CreateAt) {
		return // the catch-up after activation has queued it already
	}
	// From here on the post is a customer's message: if taking it in fails, or
	// panics, the customer is told so rather than left waiting for an answer.
	defer recovery.Guard(s.d.API, "conversation: taking in a customer message", func(any) { s.apologise(ch, post) })
	conv, err := s.conversationFor(cfg, ch, post, user)
	if err != nil {
		s.d.API.LogError("conversation: cannot record message", "post_id", post.Id, "err", err.Error())
		s.apologise(ch, post)
		return
	}
	if conv.State != StateBot {
		// Staff have it; the bot stays quiet until handed back. In a DM staff cannot
		// see, the message is carried to them.
		s.relayToStaff(conv, post)
		s.noteLatest(user.Id, conv.ID)
		return
	}
	// The post's own time: a typing event after it means more is coming.
	at := time.UnixMilli(post.CreateAt)
	if post.CreateAt == 0 {
		at = time.Now()
	}
	s.queues.Add(conv.ID, Message{PostID: post.Id, RootID: post.RootId, UserID: user.Id, Text: post.Message, At: at})
}

// notPerson: posts no person wrote in the conversation (the bot's own, other
// bots', integrations', system messages) are never answered.
func (s *Service) notPerson(post *model.Post) bool {
	return post.UserId == s.d.BotID || post.IsSystemMessage() || post.GetProp(model.PostPropsFromBot) == "true" ||
		post.GetProp(model.PostPropsFromWebhook) == "true" || post.GetProp(model.PostPropsFromPlugin) == "true"
}

func (s *Service) isWatched(cfg *config.Config, ch *model.Channel) bool {
	if s.d.People.IsBotDM(ch) {
		return true
	}
	if ch.Type == model.ChannelTypeDirect || ch.Type == model.ChannelTypeGroup || ch.TeamId == "" {
		return false
	}
	team, appErr := s.d.API.GetTeam(ch.TeamId)
	if appErr != nil {
		return false
	}
	for _, p := range cfg.Watched() {
		if p.Matches(team.Name, ch.Name) {
			return true
		}
	}
	return false
}

// conversationFor finds or opens the poster's conversation and counts the message. A
// resolved conversation that hears from its customer again is reopened.
func (s *Service) conversationFor(cfg *config.Config, ch *model.Channel, post *model.Post, user *model.User) (*Conversation, error) {
	id, kind, rootID := s.conversationKey(cfg, ch, post, user.Id)
	now := time.Now().UTC()
	lang := string(i18n.Detect(post.Message))
	event := ""
	conv, err := s.Store.Update(id, func(c *Conversation, exists bool) (bool, error) {
		event = ""
		if !exists {
			event = EventNew
			*c = Conversation{ID: id, Kind: kind, Customer: user.Username, CustomerID: user.Id, ChannelID: ch.Id,
				RootID: rootID, State: StateBot, CreatedAt: now,
				// Nothing of it is dealt with yet (0 would read as an old record).
				HandledThrough: post.CreateAt - 1}
		}
		if c.State == StateResolved {
			event = EventReopened
			// Back within a day: the first answer did not settle it (metrics).
			if c.ResolvedAt != nil && now.Sub(*c.ResolvedAt) < reopenWindow {
				c.Reopened = true
			}
			c.State = StateBot
			c.ResolvedBy = ""
		}
		c.Messages++
		c.Lang = lang
		c.UpdatedAt = now
		return true, nil
	})
	if err == nil && event != "" {
		s.changed(conv, event)
	}
	return conv, err
}

// conversationKey says which conversation a customer's post belongs to: its id,
// its kind and, for a thread, the thread's root.
func (s *Service) conversationKey(cfg *config.Config, ch *model.Channel, post *model.Post, userID string) (id string, kind Kind, rootID string) {
	switch {
	case s.d.People.IsBotDM(ch):
		return ch.Id, KindDM, ""
	case s.d.People.SoleCustomer(ch.Id) == userID:
		return ch.Id, KindChannel, ""
	}
	rootID = post.RootId
	if rootID == "" {
		rootID = post.Id
	}
	return rootID, KindThread, rootID
}

// reopenWindow: a conversation its customer reopens within it does not count as
// resolved by the bot.
const reopenWindow = 24 * time.Hour

// onStaffPost: a staff member writing in a conversation takes it over (SPEC §7).
func (s *Service) onStaffPost(post *model.Post) {
	id := post.RootId
	if id == "" {
		id = post.ChannelId // a staff post in a single-customer channel
	}
	conv, err := s.Store.Get(id)
	if err != nil || conv == nil || conv.State == StateResolved {
		return
	}
	s.NoteStaff(conv.ID, post.Message)
	if conv.State == StateHuman {
		return
	}
	if _, err := s.SetState(conv.ID, StateHuman); err != nil {
		s.d.API.LogError("conversation: takeover failed", "conversation_id", conv.ID, "err", err.Error())
	}
}

// ErrNotFound is returned for an unknown conversation.
var ErrNotFound = errors.New("conversation not found")

// SetState moves a conversation to a new state (takeover, handback, resolve, handoff).
func (s *Service) SetState(id string, to State) (*Conversation, error) {
	var missing bool
	conv, err := s.Store.Update(id, func(c *Conversation, exists bool) (bool, error) {
		if !exists {
			missing = true
			return false, nil
		}
		now := time.Now().UTC()
		if to == StateResolved && c.State != StateResolved {
			if c.HandedOff {
				c.ResolvedBy = StateHuman
			} else {
				c.ResolvedBy = StateBot
			}
			c.ResolvedAt = &now
		}
		if to == StateWaitingHuman {
			c.HandedOff = true
			if c.HandedOffAt == nil {
				c.HandedOffAt = &now
			}
		}
		if to == StateHuman && c.HumanAt == nil {
			c.HumanAt = &now
		}
		c.State = to
		c.UpdatedAt = now
		// What the customer wrote until now is the new owner's (staff, or the bot
		// answering only what comes next after a handback): never caught up later.
		c.markHandled(now.UnixMilli())
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	if missing {
		return nil, ErrNotFound
	}
	if to != StateBot {
		s.queues.Drop(id)
	}
	s.changed(conv, stateEvents[to])
	return conv, nil
}

// decorator is what shows reply's cards on the post that carries it; nil without Views.
func (s *Service) decorator(reply *agent.Reply, lang i18n.Lang) func(*model.Post) {
	if s.d.Views == nil {
		return nil
	}
	return func(p *model.Post) { s.d.Views.Decorate(p, reply, string(lang)) }
}

// Move is a staff member's takeover, handback or resolve: the new state, then what
// follows it for the customer (the rating card on resolve, a notice on handback).
func (s *Service) Move(conv *Conversation, to State) error {
	if _, err := s.SetState(conv.ID, to); err != nil {
		return err
	}
	if to == StateResolved && conv.State != StateResolved {
		s.AskRating(conv)
	}
	if to == StateBot && conv.State != StateBot {
		s.Notify(conv, "handback.notice")
	}
	return nil
}

// Conversation events (Deps.Changed).
const (
	EventNew        = "new"
	EventReopened   = "reopened"
	EventHandedOff  = "handed_off"
	EventTakenOver  = "taken_over"
	EventHandedBack = "handed_back"
	EventResolved   = "resolved"
	EventRated      = "rated"
)

var stateEvents = map[State]string{StateWaitingHuman: EventHandedOff, StateHuman: EventTakenOver,
	StateBot: EventHandedBack, StateResolved: EventResolved}

func (s *Service) changed(conv *Conversation, event string) {
	if s.d.Changed != nil && conv != nil {
		s.d.Changed(conv, event)
	}
}

// FindForPost returns the conversation a post (or thread) belongs to, or nil; a
// handoff card's thread in the staff channel stands for its conversation.
func (s *Service) FindForPost(channelID, rootID string) (*Conversation, error) {
	if rootID != "" {
		if c, err := s.Store.Get(rootID); err != nil || c != nil {
			return c, err
		}
		if c, err := s.StaffThread(rootID); err != nil || c != nil {
			return c, err
		}
	}
	return s.Store.Get(channelID)
}

// answer prepares and posts one reply (the queue's AnswerFunc).
func (s *Service) answer(ctx context.Context, convID string, a *Attempt) {
	msgs := a.Msgs
	// Set as soon as known, for the rescue: a panic anywhere below still answers the
	// customer (SPEC §7: no message is left unanswered).
	var conv *Conversation
	var out *replyPost
	defer recovery.Guard(s.d.API, "conversation: answering "+convID, func(any) { s.rescue(ctx, convID, conv, a, out) })

	conv, err := s.Store.Get(convID)
	if err != nil || conv == nil {
		s.d.API.LogError("conversation: lost conversation", "conversation_id", convID, "err", fmt.Sprint(err))
		a.Skip()
		return
	}
	if conv.State != StateBot {
		a.Skip() // staff have it; Drop has ended a shown post
		return
	}
	last := msgs[len(msgs)-1]
	user, appErr := s.d.API.GetUser(last.UserID)
	if appErr != nil {
		s.d.API.LogError("conversation: cannot read customer", "user_id", last.UserID, "err", appErr.Error())
		a.Skip()
		return
	}
	texts := make([]string, len(msgs))
	current := make(map[string]bool, len(msgs)+1)
	for i, m := range msgs {
		texts[i] = m.Text
		current[m.PostID] = true
	}
	lang := i18n.Detect(strings.Join(texts, "\n"))
	root := replyRoot(conv, last)
	out = newReplyPost(ctx, s.d.API, a, s.d.BotID, conv.ChannelID, root, msgs)
	if a.Shown != "" {
		if p, appErr := s.d.API.GetPost(a.Shown); appErr == nil && p.DeleteAt == 0 {
			out.revise(p)
			current[p.Id] = true // its stale text is no part of the history
		}
	}
	stopTyping := make(chan struct{})
	recovery.Go(s.d.API, "conversation: typing", func() { s.keepTyping(conv.ChannelID, root, out, stopTyping) })
	defer close(stopTyping)

	turn := agent.Turn{
		ConversationID: conv.ID,
		Customer:       agent.Customer{UserID: user.Id, Username: user.Username, Locale: user.Locale},
		Messages:       texts,
		Where:          agent.Where{ChannelID: conv.ChannelID, RootID: root, DM: conv.Kind == KindDM},
		History:        s.history(conv, len(msgs), current),
		Lang:           lang,
		Stream:         out,
	}
	if conv.Kind == KindThread {
		gate := &privateGate{inner: out}
		turn.Stream, turn.OnTool = gate, gate.saw
	}
	reply, err := s.plan(ctx, turn)
	if ctx.Err() != nil {
		s.interrupted(a, out, lang)
		return
	}
	if err != nil || reply == nil {
		s.d.API.LogError("conversation: planner failed", "conversation_id", conv.ID, "err", fmt.Sprint(err))
		reply = errorReply(lang, texts)
	}
	if !s.deliver(conv, reply, out, lang) {
		if ctx.Err() != nil {
			s.interrupted(a, out, lang)
		}
		return
	}
	s.afterReply(ctx, conv, texts, reply, last.At.UnixMilli())
	s.noteLatest(last.UserID, conv.ID)
}

// interrupted: a later message made this reply stale. A post it showed says so at
// once and is handed to the next attempt, which revises it into the new answer.
func (s *Service) interrupted(a *Attempt, out *replyPost, lang i18n.Lang) {
	if id := out.interrupt(i18n.T(lang, "conversation.revising")); id != "" {
		a.HandOver(id)
	}
}

// endShown closes a post a stale reply was shown in when no reply will revise it
// (the queue's EndFunc): a short marker, and no longer marked as being written.
func (s *Service) endShown(convID, postID string) {
	p, appErr := s.d.API.GetPost(postID)
	if appErr != nil {
		s.d.API.LogWarn("conversation: cannot end an interrupted reply", "post_id", postID, "err", appErr.Error())
		return
	}
	lang := i18n.Detect(p.Message)
	if conv, err := s.Store.Get(convID); err == nil && conv != nil && conv.Lang != "" {
		lang = i18n.Lang(conv.Lang)
	}
	p = p.Clone()
	p.Message = i18n.T(lang, "conversation.stopped")
	p.DelProp(PropStreaming)
	p.DelProp(PropAnswers) // it answers nothing: the catch-up must not count it
	if _, appErr := s.d.API.UpdatePost(p); appErr != nil {
		s.d.API.LogWarn("conversation: cannot end an interrupted reply", "post_id", postID, "err", appErr.Error())
	}
}

// afterReply records what the posted reply did (the turn in the conversation's
// record, the counts) and brings in staff when it asked for them.
func (s *Service) afterReply(ctx context.Context, conv *Conversation, texts []string, reply *agent.Reply, through int64) {
	if err := s.noteTurn(conv.ID, texts, reply, through); err != nil {
		s.d.API.LogWarn("conversation: cannot record the turn", "err", err.Error())
	}
	if reply.Handoff != nil && s.d.Handoff != nil {
		if err := s.d.Handoff.HandOff(context.WithoutCancel(ctx), conv, reply.Handoff.Reason, reply.Handoff.Summary); err != nil {
			s.d.API.LogError("conversation: handoff failed", "conversation_id", conv.ID, "err", err.Error())
		}
	}
}

// deliver posts the reply where it belongs: in the conversation, or, when it
// carries personal data in a shared thread, in the customer's DM (SPEC §7). It
// returns false when nothing was posted (the reply became stale).
func (s *Service) deliver(conv *Conversation, reply *agent.Reply, out *replyPost, lang i18n.Lang) bool {
	if conv.Kind == KindThread && (reply.Private || summary.Personal(reply.Calls, reply.CardIDs())) {
		return s.sendPrivately(conv, reply, out, lang)
	}
	out.decorate = s.decorator(reply, lang)
	if !out.finish(reply.Text, s.cardAttachments(reply), reply.CardIDs()...) {
		return false
	}
	if s.d.Cards != nil {
		for _, id := range reply.CardIDs() {
			if err := s.d.Cards.AttachPost(id, out.postID()); err != nil {
				s.d.API.LogError("conversation: cannot record a card's post", "card_id", id, "err", err.Error())
			}
		}
	}
	return true
}
