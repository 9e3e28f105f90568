// Package commerce is the money engine: the final price of a cart (SPEC §4), a
// customer's own orders, size advice, price protection and refunds (the ledger that
// makes each refund happen at most once, and the backends that move the money).
// It computes on a *shop.Snapshot and knows nothing of Mattermost, HTTP handlers or
// conversations; the agent's tools and the API call it.
package commerce

import (
	"fmt"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// CartLine is one (sku, qty) pair of a quote request.
type CartLine struct {
	SKUID string `json:"sku_id"`
	Qty   int64  `json:"qty"`
}

// QuoteRequest is a cart for one customer at one moment (zero At = now).
type QuoteRequest struct {
	Items  []CartLine `json:"items"`
	Coupon string     `json:"coupon,omitempty"`
	At     time.Time  `json:"at"`
}

// Quote is the /quote answer (SPEC §6) and the quote_price tool result (§5).
type Quote struct {
	Currency string      `json:"currency"`
	Lines    []QuoteLine `json:"lines"`
	Steps    []Step      `json:"steps"`
	// Notes are NoteMsgs in the reader's words, set by the caller that shows the
	// quote (commerce leaves them empty).
	Notes    []string   `json:"notes"`
	Total    shop.Money `json:"total"`
	NoteMsgs []i18n.Msg `json:"-"`
}

// QuoteLine is one merged cart line: List is price × qty, Final what is left after
// every step. Title and UnitPrice are extras for people reading the quote.
type QuoteLine struct {
	SKUID     string     `json:"sku_id"`
	Qty       int64      `json:"qty"`
	List      shop.Money `json:"list"`
	Final     shop.Money `json:"final"`
	Title     string     `json:"title,omitempty"`
	UnitPrice shop.Money `json:"unit_price"`
}

// Step is what one promotion (or the coupon) took off the cart, summed over its lines.
// Kind is the promotion type or "coupon"; ID is the promotion id or coupon code.
type Step struct {
	Kind  string     `json:"kind"`
	ID    string     `json:"id"`
	Off   shop.Money `json:"off"`
	Title string     `json:"title,omitempty"`
}

// KindCoupon is the Step kind of a coupon.
const KindCoupon = "coupon"

// maxCartAmount bounds the list sum of a cart (10¹³ yuan): far above any real cart,
// and low enough that every later sum and percentage stays inside int64.
const maxCartAmount shop.Money = 1_000_000_000_000_000

// pricedLine is a cart line while it goes through the steps.
type pricedLine struct {
	sku  *shop.SKU
	prod *shop.Product
	qty  int64
	list shop.Money
	amt  shop.Money // after the steps applied so far; never below 0
}

type pricer struct {
	lines  []pricedLine
	promos []shop.Promotion // active at the quote's moment, in document order
	at     time.Time
	cur    string
	steps  []Step
	notes  []i18n.Msg
}

// Price quotes a cart for user (tier and coupons from /orders; unknown = none) with
// the SPEC §4 steps: list, item promotion, spend-and-save, coupon, membership,
// subsidy. Bad input is an *InputError (HTTP 400); the notes are NoteMsgs.
func Price(snap *shop.Snapshot, user string, req QuoteRequest) (*Quote, error) {
	lines, err := cartLines(snap, req.Items)
	if err != nil {
		return nil, err
	}
	at := req.At
	if at.IsZero() {
		at = time.Now()
	}
	p := &pricer{lines: lines, promos: activePromotions(snap, at), at: at,
		cur: snap.Catalog.Currency, steps: []Step{}, notes: []i18n.Msg{}}
	cust := snap.Customer(user)

	p.stockNotes()
	p.itemDiscounts()
	p.spendSave()
	p.coupon(cust, strings.TrimSpace(req.Coupon))
	p.membership(cust)
	p.subsidy()

	q := &Quote{Currency: p.cur, Lines: make([]QuoteLine, len(p.lines)), Steps: p.steps, Notes: []string{}, NoteMsgs: p.notes}
	for i, l := range p.lines {
		q.Lines[i] = QuoteLine{SKUID: l.sku.ID, Qty: l.qty, List: l.list, Final: l.amt,
			Title: l.prod.Title, UnitPrice: l.sku.Price}
		q.Total += l.amt
	}
	return q, nil
}

// cartLines validates the cart and merges repeated skus into the first position.
func cartLines(snap *shop.Snapshot, items []CartLine) ([]pricedLine, error) {
	if len(items) == 0 {
		return nil, &InputError{Path: "items", Msg: i18n.M("commerce.in.empty")}
	}
	var lines []pricedLine
	pos := map[string]int{}
	var total shop.Money
	for i, it := range items {
		path := fmt.Sprintf("items[%d]", i)
		id := strings.TrimSpace(it.SKUID)
		if id == "" {
			return nil, &InputError{Path: path + ".sku_id", Msg: i18n.M("commerce.in.sku")}
		}
		sku, prod := snap.SKU(id)
		if sku == nil {
			return nil, &InputError{Path: path + ".sku_id", Msg: i18n.M("commerce.in.unknown", id)}
		}
		if it.Qty < 1 {
			return nil, &InputError{Path: path + ".qty", Msg: i18n.M("commerce.in.qty")}
		}
		k, seen := pos[id]
		if !seen {
			k = len(lines)
			pos[id] = k
			lines = append(lines, pricedLine{sku: sku, prod: prod})
		}
		l := &lines[k]
		total -= l.list
		l.qty = satAdd(l.qty, it.Qty)
		l.list = satMul(max(sku.Price, 0), l.qty)
		total = satAdd(total, l.list)
		if total > maxCartAmount {
			return nil, &InputError{Path: path + ".qty", Msg: i18n.M("commerce.in.too_large")}
		}
		l.amt = l.list
	}
	return lines, nil
}

// activePromotions keeps the promotions with starts ≤ at < ends, in document order.
func activePromotions(snap *shop.Snapshot, at time.Time) []shop.Promotion {
	var out []shop.Promotion
	for _, pr := range snap.Catalog.Promotions {
		if pr.ActiveAt(at) {
			out = append(out, pr)
		}
	}
	return out
}

// stockNotes: stock never changes a price, but the customer should know.
func (p *pricer) stockNotes() {
	for _, l := range p.lines {
		label := skuLabel(l.sku, l.prod)
		switch {
		case l.sku.Stock <= 0:
			p.notes = append(p.notes, i18n.M("commerce.note.out_of_stock", label))
		case int64(l.sku.Stock) < l.qty:
			p.notes = append(p.notes, i18n.M("commerce.note.low_stock", label, l.sku.Stock, l.qty))
		}
	}
}

// addStep records what one promotion took off, if anything.
func (p *pricer) addStep(kind, id, title string, off shop.Money) {
	if off > 0 {
		p.steps = append(p.steps, Step{Kind: kind, ID: id, Off: off, Title: title})
	}
}

// total is the cart sum after the steps applied so far.
func (p *pricer) total() shop.Money {
	var s shop.Money
	for _, l := range p.lines {
		s += l.amt
	}
	return s
}
