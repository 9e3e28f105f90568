//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	conv "github.com/concierge-shop/concierge/server/conversation"
)

// TestConversationsAtScale seeds E2E_SCALE_CONVERSATIONS conversations (5,000 in
// the suite; `make bench` runs it with 100,000) and measures, client-side through
// HTTP as staff, GET /stats and pages of GET /conversations. The counts must match
// what was seeded; the latencies are printed as figures ("BENCH" lines).
func TestConversationsAtScale(t *testing.T) {
	n := 5000
	if s := os.Getenv("E2E_SCALE_CONVERSATIONS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("E2E_SCALE_CONVERSATIONS=%q", s)
		}
		n = v
	}
	before := getStats(t)
	// A month back: older than every real conversation, so real ones stay on top.
	seeded := seedConversations(t, "sc"+strings.ToLower(model.NewId()[:8]), n, time.Now().Add(-30*24*time.Hour))
	after := getStats(t)
	var resolved, csat int
	for _, c := range seeded {
		if c.State == conv.StateResolved {
			resolved++
		}
		if c.CSAT > 0 {
			csat++
		}
	}
	if after.Conversations-before.Conversations != n || after.Resolved-before.Resolved != resolved || after.CSATCount-before.CSATCount != csat {
		t.Fatalf("after seeding %d (%d resolved, %d rated): stats moved from %+v to %+v", n, resolved, csat, before, after)
	}

	const rounds = 300
	cursor := "" // the next_cursor of the last page read
	measure := func(name string, path func(i int) string) {
		t.Helper()
		var took []time.Duration
		for i := 0; i < rounds+20; i++ {
			p := path(i)
			start := time.Now()
			var resp *http.Response
			var err error
			if strings.HasPrefix(p, "/api/v4/") { // Mattermost itself: the floor under any plugin route
				resp, err = plainGet(t, "staff1", p)
			} else {
				resp, err = h.PluginRequest(t.Context(), "staff1", http.MethodGet, "/api/v1"+p, nil)
			}
			if err != nil {
				t.Fatalf("GET %s: %v", p, err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			d := time.Since(start)
			want := http.StatusOK
			if p == "/conversations/none" {
				want = http.StatusNotFound
			}
			if err != nil || resp.StatusCode != want {
				t.Fatalf("GET %s: %d %v %s", p, resp.StatusCode, err, truncate(body))
			}
			if strings.HasPrefix(p, "/conversations?") {
				var page convPage
				if err := json.Unmarshal(body, &page); err != nil || len(page.Conversations) == 0 {
					t.Fatalf("GET %s: %v, %d rows", p, err, len(page.Conversations))
				}
				cursor = page.NextCursor
			}
			if i >= 20 { // the first few warm the caches
				took = append(took, d)
			}
		}
		slices.Sort(took)
		q := func(p float64) string {
			return fmt.Sprintf("%.1f ms", float64(took[int(p*float64(len(took)-1))].Microseconds())/1000)
		}
		line := fmt.Sprintf("BENCH conversations=%d %-40s p50 %s  p99 %s  max %s", n, name, q(0.50), q(0.99), q(1))
		t.Log(line)
		fmt.Println(line)
	}
	// The floors: a Mattermost route, and a plugin route that checks the caller is
	// staff and reads one missing row.
	measure("baseline GET /api/v4/users/me", func(int) string { return "/api/v4/users/me" })
	measure("baseline GET /conversations/{missing}", func(int) string { return "/conversations/none" })
	measure("GET /stats", func(int) string { return "/stats" })
	measure("GET /conversations?per_page=50", func(int) string { return "/conversations?per_page=50" })
	measure("GET /conversations?state=resolved&per_page=50", func(int) string { return "/conversations?state=resolved&per_page=50" })
	// Walking on: each request the page after the last, ever deeper.
	cursor = ""
	measure("GET /conversations next pages (walk)", func(int) string {
		q := url.Values{"per_page": {"50"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		return "/conversations?" + q.Encode()
	})
}

// plainGet is a GET of a Mattermost REST route as user.
func plainGet(t *testing.T, user, path string) (*http.Response, error) {
	t.Helper()
	c, ok := h.Client(user)
	if !ok {
		t.Fatalf("unknown user %q", user)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, h.URL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(model.HeaderAuth, model.HeaderBearer+" "+c.AuthToken)
	return http.DefaultClient.Do(req)
}
