package agent

import (
	"context"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Searcher is the knowledge search the tools use (*knowledge.Index).
type Searcher interface {
	Search(ctx context.Context, q string, opts knowledge.SearchOptions) ([]knowledge.Hit, error)
}

// ShopData gives the current shop snapshot (*shop.Repo).
type ShopData interface {
	Snapshot() *shop.Snapshot
}

// Refunds turns a refund the rules allow into a card the customer confirms (the
// composition root adapts *refund.Service). Tools only ever offer; the card moves
// the money. A refund the rules do not allow is commerce's *NotEligibleError.
type Refunds interface {
	Offer(ctx context.Context, req OfferRequest) (tool.OfferedCard, error)
}

// OfferRequest is a refund card asked for by a tool: the bound customer and where
// the conversation is, never anything the model says about who is asking.
type OfferRequest struct {
	UserID, Username  string
	ChannelID, RootID string
	ConversationID    string
	DM                bool // a DM staff cannot see: approvals go to the staff channel
	OrderID, Kind     string
	SKUs              []string // a return of these lines only (none: the whole order)
	Reason            string
	Lang              i18n.Lang
}

// Logger reports what a customer must not see (internal errors behind a tool's
// generic error). The Mattermost plugin API fits.
type Logger interface {
	LogError(msg string, keyValuePairs ...any)
}

// Deps are what the tools need. Every field but Shop may be nil/zero: a tool whose
// dependency is missing answers {"error": ...} instead of failing the turn.
type Deps struct {
	Search  Searcher
	Shop    ShopData
	Refunds Refunds
	// Ledger is the refund ledger, read by check_price_protection so that a line
	// already refunded shows 0. Its zero value (no KV) makes that tool fail safely.
	Ledger commerce.Ledger
	// ProtectionDays is the price-protection window (setting PriceProtectionDays),
	// read on every call so a settings change applies at once. nil = 30.
	ProtectionDays func() int
	Now            func() time.Time // nil = time.Now; tests pin it
	Log            Logger           // optional
}

const defaultProtectionDays = 30

func (d *Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Deps) protectionDays() int {
	if d.ProtectionDays != nil {
		return d.ProtectionDays()
	}
	return defaultProtectionDays
}

func (d *Deps) logError(msg string, kv ...any) {
	if d.Log != nil {
		d.Log.LogError(msg, kv...)
	}
}

func (d *Deps) snapshot() *shop.Snapshot {
	if d.Shop == nil {
		return shop.NewSnapshot(nil, nil)
	}
	if s := d.Shop.Snapshot(); s != nil {
		return s
	}
	return shop.NewSnapshot(nil, nil)
}
