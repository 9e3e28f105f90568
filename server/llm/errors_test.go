package llm_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// outcome runs one request against a server answering resp and returns its error
// (from Stream or from the stream's last event) and the text that arrived first.
func outcome(t *testing.T, c *llm.Client, req llm.Request) (string, error) {
	t.Helper()
	s, err := c.Stream(context.Background(), req)
	if err != nil {
		return "", err
	}
	deltas, final := drain(t, s)
	return strings.Join(deltas, ""), final.Err
}

func checkKind(t *testing.T, err error, want llm.Kind, wantStatus int) *llm.Error {
	t.Helper()
	var e *llm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want *llm.Error of kind %s", err, err, want)
	}
	if e.Kind != want || e.Status != wantStatus {
		t.Errorf("error %q: kind %s status %d, want %s %d", e, e.Kind, e.Status, want, wantStatus)
	}
	if llm.KindOf(fmt.Errorf("wrapped: %w", err)) != want {
		t.Errorf("KindOf through a wrap lost the kind")
	}
	return e
}

const okChunk = `data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}` + "\n\n"

func TestErrorKinds(t *testing.T) {
	tests := []struct {
		name       string
		resp       llmtest.Response
		want       llm.Kind
		wantStatus int
		wantInText string
	}{
		{"401", llmtest.Response{Status: 401, Error: "bad key"}, llm.KindAuth, 401, "bad key"},
		{"403", llmtest.Response{Status: 403}, llm.KindAuth, 403, "Forbidden"},
		{"429", llmtest.Response{Status: 429, Error: "slow down"}, llm.KindRateLimit, 429, "slow down"},
		{"500", llmtest.Response{Status: 500}, llm.KindUnavailable, 500, "Internal Server Error"},
		{"503 html", llmtest.Response{Status: 503, Body: "<html><body>Service Unavailable</body></html>"}, llm.KindUnavailable, 503, "Service Unavailable"},
		{"504", llmtest.Response{Status: 504}, llm.KindTimeout, 504, ""},
		{"400 unknown model", llmtest.Response{Status: 400, Error: "model not found"}, llm.KindBadRequest, 400, "model not found"},
		{"404 error as a string", llmtest.Response{Status: 404, Body: `{"error":"no such route"}`}, llm.KindBadRequest, 404, "no such route"},
		{"in-band error event", llmtest.Response{Error: "overloaded"}, llm.KindUnavailable, 0, "overloaded"},
		{"in-band rate limit", llmtest.Response{Error: "too many", ErrorCode: "rate_limit_exceeded"}, llm.KindRateLimit, 0, "too many"},
		{"in-band numeric code", llmtest.Response{Body: `data: {"error": {"message": "nope", "code": 401}}` + "\n\n"}, llm.KindAuth, 0, "nope"},
		{"200 with an error document", llmtest.Response{Body: `{"error":{"message":"quota used up","type":"insufficient_quota"}}`}, llm.KindRateLimit, 0, "quota used up"},
		{"malformed chunk", llmtest.Response{Body: okChunk + "data: {\"choices\":[{\"index\":0,\n\n"}, llm.KindBadResponse, 0, "malformed"},
		{"ends without finish or [DONE]", llmtest.Response{Text: "half an ans", NoFinish: true, NoDone: true}, llm.KindBadResponse, 0, "ended before"},
		{"ends after [DONE] without finish", llmtest.Response{Text: "cut", NoFinish: true}, llm.KindBadResponse, 0, "ended before"},
		{"200 html page", llmtest.Response{Body: "<html>\n<p>captive portal</p>\n</html>\n"}, llm.KindBadResponse, 0, ""},
		{"200 empty body", llmtest.Response{Body: "\n"}, llm.KindBadResponse, 0, ""},
		{"connection cut mid-stream", llmtest.Response{Text: "abcdefgh", Drop: true, StallAfter: 2}, llm.KindUnavailable, 0, "mid-response"},
		{"tool call without a name", llmtest.Response{Body: `data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},"finish_reason":"tool_calls"}]}` + "\n\n"}, llm.KindBadResponse, 0, "without a name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.NewServer(t)
			srv.On(nil, tc.resp)
			_, err := outcome(t, client(srv, nil), userAsks("q"))
			e := checkKind(t, err, tc.want, tc.wantStatus)
			if e != nil && !strings.Contains(e.Error(), tc.wantInText) {
				t.Errorf("error %q does not say %q", e, tc.wantInText)
			}
			if errors.Is(err, context.Canceled) {
				t.Errorf("a failing endpoint reads as a cancellation: %v", err)
			}
		})
	}
}

func TestErrorsWithoutAServer(t *testing.T) {
	srv := llmtest.NewServer(nil)
	url := srv.URL
	srv.Close() // nothing listens there now
	tests := []struct {
		name string
		cfg  llm.Config
		req  llm.Request
		want llm.Kind
	}{
		{"connection refused", llm.Config{BaseURL: url}, userAsks("q"), llm.KindUnavailable},
		{"not configured", llm.Config{}, userAsks("q"), llm.KindUnavailable},
		{"not http", llm.Config{BaseURL: "ftp://example.com/v1"}, userAsks("q"), llm.KindBadRequest},
		{"no host", llm.Config{BaseURL: "localhost:8081"}, userAsks("q"), llm.KindBadRequest},
		{"no messages", llm.Config{BaseURL: url}, llm.Request{}, llm.KindBadRequest},
		{"bad tool schema", llm.Config{BaseURL: url}, llm.Request{Messages: userAsks("q").Messages,
			Tools: []llm.Tool{{Name: "t", Parameters: []byte(`{"type":`)}}}, llm.KindBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := llm.New(tc.cfg).Complete(context.Background(), tc.req)
			_ = checkKind(t, err, tc.want, 0)
		})
	}
}

