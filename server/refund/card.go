// Package refund turns commerce's refund offers into cards in the customer's
// conversation and moves money only when the right people click: the customer
// confirms; above RefundAutoApproveLimit a staff member approves too. Every click is
// checked against the session's user, every state change is a compare-and-set, and
// the money itself goes through commerce.ExecuteRefund, which refunds at most once.
package refund

import (
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
)

// Card states.
const (
	StateOffered          = "offered"
	StateAwaitingApproval = "awaiting_approval"
	StateProcessing       = "processing"
	StateRefunded         = "refunded"
	StatePending          = "pending" // the shop's system accepted it and completes it later
	StateCancelled        = "cancelled"
	StateRejected         = "rejected"
	StateFailed           = "failed"
)

// Card is one refund offer and its fate; the KV store holds it under cardKey.
type Card struct {
	ID             string         `json:"id"`
	ConversationID string         `json:"conversation_id,omitempty"`
	UserID         string         `json:"user_id"`
	Username       string         `json:"username"`
	ChannelID      string         `json:"channel_id"`
	RootID         string         `json:"root_id,omitempty"`
	PostID         string         `json:"post_id,omitempty"`
	Offer          commerce.Offer `json:"offer"`
	Reason         string         `json:"reason,omitempty"`
	NeedsApproval  bool           `json:"needs_approval"`
	Limit          int64          `json:"limit"`
	State          string         `json:"state"`
	Lang           string         `json:"lang"`
	Proactive      bool           `json:"proactive,omitempty"`
	DM             bool           `json:"dm,omitempty"`

	ApprovalPostID string                 `json:"approval_post_id,omitempty"`
	DecidedBy      string                 `json:"decided_by,omitempty"`
	Result         *commerce.RefundResult `json:"result,omitempty"`
	Error          string                 `json:"error,omitempty"`
	CreatedAt      time.Time              `json:"created_at"`
	UpdatedAt      time.Time              `json:"updated_at"`
}

func cardKey(id string) string { return "refund/card/" + id }

// Final reports whether nothing more can happen to the card.
func (c *Card) Final() bool {
	switch c.State {
	case StateRefunded, StatePending, StateCancelled, StateRejected:
		return true
	}
	return false
}

// ToolResult is what offer_refund returns to the model (SPEC §5).
type ToolResult struct {
	CardID        string `json:"card_id"`
	OrderID       string `json:"order_id"`
	Kind          string `json:"kind"`
	Amount        int64  `json:"amount"`
	NeedsApproval bool   `json:"needs_approval"`
}

func (c *Card) ToolResult() ToolResult {
	return ToolResult{CardID: c.ID, OrderID: c.Offer.OrderID, Kind: c.Offer.Kind, Amount: c.Offer.Amount, NeedsApproval: c.NeedsApproval}
}
