// Package summary keeps what a conversation has shown — the customer's words and
// the facts the tools returned — and builds from it the handoff summary staff read
// (SPEC §7). It is deterministic and needs no model: the record is facts taken
// from the tools' typed results when they happened, not text a model wrote.
package summary

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// Bounds keep one conversation's record small in the KV store however long the
// conversation runs; the summary shows only the latest of each anyway.
const (
	maxAsks     = 20
	maxFacts    = 10
	maxAskRunes = 300
)

// Record is one conversation's facts, oldest first.
type Record struct {
	Asks     []Ask     `json:"asks,omitempty"`
	Products []Product `json:"products,omitempty"`
	Orders   []Order   `json:"orders,omitempty"`
	Quotes   []Quote   `json:"quotes,omitempty"`
	Cards    []Card    `json:"cards,omitempty"`
	// Sizes are the sizes the customer told (a size they wear, a foot length) and
	// what was recommended from them: staff should not have to ask again.
	Sizes []Size `json:"sizes,omitempty"`
	// Staff are what staff wrote to the customer: the answers a FAQ may be learnt from.
	Staff []Ask `json:"staff,omitempty"`
	// ToolCalls and ToolErrors count this conversation's tool calls and the ones
	// that answered {"error": …} (metrics).
	ToolCalls  int `json:"tool_calls,omitempty"`
	ToolErrors int `json:"tool_errors,omitempty"`
}

// Ask is one customer message.
type Ask struct {
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// Product is a product a tool looked at.
type Product struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// Order is one of the customer's orders a tool read.
type Order struct {
	ID       string   `json:"id"`
	Status   string   `json:"status,omitempty"`
	Total    int64    `json:"total"`
	Currency string   `json:"currency,omitempty"`
	Items    []string `json:"items,omitempty"` // titles (or sku ids)
}

// Quote is a final price worked out for the customer.
type Quote struct {
	Items    []string `json:"items,omitempty"` // sku ids
	Total    int64    `json:"total"`
	Currency string   `json:"currency,omitempty"`
	Coupon   string   `json:"coupon,omitempty"` // a coupon the customer holds, applied
}

// Size is one size recommendation: what the customer said they wear (a size in
// a category and system, or a foot length) and the size recommended for a product.
type Size struct {
	ProductID   string `json:"product_id"`
	Reference   string `json:"reference,omitempty"`    // "38", as the customer said it
	RefCategory string `json:"ref_category,omitempty"` // the category they wear it in
	RefSystem   string `json:"ref_system,omitempty"`
	FootMM      int    `json:"foot_mm,omitempty"` // a measured foot length, or the one the reference gives
	Recommended string `json:"recommended"`
}

// Card is a refund or price-protection card offered in the conversation. Its state
// is not kept here: the card itself is the truth, read when the summary is built.
type Card struct {
	ID            string `json:"id"`
	OrderID       string `json:"order_id"`
	Kind          string `json:"kind"`
	Amount        int64  `json:"amount"`
	Currency      string `json:"currency,omitempty"`
	NeedsApproval bool   `json:"needs_approval,omitempty"`
}

// Add records one answered turn: the customer's messages and the tool calls the
// reply was made from.
func (r *Record) Add(at time.Time, texts []string, calls []tool.Call) {
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > maxAskRunes {
			t = string([]rune(t)[:maxAskRunes]) + "…"
		}
		r.Asks = append(r.Asks, Ask{Text: t, At: at})
	}
	for _, c := range calls {
		r.ToolCalls++
		if c.Failed() {
			r.ToolErrors++
			continue
		}
		r.note(c)
	}
	r.Asks = keepLast(r.Asks, maxAsks)
	r.Products = keepLast(r.Products, maxFacts)
	r.Orders = keepLast(r.Orders, maxFacts)
	r.Quotes = keepLast(r.Quotes, maxFacts)
	r.Cards = keepLast(r.Cards, maxFacts)
	r.Sizes = keepLast(r.Sizes, maxFacts)
}

