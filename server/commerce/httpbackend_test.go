package commerce

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

const testSecret = "s3cret"

// shopServer is the shop's order system as the connector sees it: it verifies the
// signature, remembers refunds by idempotency key and answers with a script of
// status codes (then 200).
type shopServer struct {
	mu      sync.Mutex
	script  []int
	calls   int
	keys    []string
	bodies  []string
	refunds map[string]string // idempotency key → reference
	delay   time.Duration
}

func (s *shopServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.calls++
	call := s.calls
	key := r.Header.Get(IdempotencyHeader)
	s.keys = append(s.keys, key)
	s.bodies = append(s.bodies, string(body))
	code := http.StatusOK
	if call <= len(s.script) {
		code = s.script[call-1]
	}
	delay := s.delay
	s.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" ||
		!VerifySignature(testSecret, body, r.Header.Get(SignatureHeader)) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"bad signature"}`))
		return
	}
	var req RefundRequest
	if err := json.Unmarshal(body, &req); err != nil || req.IdempotencyKey != key {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"bad body"}`))
		return
	}
	if code != http.StatusOK {
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"error":"scripted failure"}`))
		return
	}
	s.mu.Lock()
	ref, seen := s.refunds[key]
	if !seen { // idempotent: a repeated key gets the first answer, money moves once
		ref = "R-" + key
		s.refunds[key] = ref
	}
	s.mu.Unlock()
	_ = json.NewEncoder(w).Encode(RefundResult{Status: RefundDone, Reference: ref})
}

func newShop(t *testing.T, script ...int) (*shopServer, *HTTPBackend) {
	s := &shopServer{script: script, refunds: map[string]string{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, &HTTPBackend{URL: srv.URL, Secret: testSecret, Backoff: time.Millisecond, Attempts: 4}
}

func TestHTTPBackendSignedRequest(t *testing.T) {
	s, b := newShop(t)
	req := depositReq("card-1")
	res, err := b.Refund(context.Background(), req)
	if err != nil || res.Status != RefundDone || res.Reference != "R-card-1" {
		t.Fatalf("got %+v, %v", res, err)
	}
	var sent RefundRequest
	_ = json.Unmarshal([]byte(s.bodies[0]), &sent)
	if sent.OrderID != "O-2" || sent.Kind != KindDeposit || sent.Amount != 5000 || sent.User != "alice" {
		t.Errorf("body %s", s.bodies[0])
	}
	for _, key := range []string{`"idempotency_key"`, `"order_id"`, `"user"`, `"kind"`, `"amount"`} {
		if !strings.Contains(s.bodies[0], key) {
			t.Errorf("body %s lacks %s", s.bodies[0], key)
		}
	}
	// A wrong secret is caught by the shop: 401, not retried.
	b.Secret = "wrong"
	if _, err := b.Refund(context.Background(), req); !IsPermanent(err) || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong secret: %v", err)
	}
	if s.calls != 2 {
		t.Errorf("%d calls, want 2", s.calls)
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"a":1}`)
	sig := Sign("key", body)
	// HMAC-SHA256("key", `{"a":1}`), computed independently (openssl dgst -sha256 -hmac key).
	if sig != "sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342" {
		t.Fatalf("Sign = %s", sig)
	}
	if !VerifySignature("key", body, sig) || VerifySignature("key", []byte(`{"a":2}`), sig) || VerifySignature("other", body, sig) {
		t.Error("signature verified for another body or key")
	}
}

func TestHTTPBackendRetries(t *testing.T) {
	s, b := newShop(t, 500, 503)
	res, err := b.Refund(context.Background(), depositReq("card-1"))
	if err != nil || res.Reference != "R-card-1" {
		t.Fatalf("got %+v, %v", res, err)
	}
	if s.calls != 3 {
		t.Fatalf("%d calls, want 3", s.calls)
	}
	for i, k := range s.keys {
		if k != "card-1" || s.bodies[i] != s.bodies[0] {
			t.Errorf("attempt %d: key %q body %s", i, k, s.bodies[i])
		}
	}
}

func TestHTTPBackendGivesUp(t *testing.T) {
	s, b := newShop(t, 502, 502, 502, 502, 502)
	_, err := b.Refund(context.Background(), depositReq("card-1"))
	var be *BackendError
	if err == nil || IsPermanent(err) || !errors.As(err, &be) || be.StatusCode != 502 {
		t.Fatalf("err = %v, want a transient 502", err)
	}
	if s.calls != 4 {
		t.Errorf("%d calls, want 4 attempts", s.calls)
	}
}

func TestHTTPBackend4xxNotRetried(t *testing.T) {
	s, b := newShop(t, 409)
	_, err := b.Refund(context.Background(), depositReq("card-1"))
	if !IsPermanent(err) || !strings.Contains(err.Error(), "scripted failure") {
		t.Fatalf("err = %v", err)
	}
	if s.calls != 1 {
		t.Errorf("%d calls, want 1", s.calls)
	}
}

func TestHTTPBackendTimeoutRetried(t *testing.T) {
	s, b := newShop(t)
	s.delay = 300 * time.Millisecond
	b.Timeout, b.Attempts = 30*time.Millisecond, 2
	_, err := b.Refund(context.Background(), depositReq("card-1"))
	if err == nil || IsPermanent(err) {
		t.Fatalf("err = %v, want a transient timeout", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls != 2 {
		t.Errorf("%d calls, want 2", s.calls)
	}
}

func TestHTTPBackendOddAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("OK"))
	}))
	defer srv.Close()
	b := &HTTPBackend{URL: srv.URL, Secret: testSecret}
	res, err := b.Refund(context.Background(), depositReq("k"))
	if err != nil || res.Status != RefundPending {
		t.Errorf("2xx without JSON: %+v, %v; want pending", res, err)
	}
	if _, err := (&HTTPBackend{}).Refund(context.Background(), depositReq("k")); !IsPermanent(err) {
		t.Errorf("unconfigured: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	slow := &HTTPBackend{URL: "http://127.0.0.1:1", Secret: "x", Backoff: time.Hour}
	if _, err := slow.Refund(ctx, depositReq("k")); err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled context: %v after %v", err, time.Since(start))
	}
}

// Through ExecuteRefund: a 5xx burst is retried under one key, the money moves once,
// and a later card for the same deposit never reaches the shop.
func TestHTTPBackendWithLedger(t *testing.T) {
	ctx := context.Background()
	s, b := newShop(t, 503)
	ledger := Ledger{KV: store.NewMemory()}
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), testAt); err != nil {
		t.Fatal(err)
	}
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-2"), testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Fatalf("second card: %v", err)
	}
	if s.calls != 2 || len(s.refunds) != 1 {
		t.Errorf("%d calls, %d refunds; want 2 and 1", s.calls, len(s.refunds))
	}
	s2, refusing := newShop(t, 422)
	ledger2 := Ledger{KV: store.NewMemory()}
	if _, err := ExecuteRefund(ctx, ledger2, refusing, depositReq("card-3"), testAt); !IsPermanent(err) {
		t.Fatalf("refusal: %v", err)
	}
	if has, _ := ledger2.Has(ctx, "O-2", KindDeposit, ""); has || s2.calls != 1 {
		t.Errorf("refused refund left in ledger (%v) or retried (%d calls)", has, s2.calls)
	}
}
