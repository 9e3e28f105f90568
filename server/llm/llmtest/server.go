// Package llmtest is a scripted OpenAI-compatible chat completions server for
// tests: the machine that runs them has no language model. A test starts one,
// points the client at URL, and scripts answers with rules tried in order:
//
//	srv := llmtest.NewServer(t)
//	srv.On(llmtest.AfterTool("search_knowledge"), llmtest.Response{Text: "Returns are free within 7 days."})
//	srv.On(llmtest.Any(), llmtest.Response{ToolCalls: []llmtest.ToolCall{
//		{Name: "search_knowledge", Arguments: `{"query":"returns"}`}}})
//
// It serves POST /v1/chat/completions (streamed as server-sent events, text in
// several deltas and tool calls in fragments, or as one JSON document) and
// GET /v1/models, and records every request for assertions (Requests), with
// when its answer ended and whether the client cancelled it first (Exchanges,
// WaitEnded: a stale reply's stream must end at once). For
// processes outside Go tests (cmd/llmscript) it also takes a Script as JSON at
// PUT /llmtest/script and lists what it received at GET /llmtest/requests.
//
// Everything it sends is deterministic: ids count requests, timestamps are fixed.
package llmtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Server is a running scripted endpoint.
type Server struct {
	// URL is the base URL to configure a client with; it ends in /v1.
	URL string

	t         testing.TB
	hs        *httptest.Server // nil for NewPipeServer, which has client and stop instead
	client    *http.Client
	stop      func()
	closing   chan struct{}
	closeOnce sync.Once

	mu    sync.Mutex
	rules []*Rule
	reqs  []ChatRequest
	exch  []Exchange
	ended chan struct{} // closed (and replaced) when an exchange ends
	key   string
	seq   int
	logf  func(format string, args ...any)
}

// Rule is one scripted answer.
type Rule struct {
	srv     *Server
	match   Matcher
	respond func(ChatRequest) Response
	left    int // uses left; -1 = unlimited
}

// NewServer starts a server on a free local port. With t, the server closes at
// the end of the test, and a request no rule matches fails the test (the
// request still gets an HTTP 500). t may be nil.
func NewServer(t testing.TB) *Server {
	s := newServer(t)
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.hs.URL + "/v1"
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// Listen starts a server on addr (host:port), for cmd/llmscript.
func Listen(addr string) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("llmtest: listen on %s: %w", addr, err)
	}
	s := newServer(nil)
	s.hs = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	_ = s.hs.Listener.Close()
	s.hs.Listener = l
	s.hs.Start()
	s.URL = s.hs.URL + "/v1"
	return s, nil
}

func newServer(t testing.TB) *Server {
	return &Server{t: t, closing: make(chan struct{}), ended: make(chan struct{})}
}

// Close ends stalled and delayed answers and stops the server.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		if s.hs != nil {
			s.hs.Close()
		} else {
			s.stop()
		}
	})
}

// Client returns an HTTP client that reaches the server (for a NewPipeServer,
// the only one that can).
func (s *Server) Client() *http.Client {
	if s.client != nil {
		return s.client
	}
	return s.hs.Client()
}

// On adds a rule: requests that match (nil matches all) get r. Rules are tried
// in the order they were added; the first match with uses left answers.
func (s *Server) On(match Matcher, r Response) *Rule {
	return s.OnFunc(match, func(ChatRequest) Response { return r })
}

// OnFunc adds a rule whose answer is computed from the request.
func (s *Server) OnFunc(match Matcher, respond func(ChatRequest) Response) *Rule {
	if match == nil {
		match = Any()
	}
	r := &Rule{srv: s, match: match, respond: respond, left: -1}
	s.mu.Lock()
	s.rules = append(s.rules, r)
	s.mu.Unlock()
	return r
}

// Times limits the rule to n answers (then later rules get their turn): a
// first attempt that fails, then one that works.
func (r *Rule) Times(n int) *Rule {
	r.srv.mu.Lock()
	r.left = max(n, 0)
	r.srv.mu.Unlock()
	return r
}

// RequireKey makes every request without "Authorization: Bearer key" fail with
// 401, the header echoed in the error message as some real servers do: a
// client must never repeat such a message verbatim. Empty key: no check.
func (s *Server) RequireKey(key string) {
	s.mu.Lock()
	s.key = key
	s.mu.Unlock()
}

// SetLog reports one line per request to logf (nil: silent).
func (s *Server) SetLog(logf func(format string, args ...any)) {
	s.mu.Lock()
	s.logf = logf
	s.mu.Unlock()
}

// Requests returns the chat requests received so far, oldest first.
func (s *Server) Requests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ChatRequest(nil), s.reqs...)
}

// Exchange is how one chat request went: when it came and when its answer ended,
// and whether the client went away first (it cancelled: a stale reply stopped).
type Exchange struct {
	Request   int       `json:"request"` // 1-based, as in the log lines
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended"`
	Cancelled bool      `json:"cancelled"`
}

// Exchanges returns the requests whose answer has ended, in the order they ended.
func (s *Server) Exchanges() []Exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Exchange(nil), s.exch...)
}

// WaitEnded waits until the answer to request n (1-based) has ended.
func (s *Server) WaitEnded(ctx context.Context, n int) (Exchange, error) {
	for {
		s.mu.Lock()
		for _, e := range s.exch {
			if e.Request == n {
				s.mu.Unlock()
				return e, nil
			}
		}
		ended := s.ended
		s.mu.Unlock()
		select {
		case <-ended:
		case <-ctx.Done():
			return Exchange{}, fmt.Errorf("llmtest: request %d has not ended: %w", n, ctx.Err())
		}
	}
}

