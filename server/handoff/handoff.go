// Package handoff brings human staff into a conversation: it builds the summary
// from the conversation's record, posts it as a card where only staff read it (the
// conversation itself when that is a single-customer channel, the staff channel for
// a DM or a shared thread, SPEC §7), mentions the staff and marks the conversation
// waiting_human.
package handoff

import (
	"github.com/concierge-shop/concierge/server/cards"

	"context"
	"fmt"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/store"
	"github.com/concierge-shop/concierge/server/summary"
)

// API is what handoff needs from Mattermost.
type API interface {
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	GetTeam(teamID string) (*model.Team, *model.AppError)
	GetConfig() *model.Config
	LogError(msg string, keyValuePairs ...any)
}

// Deps wires the service.
type Deps struct {
	API           API
	BotID         string
	Config        func() *config.Config
	Conversations Conversations
	Store         Store
	People        People
	// CardState reads a refund card's state now ("" when unknown); nil = unknown.
	CardState func(cardID string) string
	KV        store.KV         // the round robin's place; nil = the first on duty
	Now       func() time.Time // nil = time.Now
}

// Conversations is what handoff asks of the conversation service: the record a
// summary is built from, the staff thread's link, the state a handoff moves to.
type Conversations interface {
	Record(id string) (summary.Record, error)
	LinkStaffThread(postID, convID string) error
	SetState(id string, to conversation.State) (*conversation.Conversation, error)
}

// Store is where conversations are kept: the handoff marks its own, and the
// reminders walk those waiting for staff.
type Store interface {
	Update(id string, fn func(c *conversation.Conversation, exists bool) (bool, error)) (*conversation.Conversation, error)
	List(state conversation.State) ([]*conversation.Conversation, error)
}

// People is what handoff asks package people: the staff channel, and whom to mention.
type People interface {
	StaffChannelID() string
	StaffUsernames(channelID string, limit int) []string
	OnDuty(channelID string) []string
}

type Service struct{ d Deps }

func New(d Deps) *Service { return &Service{d: d} }

// maxMentions keeps a handoff from pinging a whole department.
const maxMentions = 5

// HandOff implements conversation.Handoffer. words are the turn's own words, the
// summary's fallback when the record holds nothing (a reply that failed early).
func (s *Service) HandOff(ctx context.Context, conv *conversation.Conversation, reason, words string) error {
	lang := i18n.Parse(conv.Lang)
	staffChannel := s.d.People.StaffChannelID()
	sum, err := s.Summary(ctx, conv, reason, words)
	if err != nil {
		return err
	}
	post := &model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID}
	private := conv.Kind != conversation.KindChannel // customers other than this one, or nobody of the staff, read it
	if private {
		if staffChannel == "" {
			if conv.Kind == conversation.KindThread {
				s.notifyThread(conv, lang) // at least the customer knows; staff see the conversation list
			}
			return fmt.Errorf("hand off %s conversation %s: no staff channel configured", conv.Kind, conv.ID)
		}
		post.ChannelId, post.RootId = staffChannel, ""
	}
	mentions, assignee, err := s.route(staffChannel)
	if err != nil {
		return err
	}
	post.Message = cardText(lang, mentions)
	att := render(sum)
	if private {
		att.Footer = i18n.T(lang, "handoff.card.footer.private")
	}
	if conv.Kind == conversation.KindThread {
		if link := s.permalink(conv); link != "" {
			att.Fields = append([]*model.MessageAttachmentField{{Title: i18n.T(lang, "handoff.card.thread"), Value: i18n.T(lang, "handoff.card.open_thread", link)}}, att.Fields...)
		}
	}
	model.ParseMessageAttachment(post, []*model.MessageAttachment{att})
	post.AddProp("concierge_handoff", conv.ID)
	cards.Apply(post, cards.View{Lang: string(lang), Text: post.Message,
		Cards: []cards.Card{{Kind: cards.KindHandoff, Handoff: new(cards.HandoffOf(conv.ID, conv.Customer, att))}}})
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		return fmt.Errorf("post handoff card for %s: %w", conv.ID, appErr)
	}
	if _, err := s.d.Store.Update(conv.ID, func(c *conversation.Conversation, exists bool) (bool, error) {
		c.HandoffNote = reason
		c.Assignee = assignee
		if private {
			c.StaffPostID = created.Id
		}
		return exists, nil
	}); err != nil {
		return fmt.Errorf("record handoff for %s: %w", conv.ID, err)
	}
	if private {
		if err := s.d.Conversations.LinkStaffThread(created.Id, conv.ID); err != nil {
			return fmt.Errorf("link staff thread for %s: %w", conv.ID, err)
		}
	}
	if conv.Kind == conversation.KindThread {
		s.notifyThread(conv, lang)
	}
	s.afterHours(conv, lang)
	if _, err := s.d.Conversations.SetState(conv.ID, conversation.StateWaitingHuman); err != nil {
		return fmt.Errorf("mark %s waiting for staff: %w", conv.ID, err)
	}
	return nil
}

// Summary builds a conversation's handoff summary from its record.
func (s *Service) Summary(_ context.Context, conv *conversation.Conversation, reason, words string) (summary.Summary, error) {
	rec, err := s.d.Conversations.Record(conv.ID)
	if err != nil {
		return summary.Summary{}, fmt.Errorf("summarise %s: %w", conv.ID, err)
	}
	if len(rec.Asks) == 0 && words != "" {
		rec.Asks = []summary.Ask{{Text: words}}
	}
	return summary.Build(rec, conv.Customer, i18n.Parse(conv.Lang), reason, s.d.CardState), nil
}

// notifyThread tells a shared thread, in one line, that a person is coming; the
// card with the summary is in the staff channel.
func (s *Service) notifyThread(conv *conversation.Conversation, lang i18n.Lang) {
	p := &model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: i18n.T(lang, "handoff.thread_notice")}
	p.AddProp(conversation.PropHandoffNotice, conv.ID)
	if _, appErr := s.d.API.CreatePost(p); appErr != nil {
		s.d.API.LogError("handoff: cannot tell the thread a person is coming", "conversation_id", conv.ID, "err", appErr.Error())
	}
}

// permalink is the customer's thread as staff open it: <site>/<team>/pl/<root>.
func (s *Service) permalink(conv *conversation.Conversation) string {
	site := ""
	if c := s.d.API.GetConfig(); c != nil && c.ServiceSettings.SiteURL != nil {
		site = *c.ServiceSettings.SiteURL
	}
	ch, appErr := s.d.API.GetChannel(conv.ChannelID)
	if appErr != nil {
		return ""
	}
	team, appErr := s.d.API.GetTeam(ch.TeamId)
	if appErr != nil {
		return ""
	}
	return fmt.Sprintf("%s/%s/pl/%s", site, team.Name, conv.RootID)
}
