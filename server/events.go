package main

import (
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
)

// EventConversation is the websocket event the staff panel listens to; Mattermost
// sends it as "custom_concierge_conversation".
const EventConversation = "conversation"

// EventFAQ tells the staff panel an FAQ proposal was posted, approved or rejected
// ("custom_concierge_faq"), so its review list follows the card's buttons too.
const EventFAQ = "faq"

// publishChange tells the staff panel a conversation changed. Only the staff
// channel's members get it, and it names the conversation, its state and what
// happened, nothing of the customer's: the panel reads the rest through the
// staff-only routes.
func (p *Plugin) publishChange(conv *conversation.Conversation, event string) {
	ch := p.people.StaffChannelID()
	if ch == "" {
		return
	}
	p.API.PublishWebSocketEvent(EventConversation, map[string]any{
		"conversation_id": conv.ID, "state": string(conv.State), "event": event,
	}, &model.WebsocketBroadcast{ChannelId: ch})
}

// publishFAQ tells the staff channel's members a proposal changed: its id and what
// happened, nothing of its words (the panel reads them through the staff route).
func (p *Plugin) publishFAQ(proposalID, event string) {
	ch := p.people.StaffChannelID()
	if ch == "" {
		return
	}
	p.API.PublishWebSocketEvent(EventFAQ, map[string]any{"proposal_id": proposalID, "event": event},
		&model.WebsocketBroadcast{ChannelId: ch})
}
