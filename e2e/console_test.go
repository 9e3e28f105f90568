//go:build e2e

package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/api"
	convpkg "github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// The System Console's routes on the real server (issue 19 item 3): what is
// imported, whether the model answers, the numbers over time. Who may call them
// is in the security matrix (security_test.go).

func TestConsoleKnowledgeStatus(t *testing.T) {
	ensureShop(t)
	var st struct {
		Catalog *struct {
			ImportedAt time.Time      `json:"imported_at"`
			Counts     map[string]int `json:"counts"`
		} `json:"catalog"`
		Orders *struct {
			Counts map[string]int `json:"counts"`
		} `json:"orders"`
		Index struct {
			Ready bool `json:"ready"`
			Docs  int  `json:"docs"`
		} `json:"index"`
	}
	pluginGetJSON(t, "admin", "/kb/status", &st)
	d := demo(t)
	if st.Catalog == nil || st.Catalog.Counts["products"] != len(d.catalog.Products) || st.Catalog.ImportedAt.IsZero() {
		t.Fatalf("catalog status %+v, want %d products", st.Catalog, len(d.catalog.Products))
	}
	if st.Orders == nil || st.Orders.Counts["orders"] != len(served.orders.Orders) {
		t.Fatalf("orders status %+v, want %d orders", st.Orders, len(served.orders.Orders))
	}
	if !st.Index.Ready || st.Index.Docs < len(d.catalog.Products) {
		t.Fatalf("index %+v", st.Index)
	}
	for _, who := range []string{"staff1", "alice"} {
		if status, body := pluginHTTP(t, who, http.MethodGet, "/kb/status", nil); status != http.StatusForbidden || strings.Contains(string(body), "products") {
			t.Errorf("GET /kb/status as %s: %d %s", who, status, truncate(body))
		}
	}
}

func TestConsoleModelTest(t *testing.T) {
	test := func() api.ModelCheck {
		t.Helper()
		status, body := pluginHTTP(t, "admin", http.MethodPost, "/model/test", nil)
		var got api.ModelCheck
		if status != http.StatusOK || json.Unmarshal(body, &got) != nil {
			t.Fatalf("POST /model/test: %d %s", status, truncate(body))
		}
		if strings.Contains(string(body), "sk-console") {
			t.Fatalf("the key is in the answer: %s", body)
		}
		return got
	}
	// Offline (the suite's default): nothing to test, and it says so.
	if got := test(); got.Configured || got.OK {
		t.Fatalf("offline: %+v", got)
	}

	const key = "sk-console-e2e-key"
	srv := llmtest.NewServer(t)
	srv.RequireKey(key)
	srv.On(nil, llmtest.Response{Text: "OK"})
	setPluginConfig(t, map[string]any{"llmbaseurl": srv.URL, "llmapikey": key, "llmmodel": "console-model"})
	if got := test(); !got.Configured || !got.OK || got.Model != "console-model" {
		t.Fatalf("a working model: %+v", got)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Authorization != "Bearer "+key {
		t.Fatalf("the model saw %d requests", len(reqs))
	}

	// A wrong key, and a server that quotes it back: an auth failure, the key nowhere.
	leaky := llmtest.NewServer(t)
	leaky.On(nil, llmtest.Response{Status: 401, Error: "invalid api key " + key})
	setPluginConfig(t, map[string]any{"llmbaseurl": leaky.URL, "llmapikey": key, "llmmodel": "console-model"})
	if got := test(); got.OK || got.Kind != "auth" || got.Status != 401 || strings.Contains(got.Message, key) {
		t.Fatalf("a refused key: %+v", got)
	}
	for _, who := range []string{"staff1", "alice"} {
		if status, _ := pluginHTTP(t, who, http.MethodPost, "/model/test", nil); status != http.StatusForbidden {
			t.Errorf("POST /model/test as %s: %d", who, status)
		}
	}
	if n := len(leaky.Requests()); n != 1 {
		t.Errorf("refused callers reached the model: %d requests", n)
	}
}

func TestConsoleSeriesCountsTodaysConversation(t *testing.T) {
	ensureShop(t)
	const tz = "Asia/Shanghai"
	series := func() convpkg.Series {
		t.Helper()
		var s convpkg.Series
		pluginGetJSON(t, "admin", "/stats/series?days=7&tz="+tz, &s)
		return s
	}
	topicSum := func(s convpkg.Series) int {
		n := 0
		for _, tc := range s.Topics {
			n += tc.Conversations
		}
		return n
	}
	before := series()
	cust := newCustomer(t)
	ask(t, cust, channelID(t, mmenv.ChannelGeneral), "疾风缓震跑鞋39码白色到手价多少？", "")
	// The turn is recorded just after the reply is posted: wait for it.
	var after convpkg.Series
	poll(replyTimeout, func() bool { after = series(); return topicSum(after) > topicSum(before) })
	if topicSum(after) <= topicSum(before) {
		t.Errorf("topics did not count the price question: before %+v after %+v", before.Topics, after.Topics)
	}
	today := time.Now().In(mustZone(t, tz)).Format(time.DateOnly)
	last := after.Days[len(after.Days)-1]
	if len(after.Days) != 7 || last.Date != today || after.TimeZone != tz {
		t.Fatalf("series days %+v (zone %s), want 7 ending %s", after.Days, after.TimeZone, today)
	}
	if got, was := last.Conversations, before.Days[len(before.Days)-1].Conversations; got != was+1 {
		t.Errorf("today's conversations %d, before %d: want one more", got, was)
	}
	hours := 0
	for _, n := range after.Hours {
		hours += n
	}
	if days := sumDays(after); hours != days {
		t.Errorf("hours add up to %d, days to %d", hours, days)
	}
	if status, body := pluginHTTP(t, "admin", http.MethodGet, "/stats/series?tz=Nowhere/Land", nil); status != http.StatusBadRequest || !strings.Contains(string(body), `"tz"`) {
		t.Errorf("a bad tz: %d %s", status, truncate(body))
	}
}

func sumDays(s convpkg.Series) int {
	n := 0
	for _, d := range s.Days {
		n += d.Conversations
	}
	return n
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
