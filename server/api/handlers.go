package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
)

func (a *handlers) importCatalog(w http.ResponseWriter, r *http.Request) {
	counts, err := a.d.Shop.ImportCatalog(r.Context(), r.Body)
	if err != nil {
		a.writeErr(w, "catalog import", err)
		return
	}
	if a.d.AfterImport != nil {
		a.d.AfterImport("catalog")
	}
	writeJSON(w, http.StatusOK, counts)
}

func (a *handlers) importOrders(w http.ResponseWriter, r *http.Request) {
	counts, err := a.d.Shop.ImportOrders(r.Context(), r.Body)
	if err != nil {
		a.writeErr(w, "orders import", err)
		return
	}
	if a.d.AfterImport != nil {
		a.d.AfterImport("orders")
	}
	writeJSON(w, http.StatusOK, counts)
}

func (a *handlers) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" {
		writeError(w, http.StatusBadRequest, "q is required", []Detail{{Path: "q", Message: "required"}})
		return
	}
	limit := 10
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			writeError(w, http.StatusBadRequest, "limit must be a whole number from 1 to 100", []Detail{{Path: "limit", Message: "want 1..100"}})
			return
		}
		limit = n
	}
	var kinds []knowledge.Kind
	for _, k := range r.URL.Query()["kind"] {
		kinds = append(kinds, knowledge.Kind(k))
	}
	hits, err := a.d.Search.Search(r.Context(), q, knowledge.SearchOptions{Limit: limit, Kinds: kinds})
	if err != nil {
		a.writeErr(w, "search", err)
		return
	}
	if hits == nil {
		hits = []knowledge.Hit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": hits})
}

type quoteBody struct {
	Items  []commerce.CartLine `json:"items"`
	Coupon string              `json:"coupon,omitempty"`
	At     *time.Time          `json:"at,omitempty"`
	Lang   string              `json:"lang,omitempty"`
}

func (a *handlers) quote(w http.ResponseWriter, r *http.Request) {
	var body quoteBody
	if !decodeStrict(w, r, &body) {
		return
	}
	user, appErr := a.d.Users.GetUser(r.Header.Get("Mattermost-User-ID"))
	if appErr != nil {
		writeError(w, http.StatusUnauthorized, "unknown user", nil)
		return
	}
	at := time.Now()
	if body.At != nil {
		at = *body.At
	}
	// The notes and errors are worded in the body's lang, else the user's locale.
	lang := i18n.FromLocale(strings.ToLower(body.Lang))
	if body.Lang == "" {
		lang = i18n.FromLocale(user.Locale)
	}
	q, err := commerce.Price(a.d.Shop.Snapshot(), user.Username, commerce.QuoteRequest{Items: body.Items, Coupon: body.Coupon, At: at})
	var ie *commerce.InputError
	switch {
	case errors.As(err, &ie):
		text, msg := ie.In(lang), ie.In(lang)
		if ie.Path != "" {
			msg = ie.Path + ": " + text
		}
		writeError(w, http.StatusBadRequest, msg, []Detail{{Path: ie.Path, Message: text}})
		return
	case err != nil:
		a.writeErr(w, "quote", err)
		return
	}
	q.Notes = i18n.Texts(q.NoteMsgs, lang)
	writeJSON(w, http.StatusOK, q)
}

func (a *handlers) stats(w http.ResponseWriter, r *http.Request) {
	st, err := a.d.Conversations.Stats(r.Context(), time.Now())
	if err != nil {
		a.writeErr(w, "stats", err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// metrics is /stats in the Prometheus text format, for a scraper (token) or staff.
func (a *handlers) metrics(w http.ResponseWriter, r *http.Request) {
	st, err := a.d.Conversations.Stats(r.Context(), time.Now())
	if err != nil {
		a.writeErr(w, "metrics", err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = io.WriteString(w, st.Prometheus())
}

// decodeStrict decodes a small JSON body, rejecting unknown fields, and answers 400
// (with the field's path) or 413 itself.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	// More() misses a stray closing '}' or ']', so insist the stream ends here.
	if err == nil {
		if _, tokErr := dec.Token(); !errors.Is(tokErr, io.EOF) {
			err = errors.New("trailing data after the JSON object")
		}
	}
	if err == nil {
		return true
	}
	var mbe *http.MaxBytesError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, "request body too large", nil)
	case errors.As(err, &te):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s: want %s", te.Field, te.Type), []Detail{{Path: te.Field, Message: "want " + te.Type.String()}})
	case errors.As(err, &se):
		writeError(w, http.StatusBadRequest, fmt.Sprintf("malformed JSON at byte %d", se.Offset), nil)
	case errors.Is(err, io.EOF):
		writeError(w, http.StatusBadRequest, "empty body", nil)
	default:
		writeError(w, http.StatusBadRequest, "bad request body: "+err.Error(), nil)
	}
	return false
}
