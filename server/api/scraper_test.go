package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

func TestMetricsForStaffOrTheToken(t *testing.T) {
	h := New(Deps{
		Users: fakeUsers{}, Staff: fakeStaff{"staff": true}, Conversations: conversation.NewStore(store.NewMemoryConvs()),
		MetricsToken: func() string { return "tok-123" }, Log: fakeLog{},
	})
	get := func(user, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		if user != "" {
			req.Header.Set("Mattermost-User-ID", user)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get("", "Bearer tok-123"); rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain; version=0.0.4") ||
		!strings.Contains(rec.Body.String(), "concierge_conversations 0") {
		t.Fatalf("token: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	for name, c := range map[string]struct {
		user, auth string
		want       int
	}{
		"wrong token": {"", "Bearer nope", http.StatusUnauthorized},
		"no session":  {"", "", http.StatusUnauthorized},
		"customer":    {"alice", "", http.StatusUnauthorized}, // unknown to fakeUsers: the auth path answers 401
	} {
		if rec := get(c.user, c.auth); rec.Code != c.want {
			t.Errorf("%s: %d, want %d", name, rec.Code, c.want)
		}
	}
}

func TestMetricsTokenUnsetRefusesBearer(t *testing.T) {
	h := New(Deps{Users: fakeUsers{}, Staff: fakeStaff{}, Conversations: conversation.NewStore(store.NewMemoryConvs()), Log: fakeLog{}})
	req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
	req.Header.Set("Authorization", "Bearer ")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("%d", rec.Code)
	}
}

func TestMetricsRefusedToACustomer(t *testing.T) {
	h, _ := newTestAPI(t)
	if rec := do(h, "alice", http.MethodGet, "/metrics", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("customer: %d", rec.Code)
	}
	if rec := do(h, "staff", http.MethodGet, "/metrics", nil); rec.Code != http.StatusOK {
		t.Fatalf("staff: %d", rec.Code)
	}
}