// Reset forgets the requests received so far.
func (s *Server) Reset() {
	s.mu.Lock()
	s.reqs, s.exch = nil, nil
	s.mu.Unlock()
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/v1/chat/completions" && r.Method == http.MethodPost:
		s.chat(w, r)
	case r.URL.Path == "/v1/models" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": []any{
			map[string]any{"id": "llmtest", "object": "model", "created": created, "owned_by": "llmtest"}}})
	case r.URL.Path == "/llmtest/script" && (r.Method == http.MethodPut || r.Method == http.MethodPost):
		s.putScript(w, r)
	case r.URL.Path == "/llmtest/requests" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{"requests": s.Requests(), "exchanges": s.Exchanges()})
	case r.URL.Path == "/llmtest/requests" && r.Method == http.MethodDelete:
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	default:
		writeRaw(w, http.StatusNotFound, "application/json", errorBody(http.StatusNotFound, "", "no route "+r.Method+" "+r.URL.Path))
	}
}

// putScript replaces the rules and forgets past requests: one script per test.
func (s *Server) putScript(w http.ResponseWriter, r *http.Request) {
	sc, err := ReadScript(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		writeRaw(w, http.StatusBadRequest, "application/json", errorBody(http.StatusBadRequest, "", err.Error()))
		return
	}
	if err := s.Load(sc); err != nil {
		writeRaw(w, http.StatusBadRequest, "application/json", errorBody(http.StatusBadRequest, "", err.Error()))
		return
	}
	s.Reset()
	writeJSON(w, http.StatusOK, map[string]any{"rules": len(sc.Rules)})
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 32<<20))
	if err != nil {
		writeRaw(w, http.StatusBadRequest, "application/json", errorBody(http.StatusBadRequest, "", "reading body: "+err.Error()))
		return
	}
	req, err := decodeRequest(body, r.Header.Get("Authorization"))
	if err != nil {
		writeRaw(w, http.StatusBadRequest, "application/json", errorBody(http.StatusBadRequest, "", "invalid JSON: "+err.Error()))
		return
	}
	s.mu.Lock()
	s.seq++
	n := s.seq
	s.reqs = append(s.reqs, req)
	key, logf := s.key, s.logf
	s.mu.Unlock()
	defer func() {
		// The request's context ends when the client hangs up: a cancelled stream.
		e := Exchange{Request: n, Started: started, Ended: time.Now(), Cancelled: r.Context().Err() != nil}
		s.mu.Lock()
		s.exch = append(s.exch, e)
		close(s.ended)
		s.ended = make(chan struct{})
		s.mu.Unlock()
	}()
	var rule *Rule
	ruleNo := -1
	if key == "" || req.Authorization == "Bearer "+key {
		rule, ruleNo = s.pick(req)
	}
	if logf != nil {
		logf("llmtest: request %d: stream=%v messages=%d last=%s rule=%d", n, req.Stream, len(req.Messages), req.Last().Role, ruleNo)
	}
	switch {
	case key != "" && req.Authorization != "Bearer "+key:
		writeRaw(w, http.StatusUnauthorized, "application/json",
			errorBody(http.StatusUnauthorized, "", "Incorrect API key provided: "+req.Authorization))
		return
	case rule == nil:
		if s.t != nil {
			s.t.Errorf("llmtest: no rule matches request %d (last message %s: %q)", n, req.Last().Role, req.Last().Content)
		}
		writeRaw(w, http.StatusInternalServerError, "application/json",
			errorBody(http.StatusInternalServerError, "", "llmtest: no rule matches"))
		return
	}
	resp := rule.respond(req).expand(req)
	for i := range resp.ToolCalls {
		if resp.ToolCalls[i].ID == "" {
			resp.ToolCalls[i].ID = fmt.Sprintf("call_%d_%d", n, i)
		}
	}
	model := req.Model
	if model == "" {
		model = "llmtest"
	}
	a := answer{srv: s, w: w, r: r, resp: resp, id: fmt.Sprintf("chatcmpl-%d", n), model: model}
	if req.Stream {
		a.stream()
	} else {
		a.whole()
	}
}

// pick finds the first rule that matches and has uses left, and its position
// (-1: none). Matchers run without the lock: one may call the server.
func (s *Server) pick(req ChatRequest) (*Rule, int) {
	s.mu.Lock()
	rules := append([]*Rule(nil), s.rules...)
	s.mu.Unlock()
	for i, r := range rules {
		if !r.match(req) {
			continue
		}
		s.mu.Lock()
		ok := r.left != 0
		if r.left > 0 {
			r.left--
		}
		s.mu.Unlock()
		if ok {
			return r, i
		}
	}
	return nil, -1
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	writeRaw(w, status, "application/json", b)
}

func writeRaw(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// answer writes one scripted response.
type answer struct {
	srv       *Server
	w         http.ResponseWriter
	r         *http.Request
	resp      Response
	id, model string
}

// wait sleeps d; false when the client or the server went away meanwhile.
func (a answer) wait(d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-a.r.Context().Done():
	case <-a.srv.closing:
	}
	return false
}

// hold keeps the connection open, silent, until the client or the server ends it.
func (a answer) hold() {
	select {
	case <-a.r.Context().Done():
	case <-a.srv.closing:
	}
}
