// Package handoff brings human staff into a conversation: it posts a summary card in
// the conversation's own thread (or, for a DM staff cannot see, in the staff
// channel), mentions the staff and marks the conversation waiting_human.
package handoff

import (
	"context"
	"fmt"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/safetext"
)

// API is what handoff needs from Mattermost.
type API interface {
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
}

// Deps wires the service.
type Deps struct {
	API           API
	BotID         string
	Config        func() *config.Config
	Conversations *conversation.Service
}

type Service struct{ d Deps }

func New(d Deps) *Service { return &Service{d: d} }

// maxMentions keeps a handoff from pinging a whole department.
const maxMentions = 5

// HandOff implements conversation.Handoffer.
func (s *Service) HandOff(_ context.Context, conv *conversation.Conversation, reason, summary string) error {
	cfg := s.d.Config()
	lang := i18n.Parse(conv.Lang)
	staffChannel := s.d.Conversations.People.StaffChannelID(cfg)
	var mentions []string
	for _, u := range s.d.Conversations.People.StaffUsernames(staffChannel, maxMentions) {
		mentions = append(mentions, "@"+u)
	}

	text := i18n.T(lang, "handoff.card.text", strings.Join(mentions, " "))
	if len(mentions) == 0 {
		text = i18n.T(lang, "handoff.card.text.nostaff")
	}
	att := &model.MessageAttachment{
		Color: "#f5a623",
		Title: i18n.T(lang, "handoff.card.title"),
		Fields: []*model.MessageAttachmentField{
			{Title: i18n.T(lang, "handoff.card.customer"), Value: "@" + conv.Customer, Short: true},
			{Title: i18n.T(lang, "handoff.card.reason"), Value: safetext.NoMentions(reason), Short: true},
			{Title: i18n.T(lang, "handoff.card.summary"), Value: quote(safetext.NoMentions(summary))},
		},
		Footer: i18n.T(lang, "handoff.card.footer"),
	}
	post := &model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: text}
	if conv.Kind == conversation.KindDM {
		if staffChannel == "" {
			return fmt.Errorf("hand off DM conversation %s: no staff channel configured", conv.ID)
		}
		post.ChannelId, post.RootId = staffChannel, ""
	}
	model.ParseMessageAttachment(post, []*model.MessageAttachment{att})
	post.AddProp("concierge_handoff", conv.ID)
	created, appErr := s.d.API.CreatePost(post)
	if appErr != nil {
		return fmt.Errorf("post handoff card for %s: %w", conv.ID, appErr)
	}
	if _, err := s.d.Conversations.Store.Update(conv.ID, func(c *conversation.Conversation, exists bool) (bool, error) {
		c.HandoffNote = reason
		if conv.Kind == conversation.KindDM {
			c.StaffPostID = created.Id
		}
		return exists, nil
	}); err != nil {
		return fmt.Errorf("record handoff for %s: %w", conv.ID, err)
	}
	if conv.Kind == conversation.KindDM {
		if err := s.d.Conversations.LinkStaffThread(created.Id, conv.ID); err != nil {
			return fmt.Errorf("link staff thread for %s: %w", conv.ID, err)
		}
	}
	if _, err := s.d.Conversations.SetState(conv.ID, conversation.StateWaitingHuman); err != nil {
		return fmt.Errorf("mark %s waiting for staff: %w", conv.ID, err)
	}
	return nil
}

func quote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "—"
	}
	if r := []rune(s); len(r) > 600 {
		s = string(r[:600]) + "…"
	}
	return "> " + strings.ReplaceAll(s, "\n", "\n> ")
}
