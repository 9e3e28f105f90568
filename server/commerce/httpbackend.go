package commerce

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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
// Network errors, timeouts and 5xx are retried with exponential backoff under the
// same Idempotency-Key; a 4xx is the shop's refusal and is not retried.
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
		select {
		case <-ctx.Done():
			return nil, &BackendError{Message: fmt.Sprintf("%v (after %d attempts: %v)", ctx.Err(), try, last)}
		case <-time.After(wait):
		}
		wait = min(wait*2, 8*time.Second)
	}
	return nil, fmt.Errorf("after %d attempts: %w", attempts, last)
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
	resp, err := client.Do(hreq)
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
		if decodeErr != nil || (answer.Status != RefundDone && answer.Status != RefundPending) {
			// The shop took the request; we cannot tell more, so it counts as pending.
			answer.Status = RefundPending
		}
		return &answer.RefundResult, nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return nil, &BackendError{StatusCode: resp.StatusCode, Message: errorText(answer.Error, data), Permanent: true}
	default:
		return nil, &BackendError{StatusCode: resp.StatusCode, Message: errorText(answer.Error, data)}
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
