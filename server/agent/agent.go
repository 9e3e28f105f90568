// Package agent plans the reply to a customer's turn: with a language model (through
// package llm) or with the deterministic offline planner, both calling the same
// tools, which are bound to the asking customer (SPEC §5).
package agent

import (
	"context"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
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
	Where          Where
	Messages       []string // the customer's new messages, oldest first
	History        []Message
	Lang           i18n.Lang

	// Stream, when set, shows the reply while the planner is still writing it. A
	// planner that streams passes the whole text so far; it stops when Write returns
	// false (a later message made the reply stale before anything was shown). The
	// Reply it returns is still the final word: its text replaces what was streamed.
	Stream Stream

	// OnTool, when set, hears of each tool call as it starts: a conversation in a
	// shared channel stops streaming once a tool reads the customer's own data, so
	// none of it flashes by where others can read (SPEC §7 privacy).
	OnTool func(name string)
}

// Stream is where a reply is shown as it is written.
type Stream interface {
	Write(textSoFar string) bool
}

// Where is the conversation's place in Mattermost: a refund card offered in a reply
// belongs to that channel and thread, and a card in a DM (which staff cannot see) is
// approved through the staff channel.
type Where struct {
	ChannelID string
	RootID    string // the thread the reply goes to; "" in a DM or single-customer channel
	DM        bool
}

// Message is an earlier message of the conversation, for context (oldest first):
// the customer's and the bot's. The offline planner reads it to know which product
// or order "this one" means.
type Message struct {
	FromCustomer bool
	Text         string
}

// Reply is the planner's answer. Attachments carry cards (refunds, price protection)
// as part of the same post. Handoff asks the conversation to hand over to staff.
type Reply struct {
	Text string
	// Offers are the refund cards the reply offers, rendered by the layer that
	// posts it; once the reply is posted, each card learns its post, so a click is
	// checked against it.
	Offers  []tool.OfferedCard
	Handoff *Handoff
	// Calls are the tool calls the reply was made from, in order: the conversation
	// keeps their facts for the handoff summary and decides from them whether the
	// reply carries personal data (SPEC §7).
	Calls []tool.Call
	// Fallback: the language model failed and the offline planner answered.
	Fallback bool
	// Private: the reply shows the customer's own data that no tool call in Calls
	// shows (their coupons, a coupon of theirs named in a quote's note), so it is
	// personal whatever the calls say (SPEC §7).
	Private bool
}

// CardIDs are the ids of the cards the reply offers, in order.
func (r *Reply) CardIDs() []string {
	ids := make([]string, 0, len(r.Offers))
	for _, c := range r.Offers {
		ids = append(ids, c.ID)
	}
	return ids
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
