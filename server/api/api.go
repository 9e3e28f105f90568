// Package api is the plugin's HTTP API (SPEC §6) under /plugins/concierge/api/v1.
// One router is built at activation; handlers turn package errors into HTTP answers
// here and only here.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/shop"
)

// Body limits (SPEC §6).
const (
	MaxBody       = 10 << 20
	MaxImportBody = 256 << 20
)

// Users answers who a caller is.
type Users interface {
	GetUser(userID string) (*model.User, *model.AppError)
}

// Staff says whether a user is staff (staff channel member or system admin).
type Staff interface {
	IsStaff(userID string) bool
}

// Shop imports and serves the shop's data.
type Shop interface {
	ImportCatalog(ctx context.Context, body io.Reader) (*shop.CatalogCounts, error)
	ImportOrders(ctx context.Context, body io.Reader) (*shop.OrdersCounts, error)
	Snapshot() *shop.Snapshot
}

// Searcher searches the knowledge index.
type Searcher interface {
	Search(ctx context.Context, q string, opts knowledge.SearchOptions) ([]knowledge.Hit, error)
}

// Conversations pages through conversations, finds one, and counts them.
type Conversations interface {
	Page(ctx context.Context, state conversation.State, limit int, after *conversation.Cursor) ([]*conversation.Conversation, *conversation.Cursor, error)
	Get(id string) (*conversation.Conversation, error)
	Stats(ctx context.Context, now time.Time) (conversation.Stats, error)
}

// Deps wires the API.
type Deps struct {
	Users         Users
	Staff         Staff
	Shop          Shop
	Search        Searcher
	Conversations Conversations
	// Staffing backs the staff panel's routes (takeover, customer card, FAQ
	// proposals); nil leaves them out.
	Staffing Staffing
	// AfterImport runs after a successful import (reindex, tell the cluster).
	AfterImport func(kind string)
	// Actions handle card buttons by name: /actions/refund (confirm, cancel, approve,
	// reject), /actions/csat (ratings).
	Actions map[string]http.Handler
	// MetricsToken is the token a scraper may read /metrics with ("" = none).
	MetricsToken func() string
	// Console serves the System Console's pages (console.go).
	Console Console
	Log     interface {
		LogError(msg string, keyValuePairs ...any)
	}
}

// New builds the router.
func New(d Deps) http.Handler {
	a := &handlers{d: d}
	mux := http.NewServeMux()
	mux.Handle("POST /api/v1/catalog", a.auth(roleAdmin, MaxImportBody, a.importCatalog))
	mux.Handle("POST /api/v1/orders", a.auth(roleAdmin, MaxImportBody, a.importOrders))
	mux.Handle("GET /api/v1/search", a.auth(roleStaff, MaxBody, a.search))
	mux.Handle("POST /api/v1/quote", a.auth(roleAnyone, MaxBody, a.quote))
	mux.Handle("GET /api/v1/conversations", a.auth(roleStaff, MaxBody, a.conversations))
	mux.Handle("GET /api/v1/conversations/{id}", a.auth(roleStaff, MaxBody, a.conversation))
	mux.Handle("GET /api/v1/stats", a.auth(roleStaff, MaxBody, a.stats))
	if d.Staffing != nil {
		mux.Handle("POST /api/v1/conversations/{id}/state", a.auth(roleStaff, MaxBody, a.moveConversation))
		mux.Handle("GET /api/v1/conversations/{id}/customer", a.auth(roleStaff, MaxBody, a.customerCard))
		mux.Handle("GET /api/v1/faq/proposals", a.auth(roleStaff, MaxBody, a.faqProposals))
		mux.Handle("POST /api/v1/faq/proposals/{id}", a.auth(roleStaff, MaxBody, a.reviewProposal))
	}
	a.routeConsole(mux)
	mux.Handle("GET /metrics", a.scraper(a.metrics))
	mux.Handle("GET /api/v1/metrics", a.scraper(a.metrics))
	for name, h := range d.Actions {
		mux.Handle("POST /api/v1/actions/"+name, a.auth(roleAnyone, MaxBody, h.ServeHTTP))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "not found", nil)
	})
	return a.recoverer(mux)
}

// recoverer turns a panic in any handler (ours or a card action's) into a 500 with
// a JSON body, logged with its stack, instead of the end of the plugin process.
func (a *handlers) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer recovery.Guard(a.d.Log, "api "+r.Method+" "+r.URL.Path, func(any) {
			writeError(w, http.StatusInternalServerError, "internal error", nil)
		})
		next.ServeHTTP(w, r)
	})
}

type handlers struct{ d Deps }

type role int

const (
	roleAnyone role = iota
	roleStaff
	roleAdmin
)

// auth checks the session (the server sets Mattermost-User-ID only for an
// authenticated request) and the role, and caps the body.
func (a *handlers) auth(need role, maxBody int64, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		userID := r.Header.Get("Mattermost-User-ID")
		if userID == "" {
			writeError(w, http.StatusUnauthorized, "not logged in", nil)
			return
		}
		if need != roleAnyone {
			user, appErr := a.d.Users.GetUser(userID)
			if appErr != nil {
				writeError(w, http.StatusUnauthorized, "unknown user", nil)
				return
			}
			allowed := user.IsSystemAdmin()
			if need == roleStaff && !allowed {
				allowed = a.d.Staff.IsStaff(userID)
			}
			if !allowed {
				writeError(w, http.StatusForbidden, "not allowed", nil)
				return
			}
		}
		if r.ContentLength > maxBody {
			writeError(w, http.StatusRequestEntityTooLarge, "request body too large", nil)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next(w, r)
	})
}

// Detail is one problem in a request, with its JSON path.
type Detail = shop.Detail

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// ErrorBody is every 4xx/5xx answer: the message and, for bad input, each
// problem by its JSON path (clients and tests decode it).
type ErrorBody struct {
	Error   string   `json:"error"`
	Details []Detail `json:"details,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string, details []Detail) {
	writeJSON(w, status, ErrorBody{Error: msg, Details: details})
}

// writeErr maps a package error to its HTTP answer; internal errors are logged with
// their detail and the caller sees a generic message.
func (a *handlers) writeErr(w http.ResponseWriter, what string, err error) {
	var ve *shop.ValidationError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, "request body too large", nil)
	case errors.As(err, &ve):
		writeError(w, http.StatusBadRequest, ve.Message, ve.Details)
	default:
		a.d.Log.LogError("api: "+what+" failed", "err", err.Error())
		writeError(w, http.StatusInternalServerError, what+" failed", nil)
	}
}
