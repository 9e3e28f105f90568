package commerce

import (
	"errors"

	"github.com/concierge-shop/concierge/server/i18n"
)

// The error types below are what callers switch on: the HTTP layer turns an
// *InputError into 400, the tools turn any of them into {"error": text}. Each embeds
// the sentence for the customer as an i18n.Msg (so each is an i18n.Texter), worded
// by the caller in the customer's language; Error() words it in English, for logs.

// InputError is a bad quote request, located by a JSON path such as items[1].qty.
type InputError struct {
	Path string
	i18n.Msg
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return e.In(i18n.EN)
	}
	return e.Path + ": " + e.In(i18n.EN)
}

// NotFoundError: an order or product that does not exist — or, for an order, that
// belongs to someone else. The two cases are indistinguishable on purpose.
type NotFoundError struct {
	Kind string // "order" or "product"
	ID   string
	i18n.Msg
}

func (e *NotFoundError) Error() string { return e.In(i18n.EN) }

// NotEligibleError: the asked refund is not allowed. Reason is a stable code the
// caller may act on (e.g. offer staff for "not_refundable"); the Msg explains it.
type NotEligibleError struct {
	Reason string
	i18n.Msg
}

func (e *NotEligibleError) Error() string { return e.In(i18n.EN) }

// Refusal reasons of NotEligibleError.
const (
	ReasonStatus          = "status"           // the order's status does not allow it
	ReasonNoDeposit       = "no_deposit"       // deposit refund of an order without one
	ReasonNotRefundable   = "not_refundable"   // the deposit is not refundable (policy)
	ReasonAlreadyRefunded = "already_refunded" // the ledger already has it
	ReasonPending         = "refund_pending"   // recorded, not yet confirmed by the shop's system
	ReasonNothing         = "nothing_to_refund"
	ReasonNoPaidAt        = "no_paid_at" // price protection without a payment time
	ReasonWindow          = "window_passed"
	ReasonKind            = "unknown_kind"
	ReasonNoLine          = "no_such_line" // a return of a line the order does not have
)

// SizeError: no size can be recommended, and why. The tool never guesses instead.
type SizeError struct {
	Reason string
	i18n.Msg
}

func (e *SizeError) Error() string { return e.In(i18n.EN) }

// Size refusal reasons.
const (
	SizeNoChart          = "no_chart"
	SizeUnknownReference = "unknown_reference_size"
	SizeSystemMismatch   = "system_mismatch"
	SizeNothingLong      = "nothing_long_enough"
)

// ErrAlreadyRefunded is matched (errors.Is) by a ledger entry that already exists
// under another idempotency key: the money was, or is being, refunded already.
var ErrAlreadyRefunded = errors.New("commerce: already refunded")
