// Package cards is the wire form of what a bot post shows besides its words: typed,
// versioned post props the webapp renders as components (a post type per card kind),
// and the Markdown a client without the plugin (mobile) shows instead. It is the
// rendering edge: domain packages hand it typed values, it never decides anything.
package cards

import (
	"encoding/json"

	"github.com/mattermost/mattermost/server/public/model"
)

// Version is the props' schema version; the webapp renders only versions it knows
// and shows the Markdown message otherwise.
const Version = 1

// Prop is the post prop holding the View.
const Prop = "concierge_view"

// TypePrefix + a card kind is the post type the webapp registers a component for.
const TypePrefix = "custom_concierge_"

// TypeStreamed is the type of a reply posted before its end is known (streamed):
// Mattermost keeps a post's type on every edit, so the post takes, from its first
// words, a type whose component shows its words while they stream and its cards
// (the Prop) once the final edit brings them.
const TypeStreamed = TypePrefix + "reply"

// Card kinds.
const (
	KindPrice   = "price"
	KindProduct = "product"
	KindCompare = "compare"
	KindRefund  = "refund"
	KindHandoff = "handoff"
	KindCSAT    = "csat"
)

// kindOrder: a post carrying several cards takes the type of the first kind here
// (the one with buttons wins, so the post type says what the post is for).
var kindOrder = []string{KindRefund, KindCSAT, KindHandoff, KindPrice, KindCompare, KindProduct}

// View is the prop: the post's own words and its cards.
type View struct {
	V     int    `json:"v"`
	Lang  string `json:"lang"`
	Text  string `json:"text,omitempty"`
	Cards []Card `json:"cards"`
}

// Card is one card; exactly one of the pointers is set, named by Kind.
type Card struct {
	Kind    string   `json:"kind"`
	Price   *Price   `json:"price,omitempty"`
	Product *Product `json:"product,omitempty"`
	Compare *Compare `json:"compare,omitempty"`
	Refund  *Refund  `json:"refund,omitempty"`
	Handoff *Handoff `json:"handoff,omitempty"`
	CSAT    *CSAT    `json:"csat,omitempty"`
}

// Item names a sold thing for people: the product and its variant (never a SKU id).
type Item struct {
	Name    string `json:"name"`
	Variant string `json:"variant,omitempty"`
}

// Price is a quote: every line, every step taken off, the total. Money in cents.
type Price struct {
	Currency string      `json:"currency"`
	Lines    []PriceLine `json:"lines"`
	Steps    []PriceStep `json:"steps"`
	Notes    []string    `json:"notes,omitempty"`
	Total    int64       `json:"total"`
}

type PriceLine struct {
	Item
	Qty   int64 `json:"qty"`
	List  int64 `json:"list"`
	Final int64 `json:"final"`
}

type PriceStep struct {
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Off   int64  `json:"off"`
}

// Product is one product and its variants as the shop sells them now.
type Product struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Brand    string    `json:"brand,omitempty"`
	Currency string    `json:"currency"`
	Variants []Variant `json:"variants"`
}

// Variant: Price is the list price; Now, when set, the price after the item
// discounts running now (what the shop's page shows beside the struck list price).
type Variant struct {
	Name  string `json:"name"`
	Price int64  `json:"price"`
	Now   int64  `json:"now,omitempty"`
	Stock int    `json:"stock"`
}

// Compare is products side by side.
type Compare struct {
	Products []Product `json:"products"`
}

// Refund is a refund / deposit / price-protection card. Actions are the buttons the
// customer may press now (empty once settled); Status is the state in words.
type Refund struct {
	ID       string       `json:"id"`
	Kind     string       `json:"kind"`
	Title    string       `json:"title"`
	OrderID  string       `json:"order_id"`
	Currency string       `json:"currency"`
	Amount   int64        `json:"amount"`
	Lines    []RefundLine `json:"lines,omitempty"`
	Reason   string       `json:"reason,omitempty"`
	State    string       `json:"state"`
	// Stage refines a State the customer must know more of: "awaiting_goods", a
	// pending return refund paid once the goods are back; "" otherwise.
	Stage         string   `json:"stage,omitempty"`
	Status        string   `json:"status"`
	NeedsApproval bool     `json:"needs_approval,omitempty"`
	Actions       []string `json:"actions,omitempty"`
}

type RefundLine struct {
	Item
	Qty    int64 `json:"qty"`
	Amount int64 `json:"amount"`
}

// Handoff is the summary staff read when a conversation is handed to them: the
// summary's fields as the attachment shows them (which a client without the plugin
// renders, so the Markdown is the title only).
type Handoff struct {
	ConversationID string  `json:"conversation_id"`
	Customer       string  `json:"customer"`
	Title          string  `json:"title"`
	Fields         []Field `json:"fields"`
	Footer         string  `json:"footer,omitempty"`
}

// Field is one labelled value; Value is Markdown.
type Field struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short,omitempty"`
}

// HandoffOf is a handoff summary attachment as a card.
func HandoffOf(conversationID, customer string, att *model.MessageAttachment) Handoff {
	h := Handoff{ConversationID: conversationID, Customer: customer, Title: att.Title, Footer: att.Footer, Fields: []Field{}}
	for _, f := range att.Fields {
		v, _ := f.Value.(string)
		h.Fields = append(h.Fields, Field{Title: f.Title, Value: v, Short: bool(f.Short)})
	}
	return h
}

// CSAT is the rating card; Score is 0 until the customer rated.
type CSAT struct {
	ConversationID string `json:"conversation_id"`
	Score          int    `json:"score"`
}

// Kind picks the post type's kind: the first of kindOrder the view carries.
func (v *View) Kind() string {
	for _, k := range kindOrder {
		for _, c := range v.Cards {
			if c.Kind == k {
				return k
			}
		}
	}
	return ""
}

// Apply makes p show v: the post type of its main card, the prop, and the Markdown
// fallback as the message. A view without cards leaves p's type and props alone.
func Apply(p *model.Post, v View) {
	kind := v.Kind()
	if kind == "" {
		return
	}
	v.V = Version
	p.Type = TypePrefix + kind
	p.Message = Markdown(v)
	p.AddProp(Prop, plain(v))
}

// plain is v as decoded JSON (maps, slices, strings, float64): a post goes to the
// server over the plugin RPC (gob), which carries no types of ours.
func plain(v View) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil // cannot happen: View holds only strings, numbers, bools and slices
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

// FromPost reads the view a post carries; false when it has none of this version.
func FromPost(p *model.Post) (View, bool) {
	var v View
	raw := p.GetProp(Prop)
	if raw == nil {
		return v, false
	}
	b, err := json.Marshal(raw)
	if err != nil || json.Unmarshal(b, &v) != nil || v.V != Version {
		return View{}, false
	}
	return v, true
}

// ReplaceRefund puts r in place of the card with the same id; false if absent.
func (v *View) ReplaceRefund(r Refund) bool {
	for i, c := range v.Cards {
		if c.Refund != nil && c.Refund.ID == r.ID {
			v.Cards[i].Refund = &r
			return true
		}
	}
	return false
}