// AddStaff records what a staff member wrote to the customer.
func (r *Record) AddStaff(at time.Time, text string) {
	if text = strings.TrimSpace(text); text == "" {
		return
	}
	if utf8.RuneCountInString(text) > maxAskRunes*4 {
		text = string([]rune(text)[:maxAskRunes*4]) + "…"
	}
	r.Staff = keepLast(append(r.Staff, Ask{Text: text, At: at}), maxAsks)
}

// note keeps the facts of one call that answered, from its typed result (see
// tool.Call.Value for which tool gives which type).
func (r *Record) note(c tool.Call) {
	switch v := c.Typed().(type) {
	case tool.ProductInfo:
		if v.ID != "" {
			r.addProduct(Product{ID: v.ID, Title: v.Title})
		}
	case tool.CompareResult:
		for _, p := range v.Products {
			r.addProduct(Product{ID: p.ID, Title: p.Title})
		}
	case *commerce.SizeAdvice:
		r.addSize(c.Args, v)
	case tool.OrdersResult:
		for i := range v.Orders {
			r.addOrder(&v.Orders[i])
		}
	case *commerce.OrderView:
		if v.ID != "" {
			r.addOrder(v)
		}
	case *commerce.Quote:
		r.addQuote(v)
	case tool.OfferedCard:
		if v.ID != "" {
			r.Cards = append(r.Cards, Card{ID: v.ID, OrderID: v.OrderID, Kind: v.Kind, Amount: v.Amount,
				Currency: v.Currency, NeedsApproval: v.NeedsApproval})
		}
	}
}

// addSize notes a size recommendation: the customer's reference from the call's
// arguments, the recommended size from its result.
func (r *Record) addSize(args string, v *commerce.SizeAdvice) {
	if v.ProductID == "" {
		return
	}
	r.addProduct(Product{ID: v.ProductID})
	var a struct {
		ReferenceSize     string `json:"reference_size"`
		ReferenceCategory string `json:"reference_category"`
		ReferenceSystem   string `json:"reference_system"`
		FootMM            int    `json:"foot_mm"`
	}
	// The arguments are the model's own JSON (the tool has no typed copy of them
	// to give); the tool accepted them, and a bad one only loses the reference.
	_ = json.Unmarshal([]byte(args), &a)
	sz := Size{ProductID: v.ProductID, Reference: a.ReferenceSize, RefCategory: a.ReferenceCategory,
		RefSystem: a.ReferenceSystem, FootMM: cmp.Or(a.FootMM, v.ReferenceFootMM), Recommended: v.RecommendedSize}
	r.Sizes = slices.DeleteFunc(r.Sizes, func(o Size) bool { return o.ProductID == sz.ProductID })
	r.Sizes = append(r.Sizes, sz)
}

// addProduct keeps one entry a product, the latest last; a title learnt later
// fills one not known before.
func (r *Record) addProduct(p Product) {
	if i := slices.IndexFunc(r.Products, func(q Product) bool { return q.ID == p.ID }); i >= 0 {
		if p.Title == "" {
			p.Title = r.Products[i].Title
		}
		r.Products = slices.Delete(r.Products, i, i+1)
	}
	r.Products = append(r.Products, p)
}

func (r *Record) addOrder(o *commerce.OrderView) {
	ord := Order{ID: o.ID, Status: o.Status, Total: o.Total, Currency: o.Currency}
	for _, it := range o.Items {
		name := it.Title
		if name == "" {
			name = it.SKUID
		}
		ord.Items = append(ord.Items, name)
	}
	r.Orders = slices.DeleteFunc(r.Orders, func(q Order) bool { return q.ID == o.ID })
	r.Orders = append(r.Orders, ord)
}

func (r *Record) addQuote(v *commerce.Quote) {
	if len(v.Lines) == 0 {
		return
	}
	q := Quote{Total: v.Total, Currency: v.Currency}
	for _, l := range v.Lines {
		q.Items = append(q.Items, l.SKUID)
	}
	for _, s := range v.Steps {
		if s.Kind == commerce.KindCoupon {
			q.Coupon = s.ID
		}
	}
	r.Quotes = append(r.Quotes, q)
}

func keepLast[T any](s []T, n int) []T {
	if len(s) <= n {
		return s
	}
	return slices.Clone(s[len(s)-n:])
}
