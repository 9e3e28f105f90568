// Package shop owns the shop's data (SPEC §3): the catalog (products, size systems,
// FAQs, policies, promotions) and the orders (customers, their coupons, orders).
// It validates documents with JSON paths, imports them atomically and keeps them in
// the KV store. knowledge indexes this data and commerce computes on it; neither
// knows the other.
package shop

import "time"

// Money is an amount in minor units (cents/分). Never a float.
type Money = int64

// Catalog is the document accepted by POST /catalog.
type Catalog struct {
	Currency    string       `json:"currency"`
	Products    []Product    `json:"products"`
	SizeSystems []SizeSystem `json:"size_systems,omitempty"`
	FAQs        []FAQ        `json:"faqs,omitempty"`
	Policies    []Policy     `json:"policies,omitempty"`
	Promotions  []Promotion  `json:"promotions,omitempty"`
	// Vocabulary (optional) adds this shop's own words to the language the offline
	// planner reads: everyday names of its categories, and more cues for the social
	// moments it answers warmly.
	Vocabulary *Vocabulary `json:"vocabulary,omitempty"`
}

// Vocabulary is a shop's own words (README, "Teaching the bot your shop's words").
type Vocabulary struct {
	Categories map[string][]string   `json:"categories,omitempty"` // category → everyday words for it
	Social     map[string]SocialCues `json:"social,omitempty"`     // social moment id → more cues
	// Intents: more words for the planner's word lists (server/lang/intents.json),
	// by list id ("price", "order", "human" …).
	Intents map[string]SocialCues `json:"intents,omitempty"`
}

// SocialCues are words that mark a social moment or an intent, per language.
type SocialCues struct {
	ZH []string `json:"zh,omitempty"`
	EN []string `json:"en,omitempty"`
}

type Product struct {
	ID                 string     `json:"id"`
	Title              string     `json:"title"`
	Brand              string     `json:"brand,omitempty"`
	Category           string     `json:"category,omitempty"`
	Description        string     `json:"description,omitempty"`
	Tags               []string   `json:"tags,omitempty"`
	Lang               string     `json:"lang,omitempty"`
	MembershipEligible bool       `json:"membership_eligible"`
	SubsidyEligible    bool       `json:"subsidy_eligible"`
	SizeChart          *SizeChart `json:"size_chart,omitempty"`
	SKUs               []SKU      `json:"skus"`
}

type SizeChart struct {
	System string    `json:"system,omitempty"`
	FitMM  int       `json:"fit_mm"`
	Rows   []SizeRow `json:"rows"`
}

type SizeRow struct {
	Size   string `json:"size"`
	FootMM int    `json:"foot_mm"`
}

type SKU struct {
	ID         string `json:"id"`
	Price      Money  `json:"price"`
	Stock      int    `json:"stock"`
	Attributes Attrs  `json:"attributes,omitempty"`
}

// SizeSystem maps sizes of a category (e.g. leather shoes, CN sizes) to foot lengths.
type SizeSystem struct {
	Category string    `json:"category"`
	System   string    `json:"system"`
	Rows     []SizeRow `json:"rows"`
}

type FAQ struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Answer   string   `json:"answer"`
	Lang     string   `json:"lang,omitempty"`
	Tags     []string `json:"tags,omitempty"`
}

type Policy struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	Lang  string `json:"lang,omitempty"`
}

// Promotion types (SPEC §4).
const (
	PromoItemDiscount = "item_discount"
	PromoSpendSave    = "spend_save"
	PromoMembership   = "membership"
	PromoSubsidy      = "subsidy"
)

