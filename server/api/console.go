package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// The System Console's routes: what knowledge is imported, whether the model
// answers, and the numbers over time for the charts.

// ShopStatus says what was imported and when.
type ShopStatus interface {
	Status() (shop.Status, error)
}

// IndexStatus reports the search index.
type IndexStatus interface {
	Status() knowledge.Status
}

// ModelChecker sends the configured model a tiny request.
type ModelChecker interface {
	CheckModel(ctx context.Context) ModelCheck
}

// ModelCheck is the outcome of one test request. It never holds the API key:
// Message is the model client's redacted text.
type ModelCheck struct {
	// Configured is false in offline mode (no base URL): nothing was sent.
	Configured bool   `json:"configured"`
	OK         bool   `json:"ok"`
	Model      string `json:"model,omitempty"`
	LatencyMS  int64  `json:"latency_ms"`
	// Kind is the failure's class (timeout, unavailable, auth, rate_limit,
	// bad_request, bad_response) when not OK.
	Kind    string `json:"kind,omitempty"`
	Status  int    `json:"status,omitempty"` // the endpoint's HTTP status, when it answered one
	Message string `json:"message,omitempty"`
}

// Console wires the console routes; a nil part answers 503.
type Console struct {
	Shop  ShopStatus
	Index IndexStatus
	Model ModelChecker
}

func (a *handlers) routeConsole(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/kb/status", a.auth(roleAdmin, MaxBody, a.kbStatus))
	mux.Handle("POST /api/v1/model/test", a.auth(roleAdmin, MaxBody, a.modelTest))
	mux.Handle("GET /api/v1/stats/series", a.auth(roleStaff, MaxBody, a.statsSeries))
}

// importInfo is one import as the console shows it (the blob's storage details stay inside).
type importInfo struct {
	ImportedAt time.Time      `json:"imported_at"`
	Counts     map[string]int `json:"counts"`
}

func toImportInfo(p *shop.Pointer) *importInfo {
	if p == nil {
		return nil
	}
	return &importInfo{ImportedAt: p.ImportedAt, Counts: p.Counts}
}

type indexInfo struct {
	Ready     bool      `json:"ready"`
	Building  bool      `json:"building"`
	Docs      uint64    `json:"docs"`
	BuiltAt   time.Time `json:"built_at"`
	LastError string    `json:"last_error,omitempty"`
}

// kbStatus is /concierge kb status as JSON: the last import of each kind with its
// counts, and the search index over them.
func (a *handlers) kbStatus(w http.ResponseWriter, _ *http.Request) {
	c := a.d.Console
	if c.Shop == nil || c.Index == nil {
		writeError(w, http.StatusServiceUnavailable, "knowledge status not available", nil)
		return
	}
	st, err := c.Shop.Status()
	if err != nil {
		a.writeErr(w, "knowledge status", err)
		return
	}
	ix := c.Index.Status()
	writeJSON(w, http.StatusOK, map[string]any{
		"catalog": toImportInfo(st.Catalog),
		"orders":  toImportInfo(st.Orders),
		"index":   indexInfo{Ready: ix.Ready, Building: ix.Building, Docs: ix.Docs, BuiltAt: ix.BuiltAt, LastError: ix.LastError},
	})
}

// modelTestTimeout bounds the test: an admin is watching a spinner.
const modelTestTimeout = 30 * time.Second

func (a *handlers) modelTest(w http.ResponseWriter, r *http.Request) {
	if a.d.Console.Model == nil {
		writeError(w, http.StatusServiceUnavailable, "model test not available", nil)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), modelTestTimeout)
	defer cancel()
	writeJSON(w, http.StatusOK, a.d.Console.Model.CheckModel(ctx))
}

// statsSeries is /stats over time: ?days=1..366 (default 30), ?tz=an IANA zone
// (default UTC; the console sends the browser's).
func (a *handlers) statsSeries(w http.ResponseWriter, r *http.Request) {
	days := 30
	if s := r.URL.Query().Get("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > conversation.MaxSeriesDays {
			writeError(w, http.StatusBadRequest, "days must be a whole number from 1 to 366", []Detail{{Path: "days", Message: "want 1..366"}})
			return
		}
		days = n
	}
	loc := time.UTC
	if s := r.URL.Query().Get("tz"); s != "" {
		l, err := time.LoadLocation(s)
		if err != nil || s == "Local" {
			writeError(w, http.StatusBadRequest, "unknown time zone "+strconv.Quote(s), []Detail{{Path: "tz", Message: "want an IANA time zone such as Asia/Shanghai"}})
			return
		}
		loc = l
	}
	convs, err := allConversations(r.Context(), a.d.Conversations)
	if err != nil {
		a.writeErr(w, "stats series", err)
		return
	}
	writeJSON(w, http.StatusOK, conversation.ComputeSeries(convs, time.Now(), days, loc))
}

// allConversations walks every conversation a page at a time. The series reads
// them all (a window is by start, the pages by last update); a dated query in the
// store is the step to take when a shop's history makes this slow.
func allConversations(ctx context.Context, c Conversations) ([]*conversation.Conversation, error) {
	var out []*conversation.Conversation
	var after *conversation.Cursor
	for {
		page, next, err := c.Page(ctx, "", 500, after)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == nil {
			return out, nil
		}
		after = next
	}
}
