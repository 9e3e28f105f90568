package commerce

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of a refund call to the shop's own order system (docs/order-backend.md).
const (
	SignatureHeader   = "X-Concierge-Signature"
	IdempotencyHeader = "Idempotency-Key"
)

// HTTPBackend refunds through the shop's own order system: it POSTs the
// RefundRequest as JSON to URL, signed with HMAC-SHA256 of the body under Secret.
//
// Only an explicit refusal — 400, 403, 404, 422, or a 2xx whose body says
// "status":"refused" — means no money moved. Everything else that is not a
// confirmation (network errors, timeouts, 408, 409, 425, 429, other 4xx, 5xx, a
// redirect) leaves the outcome unknown: the transient ones are retried with
// exponential backoff under the same Idempotency-Key, and the last error is not
// permanent, so the caller keeps the refund pending and retries it later. Redirects
// are never followed: the signed body goes to the configured URL only.
type HTTPBackend struct {
	URL    string
	Secret string
	// Client defaults to a plain http.Client; Timeout bounds each attempt (default 10 s).
	Client  *http.Client
	Timeout time.Duration
	// Attempts is the number of tries in all (default 4); Backoff the first wait
	// between them (default 500 ms), doubled each time up to 8 s.
	Attempts int
	Backoff  time.Duration
}

// maxResponse bounds what is read of the shop's answer.
const maxResponse = 1 << 20

// Sign is the X-Concierge-Signature value of a body: "sha256=" + hex HMAC-SHA256.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature checks a signature header in constant time (for receivers and tests).
func VerifySignature(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(strings.TrimSpace(header)))
}

func (h *HTTPBackend) Refund(ctx context.Context, req RefundRequest) (*RefundResult, error) {
	if h.URL == "" || h.Secret == "" {
		return nil, &BackendError{Message: "order backend URL or secret not configured", Permanent: true}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode refund request: %w", err)
	}
	attempts := h.Attempts
	if attempts <= 0 {
		attempts = 4
	}
	wait := h.Backoff
	if wait <= 0 {
		wait = 500 * time.Millisecond
	}
	var last error
	for try := 1; ; try++ {
		res, err := h.post(ctx, req.IdempotencyKey, body)
		if err == nil || IsPermanent(err) {
			return res, err
		}
		last = err
		if try >= attempts {
			break
		}
		if !retryable(err) {
			break
		}
		pause := wait
		if ra := retryAfter(err); ra > 0 {
			pause = min(ra, 8*time.Second)
		}
		select {
		case <-ctx.Done():
			return nil, &BackendError{Message: fmt.Sprintf("%v (after %d attempts: %v)", ctx.Err(), try, last)}
		case <-time.After(pause):
		}
		wait = min(wait*2, 8*time.Second)
	}
	return nil, fmt.Errorf("refund %s not confirmed: %w", req.IdempotencyKey, last)
}

// retryable: answers that may turn out differently a moment later. A redirect or an
// unexpected 4xx will not; it stays unknown for the reconciliation and staff.
func retryable(err error) bool {
	var be *BackendError
	if !errors.As(err, &be) {
		return true
	}
	switch c := be.StatusCode; {
	case c == 0, c >= 500, c == http.StatusRequestTimeout, c == http.StatusConflict,
		c == http.StatusTooEarly, c == http.StatusTooManyRequests:
		return true
	}
	return false
}

func retryAfter(err error) time.Duration {
	var be *BackendError
	if errors.As(err, &be) {
		return be.RetryAfter
	}
	return 0
}

// refusalStatus: the HTTP statuses that are the shop's explicit "no".
func refusalStatus(code int) bool {
	switch code {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

// noRedirects makes a client that returns a redirect as it is instead of following it.
func noRedirects(c *http.Client) *http.Client {
	cc := *c
	cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cc
}

// post makes one attempt. Its error is a *BackendError, permanent for a 4xx.
func (h *HTTPBackend) post(ctx context.Context, key string, body []byte) (*RefundResult, error) {
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return nil, &BackendError{Message: "bad order backend URL: " + err.Error(), Permanent: true}
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("User-Agent", "concierge-mattermost-plugin")
	hreq.Header.Set(SignatureHeader, Sign(h.Secret, body))
	hreq.Header.Set(IdempotencyHeader, key)
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := noRedirects(client).Do(hreq)
	if err != nil {
		return nil, &BackendError{Message: err.Error()}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, &BackendError{StatusCode: resp.StatusCode, Message: "reading the answer: " + err.Error()}
	}
	var answer struct {
		RefundResult
		Error string `json:"error"`
	}
	decodeErr := json.Unmarshal(data, &answer)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		if decodeErr == nil && answer.Status == RefundRefused {
			return nil, &BackendError{StatusCode: resp.StatusCode, Message: errorText(answer.Error+answer.Message, data), Permanent: true}
		}
		if decodeErr != nil || (answer.Status != RefundDone && answer.Status != RefundPending) {
			// The shop took the request; we cannot tell more, so it counts as pending.
			answer.Status = RefundPending
		}
		return &answer.RefundResult, nil
	case refusalStatus(resp.StatusCode):
		return nil, &BackendError{StatusCode: resp.StatusCode, Message: errorText(answer.Error, data), Permanent: true}
	default:
		be := &BackendError{StatusCode: resp.StatusCode, Message: errorText(answer.Error, data)}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			be.RetryAfter = time.Duration(secs) * time.Second
		}
		return nil, be
	}
}

// errorText is the shop's {"error"} message, else the start of its body.
func errorText(msg string, body []byte) string {
	if msg != "" {
		return msg
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	if s == "" {
		return "no message"
	}
	return s
}

var _ OrderBackend = (*HTTPBackend)(nil)
var _ OrderBackend = BuiltIn{}
