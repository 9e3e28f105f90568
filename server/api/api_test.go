package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

type fakeUsers map[string]*model.User

func (f fakeUsers) GetUser(id string) (*model.User, *model.AppError) {
	if u, ok := f[id]; ok {
		return u, nil
	}
	return nil, model.NewAppError("GetUser", "not_found", nil, "", http.StatusNotFound)
}

type fakeStaff map[string]bool

func (f fakeStaff) IsStaff(id string) bool { return f[id] }

type fakeSearch struct{ q string }

func (f *fakeSearch) Search(_ context.Context, q string, _ knowledge.SearchOptions) ([]knowledge.Hit, error) {
	f.q = q
	return []knowledge.Hit{{Kind: knowledge.KindFAQ, ID: "f-1", Title: "T", Score: 1}}, nil
}

type fakeLog struct{}

func (fakeLog) LogError(string, ...any) {}

type testLock struct{}

func (testLock) LockWithContext(context.Context) error { return nil }
func (testLock) Unlock()                               {}

func newTestAPI(t *testing.T) (http.Handler, *shop.Repo) {
	t.Helper()
	d, repo := testDeps(t)
	return New(d), repo
}

// testDeps are the API's dependencies with an admin, a staff member and a
// customer, an empty shop and no conversations.
func testDeps(t *testing.T) (Deps, *shop.Repo) {
	t.Helper()
	users := fakeUsers{
		"admin": {Id: "admin", Username: "admin", Roles: model.SystemAdminRoleId + " " + model.SystemUserRoleId},
		"staff": {Id: "staff", Username: "staff1", Roles: model.SystemUserRoleId},
		"alice": {Id: "alice", Username: "alice", Roles: model.SystemUserRoleId},
		"li":    {Id: "li", Username: "li", Roles: model.SystemUserRoleId, Locale: "zh-CN"},
	}
	n := 0
	repo := shop.NewRepo(store.NewMemory(), testLock{}, func() string { n++; return string(rune('a' + n)) })
	if err := repo.Load(context.Background()); err != nil {
		panic(err) // an empty memory store cannot fail
	}
	return Deps{
		Users: users, Staff: fakeStaff{"staff": true}, Shop: repo, Search: &fakeSearch{},
		Conversations: conversation.NewStore(store.NewMemoryConvs()), Log: fakeLog{},
	}, repo
}

func do(h http.Handler, user, method, path string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, body)
	if user != "" {
		req.Header.Set("Mattermost-User-ID", user)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const catalog = `{"currency":"CNY","products":[{"id":"p1","title":"Runner","category":"running-shoes",
 "skus":[{"id":"s1","price":59900,"stock":3}]}]}`

func TestAuthAndRoles(t *testing.T) {
	h, _ := newTestAPI(t)
	tests := []struct {
		user, method, path, body string
		want                     int
	}{
		{"", "GET", "/api/v1/stats", "", 401},
		{"alice", "GET", "/api/v1/stats", "", 403},
		{"staff", "GET", "/api/v1/stats", "", 200},
		{"admin", "GET", "/api/v1/stats", "", 200},
		{"alice", "GET", "/api/v1/conversations", "", 403},
		{"staff", "GET", "/api/v1/conversations?state=bogus", "", 400},
		{"staff", "GET", "/api/v1/conversations?state=human", "", 200},
		{"staff", "POST", "/api/v1/catalog", catalog, 403},
		{"alice", "POST", "/api/v1/orders", `{}`, 403},
		{"", "POST", "/api/v1/quote", `{}`, 401},
		{"alice", "GET", "/api/v1/search?q=x", "", 403},
		{"staff", "GET", "/api/v1/search", "", 400},
		{"staff", "GET", "/api/v1/search?q=x&limit=0", "", 400},
		{"staff", "GET", "/api/v1/search?q=x", "", 200},
		{"admin", "GET", "/api/v1/nothing", "", 404},
	}
	for _, tt := range tests {
		rec := do(h, tt.user, tt.method, tt.path, strings.NewReader(tt.body))
		if rec.Code != tt.want {
			t.Errorf("%s %s as %q: got %d want %d (%s)", tt.method, tt.path, tt.user, rec.Code, tt.want, rec.Body)
		}
	}
}

func TestImportAndQuote(t *testing.T) {
	h, repo := newTestAPI(t)
	rec := do(h, "admin", "POST", "/api/v1/catalog", strings.NewReader(catalog))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"products":1`) {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	// A bad document: 400 with paths, the stored catalog unchanged.
	rec = do(h, "admin", "POST", "/api/v1/catalog", strings.NewReader(`{"currency":"CNY","products":[{"id":"p2","title":"x","skus":[{"id":"s2","price":-1,"stock":0}]}]}`))
	var body struct {
		Error   string        `json:"error"`
		Details []shop.Detail `json:"details"`
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if rec.Code != 400 || len(body.Details) == 0 || body.Details[0].Path != "products[0].skus[0].price" {
		t.Fatalf("bad import: %d %s", rec.Code, rec.Body)
	}
	if repo.Snapshot().Product("p1") == nil {
		t.Fatal("bad import changed the catalog")
	}
	rec = do(h, "alice", "POST", "/api/v1/quote", strings.NewReader(`{"items":[{"sku_id":"s1","qty":2}]}`))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"total":119800`) {
		t.Fatalf("quote: %d %s", rec.Code, rec.Body)
	}
	for body, path := range map[string]string{
		`{"items":[{"sku_id":"nope","qty":1}]}`: "items[0].sku_id",
		`{"items":[{"sku_id":"s1","qty":0}]}`:   "items[0].qty",
	} {
		rec = do(h, "alice", "POST", "/api/v1/quote", strings.NewReader(body))
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), path) {
			t.Errorf("quote %s: %d %s, want 400 naming %s", body, rec.Code, rec.Body, path)
		}
	}
	rec = do(h, "alice", "POST", "/api/v1/quote", strings.NewReader(`{"items":[],"extra":1}`))
	if rec.Code != 400 {
		t.Errorf("unknown field: %d", rec.Code)
	}
}

