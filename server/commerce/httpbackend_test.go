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
	"testing/synctest"
	"time"

	"github.com/concierge-shop/concierge/server/internal/pipehttp"
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
	// abandoned counts the delayed requests whose client hung up before the answer.
	abandoned int
	// refundFirst: the shop moves the money, then answers with the scripted code
	// (a gateway timeout, its own "still in progress" 409): the ambiguous case.
	refundFirst bool
	// refusal answers 200 with {"status":"refused"} instead of refunding.
	refusal bool
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
			s.mu.Lock()
			s.abandoned++
			s.mu.Unlock()
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
	if s.refusal {
		_, _ = w.Write([]byte(`{"status":"refused","error":"order already closed"}`))
		return
	}
	if code != http.StatusOK && !s.refundFirst {
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
	if code != http.StatusOK {
		w.WriteHeader(code)
		_, _ = w.Write([]byte(`{"error":"scripted failure after refunding"}`))
		return
	}
	_ = json.NewEncoder(w).Encode(RefundResult{Status: RefundDone, Reference: ref})
}

func newShop(t *testing.T, script ...int) (*shopServer, *HTTPBackend) {
	s := &shopServer{script: script, refunds: map[string]string{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, &HTTPBackend{URL: srv.URL, Secret: testSecret, Backoff: time.Millisecond, Attempts: 4}
}

// newPipeShop is newShop over in-memory pipes, for the tests of timing: called
// inside a synctest bubble, the backend's timeouts and backoff run on the bubble's
// virtual clock, so they take no real time and their outcome is exact.
func newPipeShop(t *testing.T, script ...int) (*shopServer, *HTTPBackend) {
	s := &shopServer{script: script, refunds: map[string]string{}}
	srv := pipehttp.Start(s)
	t.Cleanup(srv.Close) // inside the bubble: the server's goroutines end in it
	return s, &HTTPBackend{URL: "http://shop.pipe/refund", Secret: testSecret, Client: srv.Client(),
		Backoff: time.Millisecond, Attempts: 4}
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
	// A wrong secret is caught by the shop: 401, not retried, and not taken as the
	// shop's refusal of the refund (only staff can tell what happened).
	b.Secret = "wrong"
	if _, err := b.Refund(context.Background(), req); err == nil || IsPermanent(err) || !strings.Contains(err.Error(), "401") {
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

// Only the shop's explicit "no" is a refusal: 400/403/404/422 or a refusal in the body.
func TestHTTPBackendExplicitRefusals(t *testing.T) {
	for _, code := range []int{400, 403, 404, 422} {
		s, b := newShop(t, code)
		_, err := b.Refund(context.Background(), depositReq("card-1"))
		if !IsPermanent(err) || !strings.Contains(err.Error(), "scripted failure") {
			t.Fatalf("%d: err = %v", code, err)
		}
		if s.calls != 1 {
			t.Errorf("%d: %d calls, want 1", code, s.calls)
		}
	}
	s, b := newShop(t)
	s.refusal = true
	if _, err := b.Refund(context.Background(), depositReq("card-1")); !IsPermanent(err) || !strings.Contains(err.Error(), "order already closed") {
		t.Fatalf("refusal in the body: %v", err)
	}
}

// Issue #14.2: every other answer leaves the outcome unknown — the shop may have
// refunded — and the transient ones are retried under the same key.
func TestHTTPBackendAmbiguousAnswers(t *testing.T) {
	cases := []struct {
		code  int
		calls int
	}{{408, 4}, {409, 4}, {425, 4}, {429, 4}, {500, 4}, {401, 1}, {405, 1}, {410, 1}}
	for _, tc := range cases {
		s, b := newShop(t, tc.code, tc.code, tc.code, tc.code)
		s.refundFirst = true
		_, err := b.Refund(context.Background(), depositReq("card-1"))
		var be *BackendError
		if err == nil || IsPermanent(err) || !errors.As(err, &be) || be.StatusCode != tc.code {
			t.Errorf("%d: err = %v, want an unknown outcome", tc.code, err)
		}
		if s.calls != tc.calls || len(s.keys) != tc.calls || s.keys[len(s.keys)-1] != "card-1" {
			t.Errorf("%d: %d calls with keys %v, want %d under card-1", tc.code, s.calls, s.keys, tc.calls)
		}
	}
}

// A redirect is not followed: the signed body goes to the configured URL only.
func TestHTTPBackendNoRedirects(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere++ }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	b := &HTTPBackend{URL: srv.URL, Secret: testSecret, Backoff: time.Millisecond}
	_, err := b.Refund(context.Background(), depositReq("k"))
	if err == nil || IsPermanent(err) || elsewhere != 0 {
		t.Fatalf("redirect: err %v, %d requests reached the other server", err, elsewhere)
	}
}

// A shop slower than the per-attempt timeout: each attempt is abandoned at the
// timeout, the backoff (doubled each time) is waited between them, and the outcome
// stays unknown. On the bubble's clock the three attempts take exactly
// 30 + 100 + 30 + 200 + 30 ms.
func TestHTTPBackendTimeoutRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, b := newPipeShop(t)
		s.delay = time.Hour
		b.Timeout, b.Backoff, b.Attempts = 30*time.Millisecond, 100*time.Millisecond, 3
		start := time.Now()
		_, err := b.Refund(context.Background(), depositReq("card-1"))
		took := time.Since(start)
		var be *BackendError
		if err == nil || IsPermanent(err) || !errors.As(err, &be) || be.StatusCode != 0 ||
			!strings.Contains(err.Error(), context.DeadlineExceeded.Error()) {
			t.Fatalf("err = %v, want a transient timeout", err)
		}
		if want := 3*30*time.Millisecond + 100*time.Millisecond + 200*time.Millisecond; took != want {
			t.Errorf("gave up after %v, want exactly %v", took, want)
		}
		synctest.Wait() // the shop's handlers have seen the hang-ups
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.calls != 3 || s.abandoned != 3 || len(s.refunds) != 0 {
			t.Errorf("%d calls, %d abandoned, %d refunds; want 3, 3 and none", s.calls, s.abandoned, len(s.refunds))
		}
		if strings.Join(s.keys, ",") != "card-1,card-1,card-1" {
			t.Errorf("keys %v, want every attempt under card-1", s.keys)
		}
	})
}