// The timeouts run on a synctest bubble's virtual clock, over in-memory pipes:
// the request is cut at the very instant its timeout names, however slow the
// machine, and the model's delays and stalls take no real time.
func TestTimeouts(t *testing.T) {
	short := 50 * time.Millisecond
	tests := []struct {
		name     string
		resp     llmtest.Response
		cfg      func(*llm.Config)
		wantText string
		wantIn   string
		after    time.Duration // when the timeout cuts the request
	}{
		{"no first token", llmtest.Response{Text: "late", Delay: 2 * time.Second},
			func(c *llm.Config) { c.FirstTokenTimeout = short }, "", "first token", short},
		{"no headers", llmtest.Response{Status: 500, Delay: 2 * time.Second},
			func(c *llm.Config) { c.FirstTokenTimeout = short }, "", "first token", short},
		{"stall before the first token", llmtest.Response{Text: "never", Stall: true},
			func(c *llm.Config) { c.FirstTokenTimeout = short }, "", "first token", short},
		// Two chunks at once, then nothing: the idle timeout counts from the second.
		{"stall mid-stream", llmtest.Response{Text: "abcdefghij", Stall: true, StallAfter: 2},
			func(c *llm.Config) { c.IdleTimeout = short }, "abcdef", "stalled", short},
		// A chunk every 20 ms never stalls; the whole request is cut at 150 ms.
		{"whole request", llmtest.Response{Text: strings.Repeat("x", 40), ChunkRunes: 1, ChunkDelay: 20 * time.Millisecond},
			func(c *llm.Config) { c.Timeout = 150 * time.Millisecond }, "", "longer than", 150 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := llmtest.NewPipeServer(t)
				srv.On(nil, tc.resp)
				start := time.Now()
				text, err := outcome(t, client(srv, tc.cfg), userAsks("q"))
				elapsed := time.Since(start)
				e := checkKind(t, err, llm.KindTimeout, 0)
				if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
					t.Errorf("timeout %v should be a DeadlineExceeded, not a cancellation", err)
				}
				if e != nil && !strings.Contains(e.Error(), tc.wantIn) {
					t.Errorf("error %q does not say %q", e, tc.wantIn)
				}
				if tc.wantText != "" && text != tc.wantText {
					t.Errorf("text before the stall %q, want %q", text, tc.wantText)
				}
				if elapsed != tc.after {
					t.Errorf("cut after %v, want %v", elapsed, tc.after)
				}
			})
		})
	}
}

var errStale = errors.New("a newer message arrived")

func TestCancel(t *testing.T) {
	tests := []struct {
		name   string
		cancel func(context.CancelCauseFunc)
		cause  error
	}{
		{"plain cancel", func(c context.CancelCauseFunc) { c(nil) }, context.Canceled},
		{"cancel with a cause", func(c context.CancelCauseFunc) { c(errStale) }, errStale},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := llmtest.NewPipeServer(t)
				srv.On(nil, llmtest.Response{Text: "abcdef", Stall: true, StallAfter: 1})
				ctx, cancel := context.WithCancelCause(context.Background())
				defer cancel(nil)
				s, err := client(srv, nil).Stream(ctx, userAsks("q"))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if ev := <-s.Events(); ev.Type != llm.EventText || ev.Text != "abc" {
					t.Fatalf("first event %+v", ev)
				}
				start := time.Now()
				tc.cancel(cancel)
				ev := <-s.Events()
				if ev.Type != llm.EventError {
					t.Fatalf("event after cancel %+v", ev)
				}
				_ = checkKind(t, ev.Err, llm.KindCanceled, 0)
				if !errors.Is(ev.Err, context.Canceled) || !errors.Is(ev.Err, tc.cause) || errors.Is(ev.Err, context.DeadlineExceeded) {
					t.Errorf("cancellation %v lost its cause", ev.Err)
				}
				if d := time.Since(start); d != 0 {
					t.Errorf("cancel took %v of the virtual clock, want none: nothing should wait on a timer", d)
				}
				if _, ok := <-s.Events(); ok {
					t.Error("channel not closed after the final event")
				}
			})
		})
	}
}

func TestCanceledBeforeSending(t *testing.T) {
	srv := llmtest.NewServer(t)
	srv.On(nil, llmtest.Response{Text: "x"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := client(srv, nil).Complete(ctx, userAsks("q"))
	_ = checkKind(t, err, llm.KindCanceled, 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v is not context.Canceled", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent for a canceled context", n)
	}
}

// TestCloseEarly: Close stops a running stream at once and lets go of the connection.
func TestCloseEarly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := llmtest.NewPipeServer(t)
		srv.On(nil, llmtest.Response{Text: "abcdef", Stall: true, StallAfter: 1})
		s, err := client(srv, nil).Stream(context.Background(), userAsks("q"))
		if err != nil {
			t.Fatal(err)
		}
		<-s.Events()
		start := time.Now()
		s.Close()
		s.Close() // twice is fine
		if d := time.Since(start); d != 0 {
			t.Errorf("Close took %v of the virtual clock, want none: it must not wait on a timer", d)
		}
		for range s.Events() { // closed, perhaps after buffered events
		}
		// The server saw the client go: the exchange has ended, cancelled.
		synctest.Wait()
		if ex := srv.Exchanges(); len(ex) != 1 || !ex[0].Cancelled {
			t.Errorf("exchanges %+v, want the one request ended by the client", ex)
		}
	})
}
