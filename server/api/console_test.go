package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

type fakeIndex struct{ st knowledge.Status }

func (f fakeIndex) Status() knowledge.Status { return f.st }

type fakeModel struct{ calls int }

func (f *fakeModel) CheckModel(context.Context) ModelCheck {
	f.calls++
	return ModelCheck{Configured: true, OK: false, Kind: "auth", Status: 401, LatencyMS: 12, Message: "invalid key"}
}

func newConsoleAPI(t *testing.T) (http.Handler, *shop.Repo, *fakeModel, *conversation.Store) {
	t.Helper()
	d, repo := testDeps(t)
	m := &fakeModel{}
	d.Console = Console{Shop: repo, Index: fakeIndex{knowledge.Status{Ready: true, Docs: 7}}, Model: m}
	return New(d), repo, m, d.Conversations.(*conversation.Store)
}

func TestConsoleRoutesRoles(t *testing.T) {
	h, _, m, _ := newConsoleAPI(t)
	tests := []struct {
		user, method, path string
		want               int
	}{
		{"", "GET", "/api/v1/kb/status", 401},
		{"alice", "GET", "/api/v1/kb/status", 403},
		{"staff", "GET", "/api/v1/kb/status", 403},
		{"admin", "GET", "/api/v1/kb/status", 200},
		{"alice", "POST", "/api/v1/model/test", 403},
		{"staff", "POST", "/api/v1/model/test", 403},
		{"alice", "GET", "/api/v1/stats/series", 403},
		{"staff", "GET", "/api/v1/stats/series", 200},
		{"admin", "GET", "/api/v1/stats/series?days=7&tz=Asia/Shanghai", 200},
		{"admin", "GET", "/api/v1/stats/series?days=0", 400},
		{"admin", "GET", "/api/v1/stats/series?days=x", 400},
		{"admin", "GET", "/api/v1/stats/series?tz=Mars/Olympus", 400},
		{"admin", "GET", "/api/v1/stats/series?tz=Local", 400},
	}
	for _, tt := range tests {
		rec := do(h, tt.user, tt.method, tt.path, nil)
		if rec.Code != tt.want {
			t.Errorf("%s %s as %q: got %d want %d (%s)", tt.method, tt.path, tt.user, rec.Code, tt.want, rec.Body)
		}
	}
	if m.calls != 0 {
		t.Fatalf("a refused caller reached the model %d times", m.calls)
	}
	rec := do(h, "admin", "POST", "/api/v1/model/test", nil)
	var got ModelCheck
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &got) != nil || got.Kind != "auth" || got.LatencyMS != 12 || m.calls != 1 {
		t.Fatalf("model test as admin: %d %s (calls %d)", rec.Code, rec.Body, m.calls)
	}
	rec = do(h, "admin", "GET", "/api/v1/stats/series?tz=Mars/Olympus", nil)
	if !strings.Contains(rec.Body.String(), `"path":"tz"`) {
		t.Errorf("a bad tz does not name its path: %s", rec.Body)
	}
}

func TestKnowledgeStatusShowsTheLastImports(t *testing.T) {
	h, _, _, _ := newConsoleAPI(t)
	var empty map[string]json.RawMessage
	rec := do(h, "admin", "GET", "/api/v1/kb/status", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &empty); err != nil || string(empty["catalog"]) != "null" || string(empty["orders"]) != "null" {
		t.Fatalf("before any import: %s", rec.Body)
	}
	before := time.Now().Add(-time.Second)
	if rec := do(h, "admin", "POST", "/api/v1/catalog", strings.NewReader(catalog)); rec.Code != 200 {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	rec = do(h, "admin", "GET", "/api/v1/kb/status", nil)
	var st struct {
		Catalog *struct {
			ImportedAt time.Time      `json:"imported_at"`
			Counts     map[string]int `json:"counts"`
		} `json:"catalog"`
		Orders *struct{} `json:"orders"`
		Index  struct {
			Ready bool `json:"ready"`
			Docs  int  `json:"docs"`
		} `json:"index"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.Catalog == nil || st.Catalog.Counts["products"] != 1 || st.Catalog.Counts["skus"] != 1 || st.Catalog.ImportedAt.Before(before) {
		t.Fatalf("catalog after import: %s", rec.Body)
	}
	if st.Orders != nil || !st.Index.Ready || st.Index.Docs != 7 {
		t.Fatalf("orders/index: %s", rec.Body)
	}
	if strings.Contains(rec.Body.String(), "blob") || strings.Contains(rec.Body.String(), `"gen"`) {
		t.Errorf("storage details leaked: %s", rec.Body)
	}
}

func TestSeriesRouteCountsStoredConversations(t *testing.T) {
	h, _, _, convs := newConsoleAPI(t)
	now := time.Now().UTC()
	for i, topic := range []string{"quote_price", "quote_price", "get_order"} {
		id := string(rune('a' + i))
		if _, err := convs.Update(id, func(c *conversation.Conversation, _ bool) (bool, error) {
			c.ID, c.State, c.CreatedAt, c.UpdatedAt, c.Topics = id, conversation.StateBot, now, now, []string{topic}
			c.HandedOff = i == 2
			return true, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	rec := do(h, "staff", "GET", "/api/v1/stats/series?days=2", nil)
	var s conversation.Series
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	last := s.Days[len(s.Days)-1]
	if len(s.Days) != 2 || last.Conversations != 3 || last.HandedOff != 1 || s.TimeZone != "UTC" {
		t.Fatalf("series %s", rec.Body)
	}
	if len(s.Topics) != 2 || s.Topics[0] != (conversation.TopicCount{Topic: "quote_price", Conversations: 2}) {
		t.Fatalf("topics %+v", s.Topics)
	}
}