func TestBodyLimits(t *testing.T) {
	h, _ := newTestAPI(t)
	big := bytes.Repeat([]byte(" "), MaxBody+10)
	rec := do(h, "alice", "POST", "/api/v1/quote", bytes.NewReader(big))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("quote body over 10 MiB: %d", rec.Code)
	}
	// The import limit is larger: 11 MiB of whitespace then a document is accepted as far as size goes.
	doc := append(bytes.Repeat([]byte(" "), MaxBody+10), []byte(catalog)...)
	rec = do(h, "admin", "POST", "/api/v1/catalog", bytes.NewReader(doc))
	if rec.Code != 200 {
		t.Fatalf("catalog of 11 MiB: %d %s", rec.Code, rec.Body)
	}
}

// A panic in a handler (here a card action's, like a refund click on a card the KV
// store failed to return) is a 500 with a JSON body, not the end of the plugin.
func TestPanicIsA500(t *testing.T) {
	h := New(Deps{Users: fakeUsers{}, Staff: fakeStaff{}, Log: fakeLog{},
		Actions: map[string]http.Handler{"refund": http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			var card *struct{ Amount int }
			_ = card.Amount //nolint:govet // a deliberate nil dereference: the panic under test
		})}})
	req := httptest.NewRequest(http.MethodPost, "/api/v1/actions/refund", strings.NewReader(`{}`))
	req.Header.Set("Mattermost-User-ID", "alice")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var body map[string]any
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != "application/json" ||
		json.Unmarshal(rec.Body.Bytes(), &body) != nil || body["error"] == nil {
		t.Fatalf("%d %v %q", rec.Code, rec.Header(), rec.Body.String())
	}
}

// Trailing data after a complete JSON body is a 400 naming the problem on every
// POST route, including a stray closing bracket that json.Decoder.More misses.
func TestTrailingDataIsRejected(t *testing.T) {
	h, _ := newTestAPI(t)
	bodies := map[string]string{
		"/api/v1/quote":   `{"items":[{"sku_id":"s1","qty":1}]}`,
		"/api/v1/catalog": catalog,
		"/api/v1/orders":  `{"orders":[]}`,
	}
	for path, body := range bodies {
		for _, tail := range []string{" garbage", "}", "]", ` {"a":1}`} {
			rec := do(h, "admin", "POST", path, strings.NewReader(body+tail))
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "trailing") {
				t.Errorf("%s with %q after the body: %d %s, want 400 naming trailing data", path, tail, rec.Code, rec.Body)
			}
		}
	}
}
