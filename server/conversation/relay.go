package conversation

import (
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/safetext"
	"github.com/concierge-shop/concierge/server/store"
)

// Staff cannot see a customer's DM with the bot, so a DM conversation is handed off
// through the staff channel (SPEC §7): the card goes there, staff answer in the
// card's thread, and the bot relays both ways.

func staffThreadKey(postID string) string { return "conv/staffthread/" + postID }

// LinkStaffThread records that a staff-channel thread belongs to a DM conversation.
func (s *Service) LinkStaffThread(postID, convID string) error {
	return store.SetJSON(s.d.KV, staffThreadKey(postID), convID)
}

// StaffThread returns the conversation a staff-channel thread (a handoff card's)
// belongs to, or nil: staff work a DM, or a shared thread whose summary is private,
// from that thread (SPEC §7).
func (s *Service) StaffThread(rootID string) (*Conversation, error) {
	if rootID == "" {
		return nil, nil
	}
	var convID string
	ok, err := store.GetJSON(s.d.KV, staffThreadKey(rootID), &convID)
	if err != nil || !ok {
		return nil, err
	}
	return s.Store.Get(convID)
}

// relayFromStaff forwards a staff reply in a handoff card's thread into the
// conversation (the DM, or the customer's shared thread), signed with the staff
// member's name. It reports whether the post was such a reply.
func (s *Service) relayFromStaff(post *model.Post, staff *model.User) bool {
	conv, err := s.StaffThread(post.RootId)
	if err != nil || conv == nil {
		return false
	}
	if strings.HasPrefix(strings.TrimSpace(post.Message), "/") {
		return true // a slash command typed as text is not for the customer
	}
	name := staff.GetDisplayName(model.ShowNicknameFullName)
	msg := i18n.T(i18n.Parse(conv.Lang), "relay.from_staff", name, post.Message)
	if _, appErr := s.d.API.CreatePost(&model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: safetext.FitPost(msg)}); appErr != nil {
		s.d.API.LogError("conversation: relay to the customer failed", "conversation_id", conv.ID, "err", appErr.Error())
		return true
	}
	s.NoteStaff(conv.ID, post.Message)
	if conv.State == StateWaitingHuman || conv.State == StateBot {
		if _, err := s.SetState(conv.ID, StateHuman); err != nil {
			s.d.API.LogError("conversation: takeover by relay failed", "err", err.Error())
		}
	}
	return true
}

// relayToStaff forwards a customer's message to the staff thread while staff have
// the conversation: staff working from that thread see it without opening the DM
// (which they cannot) or the shared channel.
func (s *Service) relayToStaff(conv *Conversation, post *model.Post) {
	if conv.StaffPostID == "" {
		return
	}
	staffChannel := s.d.People.StaffChannelID()
	if staffChannel == "" {
		return
	}
	// A customer's "@channel" must not page the staff channel through the bot.
	key := "relay.from_customer"
	if conv.Kind == KindThread {
		key = "relay.from_customer.thread"
	}
	msg := i18n.T(i18n.Parse(conv.Lang), key, conv.Customer, safetext.NoMentions(post.Message))
	if _, appErr := s.d.API.CreatePost(&model.Post{UserId: s.d.BotID, ChannelId: staffChannel, RootId: conv.StaffPostID, Message: safetext.FitPost(msg)}); appErr != nil {
		s.d.API.LogError("conversation: relay to staff failed", "conversation_id", conv.ID, "err", appErr.Error())
	}
}

// Notify posts one of the bot's own lines (an i18n key) where the customer reads
// it: a DM handed back from the staff thread would otherwise never hear that the
// bot answers again.
func (s *Service) Notify(conv *Conversation, key string) {
	msg := i18n.T(i18n.Parse(conv.Lang), key)
	if _, appErr := s.d.API.CreatePost(&model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, RootId: conv.RootID, Message: safetext.FitPost(msg)}); appErr != nil {
		s.d.API.LogError("conversation: cannot notify the customer", "conversation_id", conv.ID, "key", key, "err", appErr.Error())
	}
}
