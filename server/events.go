package main

import (
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
)

// EventConversation is the websocket event the staff panel listens to; Mattermost
// sends it as "custom_concierge_conversation".
const EventConversation = "conversation"

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
