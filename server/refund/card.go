// Package refund turns commerce's refund offers into cards in the customer's
// conversation and moves money only when the right people click: the customer
// confirms; above RefundAutoApproveLimit a staff member approves too. Every click is
// checked against the session's user, every state change is a compare-and-set, and
// the money itself goes through commerce.ExecuteRefund, which refunds at most once.
package refund

import (
	"time"

	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/store"
)

// Card states.
const (
	StateOffered          = "offered"
	StateAwaitingApproval = "awaiting_approval"
	StateProcessing       = "processing"
	StateRefunded         = "refunded"
	StatePending          = "pending" // the shop's system accepted it and completes it later
	// StateInDoubt: the shop's system gave no clear answer (timeout, 5xx, 409, a
	// restart mid-refund). The money may have moved; the refund stays reserved and
	// is retried with the same idempotency key until the shop answers or staff settle it.
	StateInDoubt   = "in_doubt"
	StateCancelled = "cancelled"
	StateRejected  = "rejected"
	StateFailed    = "failed"
	StateExpired   = "expired" // not confirmed within the card's lifetime

	// StageAwaitingGoods: pending, and paid once the returned goods are received
	// (the card view's Stage, so the webapp says so in the reader's language).
	StageAwaitingGoods = "awaiting_goods"
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
	// Shown is what the card lists, named as the catalog did when it was offered
	// (product and variant, never a SKU id): the price-protected lines, or the
	// returned order's items.
	Shown         []cards.RefundLine `json:"shown,omitempty"`
	Reason        string             `json:"reason,omitempty"`
	NeedsApproval bool               `json:"needs_approval"`
	Limit         int64              `json:"limit"`
	State         string             `json:"state"`
	Lang          string             `json:"lang"`
	Proactive     bool               `json:"proactive,omitempty"`
	DM            bool               `json:"dm,omitempty"`

	ApprovalPostID string `json:"approval_post_id,omitempty"`
	DecidedBy      string `json:"decided_by,omitempty"`
	// GoodsReceived: staff marked the returned goods as arrived (returns, built-in backend).
	GoodsReceived bool                   `json:"goods_received,omitempty"`
	Attempts      int                    `json:"attempts,omitempty"` // backend calls made for this card`
	Result        *commerce.RefundResult `json:"result,omitempty"`
	Error         string                 `json:"error,omitempty"`
	CreatedAt     time.Time              `json:"created_at"`
	UpdatedAt     time.Time              `json:"updated_at"`
}

func cardKey(id string) string { return "refund/card/" + store.KeyPart(id) }

// Final reports whether the card's outcome is settled for the customer.
func (c *Card) Final() bool {
	switch c.State {
	case StateRefunded, StatePending, StateCancelled, StateRejected, StateFailed, StateExpired:
		return true
	}
	return false
}

// AwaitingGoods: a return the shop accepted that waits for the goods to come back.
func (c *Card) AwaitingGoods() bool {
	return c.State == StatePending && c.Result != nil && c.Result.Message == commerce.AwaitingGoods
}

// Expired reports whether an offered card is past its lifetime (0 = never).
func (c *Card) Expired(now time.Time, lifetime time.Duration) bool {
	return lifetime > 0 && now.Sub(c.CreatedAt) > lifetime
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
