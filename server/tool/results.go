package tool

import (
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// The tools' results: what package agent's tools return, and what the layers after
// the reply switch on. Each is encoded as the JSON the model reads, so the json
// tags are SPEC §5's keys. Typed (call.go) says which tool returns which.

// ErrorResult is the value of a call that failed, whatever the tool:
// {"error": …, "code": …}. It is not a Go error: it is what the model reads.
type ErrorResult struct {
	Error  string `json:"error"`
	Code   string `json:"code"`
	Reason string `json:"reason,omitempty"`
	Path   string `json:"path,omitempty"`
}

// SearchResult is search_knowledge's result: the best matches, best first.
type SearchResult struct {
	Results []SearchItem `json:"results"`
}

// SearchItem is one match of search_knowledge, with its text (an FAQ's answer, a
// policy's body or a product's description, cut short).
type SearchItem struct {
	Kind  string  `json:"kind"`
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
	Lang  string  `json:"lang,omitempty"`
	Text  string  `json:"text,omitempty"`
}

// ProductInfo is get_product's result.
type ProductInfo struct {
	ID                 string          `json:"id"`
	Title              string          `json:"title"`
	Brand              string          `json:"brand,omitempty"`
	Category           string          `json:"category,omitempty"`
	Description        string          `json:"description,omitempty"`
	Tags               []string        `json:"tags,omitempty"`
	Lang               string          `json:"lang,omitempty"`
	MembershipEligible bool            `json:"membership_eligible"`
	SubsidyEligible    bool            `json:"subsidy_eligible"`
	SizeChart          *shop.SizeChart `json:"size_chart,omitempty"`
	SKUs               []SKUInfo       `json:"skus"`
	Promotions         []PromoInfo     `json:"promotions"`
	Currency           string          `json:"currency"`
}

// SKUInfo is one SKU of get_product's product.
type SKUInfo struct {
	ID         string     `json:"id"`
	Price      shop.Money `json:"price"`
	PriceNow   shop.Money `json:"price_now"` // after today's item promotion, one unit
	Stock      int        `json:"stock"`
	Attributes shop.Attrs `json:"attributes,omitempty"`
}

// PromoInfo is a live promotion covering a product.
type PromoInfo struct {
	ID    string     `json:"id"`
	Type  string     `json:"type"`
	Title string     `json:"title"`
	Ends  *time.Time `json:"ends,omitempty"`
}

// CompareResult is compare_products' result: one column per product.
type CompareResult struct {
	Products []ProductSummary `json:"products"`
	Currency string           `json:"currency"`
}

// ProductSummary is one column of compare_products.
type ProductSummary struct {
	ID                 string      `json:"id"`
	Title              string      `json:"title"`
	Brand              string      `json:"brand,omitempty"`
	Category           string      `json:"category,omitempty"`
	PriceMin           shop.Money  `json:"price_min"`
	PriceMax           shop.Money  `json:"price_max"`
	PriceNowMin        shop.Money  `json:"price_now_min"`
	PriceNowMax        shop.Money  `json:"price_now_max"`
	Stock              int         `json:"stock"`
	Options            []string    `json:"options,omitempty"` // attribute values on offer, e.g. sizes
	FitMM              *int        `json:"fit_mm,omitempty"`
	Tags               []string    `json:"tags,omitempty"`
	MembershipEligible bool        `json:"membership_eligible"`
	SubsidyEligible    bool        `json:"subsidy_eligible"`
	Promotions         []PromoInfo `json:"promotions"`
}

// OrdersResult is list_orders' result: the bound customer's orders.
type OrdersResult struct {
	Orders []commerce.OrderView `json:"orders"`
}

// OfferedCard is offer_refund's result, the card made: the reply names it by id,
// and the layer that posts the reply renders it (the agent never builds
// Mattermost posts).
type OfferedCard struct {
	ID            string `json:"card_id"`
	OrderID       string `json:"order_id"`
	Kind          string `json:"kind"`
	Amount        int64  `json:"amount"`
	NeedsApproval bool   `json:"needs_approval"`
	Currency      string `json:"currency"`
}

// HandoffResult is handoff_to_human's result; the handoff itself is the call's
// effect, not its value.
type HandoffResult struct {
	HandedOff bool   `json:"handed_off"`
	Note      string `json:"note"`
}