// Promotion is one promotion of any SPEC §4 type; which fields are meaningful depends
// on Type. Optional numbers are pointers so that "absent" differs from 0.
type Promotion struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Title      string     `json:"title,omitempty"`
	ProductIDs []string   `json:"product_ids,omitempty"`
	Categories []string   `json:"categories,omitempty"`
	Starts     *time.Time `json:"starts,omitempty"`
	Ends       *time.Time `json:"ends,omitempty"`

	PercentOff *int64 `json:"percent_off,omitempty"`  // item_discount, membership
	AmountOff  *Money `json:"amount_off,omitempty"`   // item_discount, per unit
	Threshold  Money  `json:"threshold,omitempty"`    // spend_save
	Off        Money  `json:"off,omitempty"`          // spend_save
	Repeat     bool   `json:"repeat,omitempty"`       // spend_save
	MaxOff     *Money `json:"max_off,omitempty"`      // spend_save, membership
	Tier       string `json:"tier,omitempty"`         // membership
	Percent    int64  `json:"percent,omitempty"`      // subsidy
	CapPerUnit *Money `json:"cap_per_unit,omitempty"` // subsidy
}

// DisplayTitle is what customers see: the title, else the id.
func (p *Promotion) DisplayTitle() string {
	if p.Title != "" {
		return p.Title
	}
	return p.ID
}

// ActiveAt reports whether starts ≤ at < ends (either bound may be absent).
func (p *Promotion) ActiveAt(at time.Time) bool {
	if p.Starts != nil && at.Before(*p.Starts) {
		return false
	}
	if p.Ends != nil && !at.Before(*p.Ends) {
		return false
	}
	return true
}

// Covers reports whether the product is in the promotion's scope. A promotion with
// neither product ids nor categories covers every product.
func (p *Promotion) Covers(prod *Product) bool {
	if len(p.ProductIDs) == 0 && len(p.Categories) == 0 {
		return true
	}
	for _, id := range p.ProductIDs {
		if id == prod.ID {
			return true
		}
	}
	for _, c := range p.Categories {
		if c == prod.Category {
			return true
		}
	}
	return false
}

// Orders is the document accepted by POST /orders.
type Orders struct {
	Customers []Customer `json:"customers"`
	Orders    []Order    `json:"orders"`
}

type Customer struct {
	User    string   `json:"user"`
	Tier    string   `json:"tier,omitempty"`
	Coupons []Coupon `json:"coupons,omitempty"`
}

type Coupon struct {
	Code      string     `json:"code"`
	Threshold Money      `json:"threshold"`
	Off       Money      `json:"off"`
	Expires   *time.Time `json:"expires,omitempty"`
}

// ExpiredAt: a coupon is expired when at ≥ expires.
func (c *Coupon) ExpiredAt(at time.Time) bool {
	return c.Expires != nil && !at.Before(*c.Expires)
}

// Order statuses (SPEC §3).
const (
	StatusDepositPaid = "deposit_paid"
	StatusPaid        = "paid"
	StatusShipped     = "shipped"
	StatusDelivered   = "delivered"
	StatusRefunded    = "refunded"
	StatusCancelled   = "cancelled"
)

type Order struct {
	ID     string     `json:"id"`
	User   string     `json:"user"`
	Status string     `json:"status"`
	PaidAt *time.Time `json:"paid_at,omitempty"`
	// DeliveredAt (optional, delivered orders) starts the return window; without it
	// the window counts from PaidAt, the earliest the goods can have arrived.
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	Items       []Item     `json:"items"`
	Deposit     *Deposit   `json:"deposit,omitempty"`
}

type Item struct {
	SKUID     string `json:"sku_id"`
	Qty       int64  `json:"qty"`
	UnitPrice Money  `json:"unit_price"`
	// Refunded is what was paid back on this line by price protection. The plugin's
	// built-in order backend sets it (commerce.BuiltIn); imports normally omit it.
	Refunded Money `json:"refunded,omitempty"`
	// Returned: the line alone was returned and paid back (a partial return, set by
	// the built-in backend; once every line is, the order is refunded).
	Returned bool `json:"returned,omitempty"`
}

type Deposit struct {
	Amount     Money `json:"amount"`
	Refundable bool  `json:"refundable"`
}
