// Package agent plans the reply to a customer's turn: with a language model (through
// package llm) or with the deterministic offline planner, both calling the same
// tools, which are bound to the asking customer (SPEC §5).
package agent

import (
	"context"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Customer is who is asking. Tools take the customer from here, never from the model.
type Customer struct {
	UserID   string
	Username string
	Locale   string
}

// Turn is everything the planner needs to answer one or more customer messages that
// arrived together.
type Turn struct {
	ConversationID string
	Customer       Customer
	Messages       []string // the customer's new messages, oldest first
	History        []Message
	Lang           i18n.Lang
}

// Message is an earlier message of the conversation, for context.
type Message struct {
	FromCustomer bool
	Text         string
}

// Reply is the planner's answer. Attachments carry cards (refunds, price protection)
// as part of the same post. Handoff asks the conversation to hand over to staff.
type Reply struct {
	Text        string
	Attachments []*model.MessageAttachment
	Handoff     *Handoff
}

// Handoff is a request to bring in staff, with what they need to take over.
type Handoff struct {
	Reason  string
	Summary string
}

// Planner answers a turn.
type Planner interface {
	Plan(ctx context.Context, turn Turn) (*Reply, error)
}
