package api

import (
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

func newConvAPI(t *testing.T, n int) (*conversation.Store, func(user, path string) (int, map[string]json.RawMessage)) {
	t.Helper()
	convs := conversation.NewStore(store.NewMemoryConvs())
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("c%03d", i)
		st := conversation.StateBot
		if i%3 == 0 {
			st = conversation.StateWaitingHuman
		}
		if _, err := convs.Update(id, func(c *conversation.Conversation, _ bool) (bool, error) {
			*c = conversation.Conversation{ID: id, Customer: "u" + id, State: st, UpdatedAt: base.Add(time.Duration(i/2) * time.Second)}
			return true, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	h := New(Deps{Users: fakeUsers{"staff": {Id: "staff", Username: "staff1"}, "alice": {Id: "alice", Username: "alice"}},
		Staff: fakeStaff{"staff": true}, Conversations: convs, Log: fakeLog{}})
	return convs, func(user, path string) (int, map[string]json.RawMessage) {
		rec := do(h, user, "GET", path, nil)
		var body map[string]json.RawMessage
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %v (%s)", path, err, rec.Body)
		}
		return rec.Code, body
	}
}

func TestConversationsPaginate(t *testing.T) {
	_, get := newConvAPI(t, 25)
	for _, tc := range []struct {
		state string
		want  int
	}{{"", 25}, {"waiting_human", 9}} {
		seen := map[string]bool{}
		cursor := ""
		for pages := 1; ; pages++ {
			q := url.Values{"per_page": {"4"}}
			if tc.state != "" {
				q.Set("state", tc.state)
			}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			code, body := get("staff", "/api/v1/conversations?"+q.Encode())
			var rows []row
			if err := json.Unmarshal(body["conversations"], &rows); code != 200 || err != nil {
				t.Fatalf("page %d: %d %v", pages, code, err)
			}
			for _, r := range rows {
				if seen[r.ID] || (tc.state != "" && r.State != tc.state) {
					t.Fatalf("%s repeated or in the wrong state on page %d", r.ID, pages)
				}
				seen[r.ID] = true
			}
			next, more := body["next_cursor"]
			if !more {
				if len(seen) != tc.want || pages != (tc.want+3)/4 {
					t.Fatalf("state %q: %d rows in %d pages, want %d", tc.state, len(seen), pages, tc.want)
				}
				break
			}
			if len(rows) != 4 || json.Unmarshal(next, &cursor) != nil {
				t.Fatalf("page %d of %d rows with next_cursor %s", pages, len(rows), next)
			}
		}
	}
	// Without per_page: the default page size.
	_, body := get("staff", "/api/v1/conversations")
	var rows []row
	_ = json.Unmarshal(body["conversations"], &rows)
	if string(body["per_page"]) != "50" || len(rows) != 25 {
		t.Fatalf("default page: per_page %s, %d rows", body["per_page"], len(rows))
	}
}

func TestConversationsBadParamsName400(t *testing.T) {
	_, get := newConvAPI(t, 3)
	for _, tc := range []struct{ query, path string }{
		{"per_page=0", "per_page"}, {"per_page=201", "per_page"}, {"per_page=ten", "per_page"},
		{"cursor=%21%21", "cursor"}, {"cursor=" + url.QueryEscape("bm90LWEtY3Vyc29y"), "cursor"},
		{"state=open", "state"},
	} {
		code, body := get("staff", "/api/v1/conversations?"+tc.query)
		var details []Detail
		_ = json.Unmarshal(body["details"], &details)
		if code != 400 || len(details) != 1 || details[0].Path != tc.path {
			t.Errorf("%s: %d %v, want 400 naming %s", tc.query, code, details, tc.path)
		}
	}
}

func TestConversationByID(t *testing.T) {
	_, get := newConvAPI(t, 3)
	code, body := get("staff", "/api/v1/conversations/c001")
	if code != 200 || string(body["customer"]) != `"uc001"` {
		t.Fatalf("c001: %d %v", code, body)
	}
	if code, _ := get("staff", "/api/v1/conversations/nope"); code != 404 {
		t.Fatalf("missing: %d", code)
	}
	if code, _ := get("alice", "/api/v1/conversations/c001"); code != 403 {
		t.Fatalf("a customer read a conversation: %d", code)
	}
}
