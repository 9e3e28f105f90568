package commerce

import "errors"

// The error types below are what callers switch on: the HTTP layer turns an
// *InputError into 400, the tools turn any of them into {"error": Message}. Each
// Message is already in the customer's language; Error() is the same text so that a
// wrapped error still reads well in a log.

// InputError is a bad quote request, located by a JSON path such as items[1].qty.
type InputError struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// NotFoundError: an order or product that does not exist — or, for an order, that
// belongs to someone else. The two cases are indistinguishable on purpose.
type NotFoundError struct {
	Kind    string `json:"kind"` // "order" or "product"
	ID      string `json:"id"`
	Message string `json:"message"`
}

func (e *NotFoundError) Error() string { return e.Message }

// NotEligibleError: the asked refund is not allowed. Reason is a stable code the
// caller may act on (e.g. offer staff for "not_refundable"); Message explains it.
type NotEligibleError struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

func (e *NotEligibleError) Error() string { return e.Message }

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
)

// SizeError: no size can be recommended, and why. The tool never guesses instead.
type SizeError struct {
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

func (e *SizeError) Error() string { return e.Message }

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
