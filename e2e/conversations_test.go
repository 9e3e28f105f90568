//go:build e2e

package e2e

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq" // the tests reach Mattermost's database directly to seed and to stage an upgrade
	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/api"
	conv "github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

// Issue 18 item 2 on the real server: conversations live in the plugin's tables in
// Mattermost's PostgreSQL, /conversations is paged, /stats reads counters.

// mmDB is Mattermost's database, where the plugin keeps its tables.
func mmDB(t *testing.T) *sql.DB {
	t.Helper()
	dsn := os.Getenv("E2E_PG_DSN")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:" + envOr("E2E_PG_PORT", "55432") + "/mattermost?sslmode=disable"
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.PingContext(t.Context()); err != nil {
		t.Fatalf("Mattermost's database: %v", err)
	}
	return db
}

// fullStats is GET /stats as staff read it.
type fullStats struct {
	Conversations int `json:"conversations"`
	ResolvedByBot int `json:"resolved_by_bot"`
	HandedOff     int `json:"handed_off"`
	Open          int `json:"open"`
	WaitingHuman  int `json:"waiting_human"`
	Human         int `json:"human"`
	Resolved      int `json:"resolved"`
	Messages      int `json:"messages"`
	BotReplies    int `json:"bot_replies"`
	CSATCount     int `json:"csat_count"`
}

func getStats(t *testing.T) fullStats {
	t.Helper()
	var st fullStats
	pluginGetJSON(t, "staff1", "/stats", &st)
	return st
}

// seedConversations stores n made-up conversations whose ids start with prefix,
// straight into the plugin's tables through the plugin's own store code (the
// path the KV migration takes): 100k in seconds, where 100k chat messages would
// take hours. Times are days in the past, so nothing about them changes while a
// test runs, and no seeded handoff is old enough to be reminded of.
func seedConversations(t *testing.T, prefix string, n int, base time.Time) []*conv.Conversation {
	t.Helper()
	states := []conv.State{conv.StateBot, conv.StateBot, conv.StateBot, conv.StateBot,
		conv.StateBot, conv.StateBot, conv.StateResolved, conv.StateResolved, conv.StateHuman}
	convs := make([]*conv.Conversation, 0, n)
	for i := 0; i < n; i++ {
		at := base.Add(-time.Duration(i/2) * time.Second) // pairs share a time: ties need the id order
		c := &conv.Conversation{
			ID: fmt.Sprintf("%s%06d", prefix, i), Kind: conv.KindThread, Customer: "seed", CustomerID: "seed",
			ChannelID: "seed", RootID: fmt.Sprintf("%s%06d", prefix, i), State: states[i%len(states)], Lang: "zh",
			CreatedAt: at.Add(-time.Hour), UpdatedAt: at, Messages: 3, BotReplies: 2,
		}
		if c.State != conv.StateBot && i%3 == 0 {
			c.HandedOff, c.HandedOffAt, c.HumanAt = true, &c.CreatedAt, &at
		}
		if c.State == conv.StateResolved {
			c.CSAT = 1 + i%5
		}
		convs = append(convs, c)
	}
	start := time.Now()
	added, err := conv.NewStore(store.NewSQLConvs(mmDB(t))).Import(t.Context(), convs)
	if err != nil || added != n {
		t.Fatalf("seed %d conversations: added %d, %v", n, added, err)
	}
	t.Logf("seeded %d conversations in %v", n, time.Since(start).Round(time.Millisecond))
	return convs
}

type convPage struct {
	Conversations []conversation `json:"conversations"`
	NextCursor    string         `json:"next_cursor"`
	PerPage       int            `json:"per_page"`
}

