package commerce

import (
	"context"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// ProtectionLine is one order line under price protection (SPEC §5 keys first).
// NowUnit is null for a sku gone from the catalog. Status says why a line gets what
// it gets: "refund", "no_drop", "sku_gone", "already_refunded", "order_not_eligible",
// "returned".
type ProtectionLine struct {
	SKUID    string      `json:"sku_id"`
	Qty      int64       `json:"qty"`
	PaidUnit shop.Money  `json:"paid_unit"`
	NowUnit  *shop.Money `json:"now_unit"`
	Refund   shop.Money  `json:"refund"`
	Status   string      `json:"status"`
	Title    string      `json:"title,omitempty"`
}

// Price-protection line statuses.
const (
	LineRefund          = "refund"
	LineNoDrop          = "no_drop"
	LineSKUGone         = "sku_gone"
	LineAlreadyRefunded = "already_refunded"
	LineRefundPending   = "refund_pending" // recorded, the shop's system has not confirmed it yet
	LineOrderIneligible = "order_not_eligible"
	LineReturned        = "returned" // the line alone was returned (a partial return)
)

// PriceProtection is the check_price_protection result. Eligible is false when the
// order itself is outside the rules (status, window, already returned); Reason and
// ReasonMsg then say why, and every line refunds 0. Message is ReasonMsg in the
// reader's words, set by the caller that shows the result (commerce leaves it empty).
type PriceProtection struct {
	OrderID     string           `json:"order_id"`
	Lines       []ProtectionLine `json:"lines"`
	RefundTotal shop.Money       `json:"refund_total"`
	Currency    string           `json:"currency"`
	Eligible    bool             `json:"eligible"`
	Reason      string           `json:"reason,omitempty"`
	Message     string           `json:"message,omitempty"`
	WindowEnds  *time.Time       `json:"window_ends,omitempty"`
	ReasonMsg   i18n.Msg         `json:"-"`
}

// protected: the statuses price protection covers.
func protected(status string) bool {
	return status == shop.StatusPaid || status == shop.StatusShipped || status == shop.StatusDelivered
}

// CheckPriceProtection computes, for the user's own order, refund = max(0, paid unit −
// the sku's unit price now after step 2) × qty per line, once per line: lines the
// ledger (or the order) already shows refunded get 0, a sku gone from the catalog
// gets 0. The window is windowDays × 24 h from paid_at and includes its last instant.
func CheckPriceProtection(ctx context.Context, snap *shop.Snapshot, user, orderID string, now time.Time,
	windowDays int, ledger Ledger) (*PriceProtection, error) {
	o, err := ownOrder(snap, user, orderID)
	if err != nil {
		return nil, err
	}
	pp := &PriceProtection{OrderID: o.ID, Lines: make([]ProtectionLine, 0, len(o.Items)),
		Currency: snap.Catalog.Currency, Eligible: true}
	rec, err := ledger.Get(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	returned := rec.Entry(KindReturn, "") != nil
	switch {
	case !protected(o.Status):
		pp.Reason, pp.ReasonMsg = ReasonStatus, i18n.M("commerce.pp.status", StatusMsg(o.Status))
	case returned:
		pp.Reason, pp.ReasonMsg = ReasonAlreadyRefunded, i18n.M("commerce.refund.already")
	case o.PaidAt == nil:
		pp.Reason, pp.ReasonMsg = ReasonNoPaidAt, i18n.M("commerce.pp.no_paid_at")
	default:
		end := o.PaidAt.Add(time.Duration(max(windowDays, 0)) * 24 * time.Hour)
		pp.WindowEnds = &end
		if now.After(end) {
			pp.Reason, pp.ReasonMsg = ReasonWindow, i18n.M("commerce.pp.window", windowDays, i18n.Deadline(end))
		}
	}
	pp.Eligible = pp.Reason == ""
	for _, it := range o.Items {
		l := ProtectionLine{SKUID: it.SKUID, Qty: it.Qty, PaidUnit: it.UnitPrice}
		if cur, ok := UnitPriceAt(snap, it.SKUID, now); ok {
			l.NowUnit = &cur
			if _, prod := snap.SKU(it.SKUID); prod != nil {
				l.Title = prod.Title
			}
		}
		entry := rec.Entry(KindPriceProtection, it.SKUID)
		switch {
		case !pp.Eligible:
			l.Status = LineOrderIneligible
		case lineReturned(rec, it):
			l.Status = LineReturned
		case l.NowUnit == nil:
			l.Status = LineSKUGone
		case entry != nil && entry.State != LedgerDone:
			l.Status = LineRefundPending
		case entry != nil || it.Refunded > 0:
			l.Status = LineAlreadyRefunded
		case *l.NowUnit >= it.UnitPrice:
			l.Status = LineNoDrop
		default:
			l.Status, l.Refund = LineRefund, satMul(it.UnitPrice-*l.NowUnit, it.Qty)
		}
		pp.Lines = append(pp.Lines, l)
		pp.RefundTotal = satAdd(pp.RefundTotal, l.Refund)
	}
	return pp, nil
}

// Offer is a refund the plugin may offer on a card: what offer_refund returns, less
// the card id the caller adds. Lines are set for price protection and for a return
// of some of the order's lines.
type Offer struct {
	OrderID  string       `json:"order_id"`
	Kind     string       `json:"kind"`
	Amount   shop.Money   `json:"amount"`
	Currency string       `json:"currency"`
	Lines    []RefundLine `json:"lines,omitempty"`
}

// Request turns an accepted offer into the request sent to the order backend.
func (o *Offer) Request(idempotencyKey, user, reason string) RefundRequest {
	return RefundRequest{IdempotencyKey: idempotencyKey, OrderID: o.OrderID, User: user, Kind: o.Kind,
		Lines: o.Lines, Amount: o.Amount, Currency: o.Currency, Reason: reason}
}

// OfferRefund computes the refund of a kind the user may be offered on their own
// order, or a *NotEligibleError whose Reason the caller explains (the policy) and
// whose Msg the caller words for the customer:
//   - deposit: an order in deposit_paid whose deposit is refundable → the deposit;
//   - price_protection: the CheckPriceProtection total, when above 0;
//   - return: a paid/shipped/delivered order → what was paid less price-protection
//     refunds already made (whether goods must come back first is the shop's policy).
//
// Each kind is refunded at most once per order (line, for price protection).
//
// skus, for a return only, are the order lines the customer returns ("只退剃须刀");
// none is the whole order (see returnOffer).
func OfferRefund(ctx context.Context, snap *shop.Snapshot, user, orderID, kind string, now time.Time,
	pol Policy, ledger Ledger, skus ...string) (*Offer, error) {
	o, err := ownOrder(snap, user, orderID)
	if err != nil {
		return nil, err
	}
	offer := &Offer{OrderID: o.ID, Kind: kind, Currency: snap.Catalog.Currency}
	refuse := func(reason string, why i18n.Msg) (*Offer, error) {
		return nil, &NotEligibleError{Reason: reason, Msg: why}
	}
	switch kind {
	case KindDeposit, KindReturn:
		rec, err := ledger.Get(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		if e := rec.Entry(kind, ""); e != nil && e.State != LedgerDone {
			return refuse(ReasonPending, i18n.M("commerce.refund.pending"))
		} else if e != nil || o.Status == shop.StatusRefunded {
			return refuse(ReasonAlreadyRefunded, i18n.M("commerce.refund.already"))
		}
		if kind == KindDeposit {
			switch {
			case o.Status != shop.StatusDepositPaid:
				return refuse(ReasonStatus, i18n.M("commerce.deposit.status", StatusMsg(o.Status)))
			case o.Deposit == nil || o.Deposit.Amount <= 0:
				return refuse(ReasonNoDeposit, i18n.M("commerce.deposit.none"))
			case !o.Deposit.Refundable:
				return refuse(ReasonNotRefundable, i18n.M("commerce.deposit.not_refundable", o.ID, FormatMoney(o.Deposit.Amount, snap.Catalog.Currency)))
			}
			offer.Amount = o.Deposit.Amount
			return offer, nil
		}
		if !protected(o.Status) {
			return refuse(ReasonStatus, i18n.M("commerce.return.status", StatusMsg(o.Status)))
		}
		if end, open := returnWindow(o, pol.ReturnDays, now); !open {
			return refuse(ReasonWindow, i18n.M("commerce.return.window", pol.ReturnDays, i18n.Deadline(end)))
		}
		if err := returnOffer(o, rec, skus, offer); err != nil {
			return nil, err
		}
		return offer, nil
	case KindPriceProtection:
		pp, err := CheckPriceProtection(ctx, snap, user, orderID, now, pol.ProtectionDays, ledger)
		if err != nil {
			return nil, err
		}
		if !pp.Eligible {
			return refuse(pp.Reason, pp.ReasonMsg)
		}
		if pp.RefundTotal <= 0 {
			return refuse(ReasonNothing, i18n.M("commerce.pp.nothing"))
		}
		for _, l := range pp.Lines {
			if l.Refund > 0 {
				offer.Lines = append(offer.Lines, RefundLine{SKUID: l.SKUID, Qty: l.Qty, Amount: l.Refund})
			}
		}
		offer.Amount = pp.RefundTotal
		return offer, nil
	}
	return refuse(ReasonKind, i18n.M("commerce.refund.kind", kind))
}

// Policy is the shop's refund rules that come from settings.
type Policy struct {
	ProtectionDays int // price protection window from paid_at
	ReturnDays     int // return window from delivery
}

// returnWindow: an order not yet delivered can always be returned (refused or sent
// back on arrival); a delivered one within days × 24 h of its delivery (paid_at when
// the shop gave no delivery time), the last instant included.
func returnWindow(o *shop.Order, days int, now time.Time) (time.Time, bool) {
	if o.Status != shop.StatusDelivered {
		return time.Time{}, true
	}
	from := o.DeliveredAt
	if from == nil {
		from = o.PaidAt
	}
	if from == nil {
		return time.Time{}, false
	}
	end := from.Add(time.Duration(max(days, 0)) * 24 * time.Hour)
	return end, !now.After(end)
}

// DecideApproval reports whether a refund needs a staff approval: iff the amount is
// above the auto-approve limit (a refund equal to the limit is auto-approved).
func DecideApproval(amount, limit shop.Money) bool { return amount > limit }
