package conversation

import (
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

// relayFromStaff forwards a staff reply in a handoff card's thread into the DM. It
// reports whether the post was such a reply.
func (s *Service) relayFromStaff(post *model.Post, staff *model.User) bool {
	if post.RootId == "" {
		return false
	}
	var convID string
	if ok, err := store.GetJSON(s.d.KV, staffThreadKey(post.RootId), &convID); err != nil || !ok {
		return false
	}
	conv, err := s.Store.Get(convID)
	if err != nil || conv == nil {
		return false
	}
	name := staff.GetDisplayName(model.ShowNicknameFullName)
	msg := i18n.T(i18n.Parse(conv.Lang), "relay.from_staff", name, post.Message)
	if _, appErr := s.d.API.CreatePost(&model.Post{UserId: s.d.BotID, ChannelId: conv.ChannelID, Message: msg}); appErr != nil {
		s.d.API.LogError("conversation: relay to DM failed", "conversation_id", conv.ID, "err", appErr.Error())
		return true
	}
	if conv.State == StateWaitingHuman || conv.State == StateBot {
		if _, err := s.SetState(conv.ID, StateHuman); err != nil {
			s.d.API.LogError("conversation: takeover by relay failed", "err", err.Error())
		}
	}
	return true
}

// relayToStaff forwards a customer's DM message to the staff thread while staff have
// the conversation.
func (s *Service) relayToStaff(conv *Conversation, post *model.Post) {
	if conv.Kind != KindDM || conv.StaffPostID == "" {
		return
	}
	staffChannel := s.People.StaffChannelID(s.d.Config())
	if staffChannel == "" {
		return
	}
	// A customer's "@channel" must not page the staff channel through the bot.
	msg := i18n.T(i18n.Parse(conv.Lang), "relay.from_customer", conv.Customer, safetext.NoMentions(post.Message))
	if _, appErr := s.d.API.CreatePost(&model.Post{UserId: s.d.BotID, ChannelId: staffChannel, RootId: conv.StaffPostID, Message: msg}); appErr != nil {
		s.d.API.LogError("conversation: relay to staff failed", "conversation_id", conv.ID, "err", appErr.Error())
	}
}
