package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies a failure for the caller's fallback decision.
type Kind string

// Failure kinds.
const (
	// KindCanceled: the caller's context was canceled (a newer message made the
	// reply stale). Not the model's fault; errors.Is(err, context.Canceled) holds.
	KindCanceled Kind = "canceled"
	// KindTimeout: no first token in time, a stall mid-stream, the whole-request
	// bound, the caller's deadline, or an HTTP 408/504.
	KindTimeout Kind = "timeout"
	// KindUnavailable: the endpoint cannot be reached, answered 5xx, reported an
	// error in the stream, or no endpoint is configured.
	KindUnavailable Kind = "unavailable"
	// KindAuth: HTTP 401/403 (a wrong or missing key).
	KindAuth Kind = "auth"
	// KindRateLimit: HTTP 429 or a quota error.
	KindRateLimit Kind = "rate_limit"
	// KindBadRequest: the endpoint rejected the request (unknown model, context
	// too long, bad schema, bad base URL): retrying the same request will not help.
	KindBadRequest Kind = "bad_request"
	// KindBadResponse: the endpoint answered something that is not a complete
	// chat completion stream (malformed chunk, stream cut short, too large).
	KindBadResponse Kind = "bad_response"
)

// Error is every error this package returns. Its text never holds the API key.
type Error struct {
	Kind    Kind
	Status  int    // HTTP status when the endpoint answered with one, else 0
	Message string // redacted detail
	causes  []error
}

func (e *Error) Error() string {
	s := "llm: " + string(e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap exposes only context errors (context.Canceled, context.DeadlineExceeded
// and a caller's cancel cause): whatever else went wrong may quote the key, so
// it is kept as redacted text in Message rather than as an error chain.
func (e *Error) Unwrap() []error { return e.causes }

// Retryable reports whether the same request may succeed a little later.
func (e *Error) Retryable() bool {
	switch e.Kind {
	case KindTimeout, KindUnavailable, KindRateLimit:
		return true
	}
	return false
}

// KindOf returns the Kind of an *Error in err's chain, or "" for other errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// kindForStatus maps an HTTP status of a failed request.
func kindForStatus(status int) Kind {
	switch {
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return KindAuth
	case status == http.StatusTooManyRequests:
		return KindRateLimit
	case status == http.StatusRequestTimeout, status == http.StatusGatewayTimeout:
		return KindTimeout
	case status >= 500:
		return KindUnavailable
	case status >= 400:
		return KindBadRequest
	}
	return KindBadResponse
}

// Causes of our own cancellations, told apart from the caller's.
var (
	errFirstToken = errors.New("no first token in time")
	errIdle       = errors.New("stream stalled")
	errWhole      = errors.New("request took too long")
	errClosed     = errors.New("stream closed")
)

// ctxError classifies a request whose context ended; ok is false while the
// context is still live (the failure has another reason).
func ctxError(ctx context.Context, cfg Config) (*Error, bool) {
	cause := context.Cause(ctx)
	if cause == nil {
		return nil, false
	}
	switch {
	case errors.Is(cause, errFirstToken):
		return &Error{Kind: KindTimeout, Message: "no first token within " + cfg.FirstTokenTimeout.String(),
			causes: []error{context.DeadlineExceeded}}, true
	case errors.Is(cause, errIdle):
		return &Error{Kind: KindTimeout, Message: "stream stalled for " + cfg.IdleTimeout.String(),
			causes: []error{context.DeadlineExceeded}}, true
	case errors.Is(cause, errWhole):
		return &Error{Kind: KindTimeout, Message: "request took longer than " + cfg.Timeout.String(),
			causes: []error{context.DeadlineExceeded}}, true
	case errors.Is(cause, errClosed):
		return &Error{Kind: KindCanceled, Message: "stream closed", causes: []error{context.Canceled}}, true
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		// The caller's own deadline.
		return &Error{Kind: KindTimeout, Message: "deadline exceeded", causes: causesOf(context.DeadlineExceeded, cause)}, true
	}
	return &Error{Kind: KindCanceled, Message: "canceled", causes: causesOf(context.Canceled, cause)}, true
}

// causesOf keeps the caller's own cause beside the context sentinel, so that both
// errors.Is(err, context.Canceled) and errors.Is(err, theirCause) hold.
func causesOf(sentinel, cause error) []error {
	if cause == nil || cause == sentinel {
		return []error{sentinel}
	}
	return []error{sentinel, cause}
}
