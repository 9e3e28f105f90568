package commerce

import (
	"slices"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// A return takes back whole order lines: every line (the order), or the lines the
// customer names ("只退剃须刀，刀头留着"). A partial return is recorded line by line
// in the ledger, as price protection is, so that a line is returned at most once, a
// returned line gets no price protection, and the rest of the order can still be
// returned later; asking to return the order after some of its lines were returned
// offers the lines still kept.

// returnOffer sets offer's amount (and lines, for a partial return) for returning
// the lines of skus (none: every line not yet returned). Each line pays back what it
// cost less the price protection it already got.
func returnOffer(o *shop.Order, rec RefundRecord, skus []string, offer *Offer) error {
	refuse := func(reason string, why i18n.Msg) error { return &NotEligibleError{Reason: reason, Msg: why} }
	var chosen []shop.Item
	partial := false
	for _, it := range o.Items {
		named := len(skus) == 0 || slices.Contains(skus, it.SKUID)
		switch {
		case !named:
			partial = true
		case lineReturned(rec, it):
			if e := rec.Entry(KindReturn, it.SKUID); e != nil && e.State != LedgerDone {
				return refuse(ReasonPending, i18n.M("commerce.refund.pending"))
			}
			if len(skus) > 0 {
				return refuse(ReasonAlreadyRefunded, i18n.M("commerce.refund.already"))
			}
			partial = true
		default:
			chosen = append(chosen, it)
		}
	}
	for _, sku := range skus {
		if !slices.ContainsFunc(o.Items, func(it shop.Item) bool { return it.SKUID == sku }) {
			return refuse(ReasonNoLine, i18n.M("commerce.return.no_line", o.ID))
		}
	}
	for _, it := range chosen {
		back := lineCost(it) - protectionBack(rec, it)
		if back <= 0 {
			continue
		}
		offer.Amount = satAdd(offer.Amount, back)
		if partial {
			offer.Lines = append(offer.Lines, RefundLine{SKUID: it.SKUID, Qty: it.Qty, Amount: back})
		}
	}
	if offer.Amount <= 0 {
		return refuse(ReasonNothing, i18n.M("commerce.return.nothing"))
	}
	return nil
}

// ReturnedSKUs are the lines a partial return takes back (nil for any other
// offer): the skus to offer it again with.
func (o *Offer) ReturnedSKUs() []string {
	if o.Kind != KindReturn {
		return nil
	}
	var out []string
	for _, l := range o.Lines {
		out = append(out, l.SKUID)
	}
	return out
}

// lineReturned: the line alone was returned, in the ledger or (by the built-in
// backend) on the order.
func lineReturned(rec RefundRecord, it shop.Item) bool {
	return it.Returned || rec.Entry(KindReturn, it.SKUID) != nil
}

func lineCost(it shop.Item) shop.Money { return satMul(it.UnitPrice, it.Qty) }

// protectionBack is what price protection paid back (or is paying back) on the
// line: in the ledger, or marked on the order by the built-in backend.
func protectionBack(rec RefundRecord, it shop.Item) shop.Money {
	back := it.Refunded
	if e := rec.Entry(KindPriceProtection, it.SKUID); e != nil {
		back = max(back, e.Amount)
	}
	return back
}

// returnedLines counts the ledger's line-by-line return entries.
func returnedLines(rec RefundRecord) int {
	n := 0
	for _, e := range rec.Entries {
		if e.Kind == KindReturn && e.SKUID != "" {
			n++
		}
	}
	return n
}