// A context cancelled before the call: Refund returns at once (no time passes on
// the bubble's clock, though the backoff is an hour) and no attempt reaches the shop.
func TestHTTPBackendCancelledContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, b := newPipeShop(t)
		b.Backoff = time.Hour
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		start := time.Now()
		_, err := b.Refund(ctx, depositReq("k"))
		if took := time.Since(start); err == nil || IsPermanent(err) || took != 0 {
			t.Errorf("cancelled context: %v after %v, want an unknown outcome at once", err, took)
		}
		synctest.Wait()
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.calls != 0 {
			t.Errorf("%d calls reached the shop, want none", s.calls)
		}
	})
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
}

// Through ExecuteRefund: a 5xx burst is retried under one key, the money moves once,
// and a later card for the same deposit never reaches the shop.
func TestHTTPBackendWithLedger(t *testing.T) {
	ctx := context.Background()
	s, b := newShop(t, 503)
	ledger := memLedger()
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt); err != nil {
		t.Fatal(err)
	}
	if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-2"), 5000, testAt); !errors.Is(err, ErrAlreadyRefunded) {
		t.Fatalf("second card: %v", err)
	}
	if s.calls != 2 || len(s.refunds) != 1 {
		t.Errorf("%d calls, %d refunds; want 2 and 1", s.calls, len(s.refunds))
	}
	s2, refusing := newShop(t, 422)
	ledger2 := memLedger()
	if _, err := ExecuteRefund(ctx, ledger2, refusing, depositReq("card-3"), 5000, testAt); !IsPermanent(err) {
		t.Fatalf("refusal: %v", err)
	}
	if has, _ := ledger2.Has(ctx, "O-2", KindDeposit, ""); has || s2.calls != 1 {
		t.Errorf("refused refund left in ledger (%v) or retried (%d calls)", has, s2.calls)
	}
}

// Issue #14.2 through the ledger: the shop refunds but answers 409 (or 408, 429);
// the reservation stays, a new card for the same deposit never reaches the shop,
// and the retry with the same key settles it — the money moved once.
func TestHTTPBackendAmbiguousKeepsReservation(t *testing.T) {
	ctx := context.Background()
	for _, code := range []int{408, 409, 429} {
		s, b := newShop(t, code, code, code, code)
		s.refundFirst = true
		ledger := memLedger()
		if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt); !errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("%d: %v, want an unknown outcome", code, err)
		}
		if _, err := ExecuteRefund(ctx, ledger, b, depositReq("card-2"), 5000, testAt); !errors.Is(err, ErrAlreadyRefunded) {
			t.Fatalf("%d: second card: %v", code, err)
		}
		res, err := ExecuteRefund(ctx, ledger, b, depositReq("card-1"), 5000, testAt) // the shop answers 200 now
		if err != nil || res.Reference != "R-card-1" {
			t.Fatalf("%d: retry: %+v, %v", code, res, err)
		}
		if rec, _ := ledger.Get(ctx, "O-2"); !rec.Settled("card-1") || len(s.refunds) != 1 {
			t.Errorf("%d: record %+v, %d refunds at the shop", code, rec, len(s.refunds))
		}
	}
}
