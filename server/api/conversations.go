package api

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
)

// Pages of GET /conversations (SPEC §6): per_page rows, newest first; next_cursor,
// when present, fetches the page after. A cursor names the last row shown, so a
// conversation updated meanwhile moves to the top instead of shifting every page
// after it, and the deepest page costs what the first does.
const (
	DefaultPerPage = 50
	MaxPerPage     = 200
)

// row is one conversation as staff list it.
type row struct {
	ID        string    `json:"id"`
	Customer  string    `json:"customer"`
	ChannelID string    `json:"channel_id"`
	RootID    string    `json:"root_id"`
	State     string    `json:"state"`
	Kind      string    `json:"kind"`
	UpdatedAt time.Time `json:"updated_at"`
	// StaffPostID is the handoff card in the staff channel: where staff work a
	// conversation they cannot read (a DM) or whose summary is private.
	StaffPostID string `json:"staff_post_id,omitempty"`
}

func toRow(c *conversation.Conversation) row {
	return row{c.ID, c.Customer, c.ChannelID, c.RootID, string(c.State), string(c.Kind), c.UpdatedAt, c.StaffPostID}
}

func (a *handlers) conversations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var state conversation.State
	if s := q.Get("state"); s != "" {
		st, ok := conversation.ParseState(s)
		if !ok {
			writeError(w, http.StatusBadRequest, "unknown state "+strconv.Quote(s), []Detail{{Path: "state", Message: "want bot, waiting_human, human or resolved"}})
			return
		}
		state = st
	}
	perPage := DefaultPerPage
	if s := q.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPerPage {
			writeError(w, http.StatusBadRequest, "bad per_page "+strconv.Quote(s), []Detail{{Path: "per_page", Message: "want a whole number from 1 to " + strconv.Itoa(MaxPerPage)}})
			return
		}
		perPage = n
	}
	var after *conversation.Cursor
	if s := q.Get("cursor"); s != "" {
		c, ok := decodeCursor(s)
		if !ok {
			writeError(w, http.StatusBadRequest, "bad cursor", []Detail{{Path: "cursor", Message: "want the next_cursor of an earlier page"}})
			return
		}
		after = c
	}
	convs, next, err := a.d.Conversations.Page(r.Context(), state, perPage, after)
	if err != nil {
		a.writeErr(w, "list conversations", err)
		return
	}
	rows := make([]row, 0, len(convs))
	for _, c := range convs {
		rows = append(rows, toRow(c))
	}
	body := map[string]any{"conversations": rows, "per_page": perPage}
	if next != nil {
		body["next_cursor"] = encodeCursor(next)
	}
	writeJSON(w, http.StatusOK, body)
}

// conversation is one conversation by id (a thread's root post id, a DM's or a
// single-customer channel's channel id).
func (a *handlers) conversation(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	c, err := a.d.Conversations.Get(id)
	if err != nil {
		a.writeErr(w, "get conversation", err)
		return
	}
	if c == nil {
		writeError(w, http.StatusNotFound, "no conversation "+strconv.Quote(id), []Detail{{Path: "id", Message: "no such conversation"}})
		return
	}
	writeJSON(w, http.StatusOK, toRow(c))
}

// A cursor is opaque to clients: base64url of "<updated_at unix ns>.<id>".
func encodeCursor(c *conversation.Cursor) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(c.UpdatedAt.UnixNano(), 10) + "." + c.ID))
}

func decodeCursor(s string) (*conversation.Cursor, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	ns, id, ok := strings.Cut(string(raw), ".")
	if !ok || id == "" {
		return nil, false
	}
	n, err := strconv.ParseInt(ns, 10, 64)
	if err != nil {
		return nil, false
	}
	return &conversation.Cursor{UpdatedAt: time.Unix(0, n).UTC(), ID: id}, true
}