// TestConversationsPagesWalkEveryConversationOnce: pages of a state hold only that
// state, newest first, every conversation exactly once, as many as /stats counts.
func TestConversationsPagesWalkEveryConversationOnce(t *testing.T) {
	prefix := "pg" + strings.ToLower(model.NewId()[:8])
	seeded := seedConversations(t, prefix, 157, time.Now().Add(-72*time.Hour))
	want := map[string]bool{}
	var resolved []*conv.Conversation
	for _, c := range seeded {
		if c.State == conv.StateResolved {
			want[c.ID] = true
			resolved = append(resolved, c)
		}
	}
	// Newest first, ties by id descending: the order the API promises.
	sort.Slice(resolved, func(i, j int) bool {
		a, b := resolved[i], resolved[j]
		return a.UpdatedAt.After(b.UpdatedAt) || a.UpdatedAt.Equal(b.UpdatedAt) && a.ID > b.ID
	})
	var wantOrder []string
	for _, c := range resolved {
		wantOrder = append(wantOrder, c.ID)
	}
	total := getStats(t).Resolved
	seen := map[string]bool{}
	var order []string
	walked, cursor := 0, ""
	var prev time.Time
	for pages := 0; ; pages++ {
		if pages > total/9+2 {
			t.Fatalf("more pages than %d resolved conversations fill", total)
		}
		q := url.Values{"state": {"resolved"}, "per_page": {"9"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page convPage
		pluginGetJSON(t, "staff1", "/conversations?"+q.Encode(), &page)
		for i := range page.Conversations {
			c := page.Conversations[i]
			if c.State != "resolved" || seen[c.ID] {
				t.Fatalf("page %d: %s in state %q, or seen before", pages, c.ID, c.State)
			}
			var at time.Time
			if err := json.Unmarshal(c.UpdatedAt, &at); err != nil {
				t.Fatalf("updated_at %s: %v", c.UpdatedAt, err)
			}
			if !prev.IsZero() && at.After(prev) {
				t.Fatalf("page %d: %s (%v) listed after an older one (%v)", pages, c.ID, at, prev)
			}
			seen[c.ID], prev = true, at
			walked++
			if want[c.ID] {
				order = append(order, c.ID)
			}
		}
		if page.NextCursor == "" {
			break
		}
		if len(page.Conversations) != 9 {
			t.Fatalf("page %d has %d rows and a next page", pages, len(page.Conversations))
		}
		cursor = page.NextCursor
	}
	if walked != total {
		t.Errorf("walked %d resolved conversations, /stats counts %d", walked, total)
	}
	if strings.Join(order, ",") != strings.Join(wantOrder, ",") {
		t.Errorf("seeded resolved conversations listed as\n%v\nwant (newest first)\n%v", order, wantOrder)
	}

	// Bad parameters: 400 naming the parameter.
	for _, tc := range []struct{ query, path string }{
		{"per_page=0", "per_page"}, {"per_page=1000", "per_page"}, {"cursor=***", "cursor"}, {"state=closed", "state"},
	} {
		status, body := pluginHTTP(t, "staff1", http.MethodGet, "/conversations?"+tc.query, nil)
		var e api.ErrorBody
		_ = json.Unmarshal(body, &e)
		if status != http.StatusBadRequest || len(e.Details) != 1 || e.Details[0].Path != tc.path {
			t.Errorf("GET /conversations?%s: %d %s, want 400 naming %s", tc.query, status, truncate(body), tc.path)
		}
	}
}

// TestStatsCountRealConversations: two customers' conversations, one handed off,
// move the counters by exactly what happened.
func TestStatsCountRealConversations(t *testing.T) {
	ch := channelID(t, mmenv.ChannelGeneral)
	before := getStats(t)

	hello := postAs(t, newCustomer(t), ch, "Hello! Do you ship to Shanghai?", "")
	waitForBotReply(t, ch, hello.Id, postTime(hello), replyTimeout)
	ask := postAs(t, newCustomer(t), ch, "我要找人工客服，订单一直没发货", "")
	waitState(t, ask.Id, "waiting_human")

	// The reply's turn is counted just after it is posted: poll for it.
	var after fullStats
	poll(replyTimeout, func() bool { // the counts are checked below, met or not
		after = getStats(t)
		return after.BotReplies > before.BotReplies && after.HandedOff > before.HandedOff
	})
	d := fullStats{
		Conversations: after.Conversations - before.Conversations, HandedOff: after.HandedOff - before.HandedOff,
		Open: after.Open - before.Open, WaitingHuman: after.WaitingHuman - before.WaitingHuman,
		Messages: after.Messages - before.Messages, BotReplies: after.BotReplies - before.BotReplies,
		Resolved: after.Resolved - before.Resolved, Human: after.Human - before.Human,
	}
	if d.Conversations != 2 || d.HandedOff != 1 || d.Open != 1 || d.WaitingHuman != 1 || d.Messages != 2 || d.BotReplies < 1 ||
		d.Resolved != 0 || d.Human != 0 {
		t.Errorf("stats moved by %+v; want 2 conversations, 1 handed off, 1 open, 1 waiting, 2 messages, ≥1 bot reply", d)
	}
}

// TestUpgradeMovesKVConversationsIn: a conversation an older version kept in the
// KV store is in the tables after the plugin starts again, counted once.
func TestUpgradeMovesKVConversationsIn(t *testing.T) {
	db := mmDB(t)
	id := "legacy" + strings.ToLower(model.NewId()[:12])
	legacy := conv.Conversation{ID: id, Kind: conv.KindThread, Customer: "alice", ChannelID: "legacy-ch", RootID: id,
		State: conv.StateResolved, CreatedAt: time.Now().Add(-50 * time.Hour), UpdatedAt: time.Now().Add(-49 * time.Hour),
		Messages: 4, BotReplies: 2, CSAT: 5}
	data, _ := json.Marshal(legacy)

	before := getStats(t)
	disablePlugin(t)
	if _, err := db.ExecContext(t.Context(), `INSERT INTO PluginKeyValueStore (PluginId, PKey, PValue, ExpireAt) VALUES ($1, $2, $3, 0)`,
		mmenv.PluginID, "conv/c/"+id, data); err != nil {
		t.Fatal(err)
	}
	// As if this shop never ran a version with tables.
	if _, err := db.ExecContext(t.Context(), `DELETE FROM PluginKeyValueStore WHERE PluginId = $1 AND PKey = 'conv/migrated-to-tables'`, mmenv.PluginID); err != nil {
		t.Fatal(err)
	}
	enablePlugin(t)
	disablePlugin(t) // the first activation moved it; a second must not count it again
	enablePlugin(t)
	got, ok := conversationOf(t, id)
	if !ok || got.State != "resolved" || got.Customer != "alice" {
		t.Fatalf("legacy conversation after the upgrade: %+v (found %v)", got, ok)
	}
	var n int
	if err := db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM concierge_conversations WHERE id = $1`, id).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows for %s: %d %v", id, n, err)
	}
	after := getStats(t)
	if after.Conversations != before.Conversations+1 || after.CSATCount != before.CSATCount+1 || after.Resolved != before.Resolved+1 {
		t.Errorf("stats before %+v after %+v: want the legacy conversation counted once", before, after)
	}
}
