//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/concierge-shop/concierge/server/i18n"
)

// Issue 17 on the real server: the handoff summary covers the whole conversation,
// a DM handoff is worked end to end from its staff thread, and /metrics is
// Prometheus text.

// handoffCard waits for the handoff card of conversation convID in the staff channel.
func handoffCard(t *testing.T, convID string, after time.Time) *model.Post {
	t.Helper()
	return waitForBotPost(t, channelID(t, mmenv.ChannelStaff), after, replyTimeout, "handoff card", func(p *model.Post) bool {
		return p.GetProp("concierge_handoff") == convID
	})
}

func TestHandoffSummaryNamesTheEarlierQuestion(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	ch := channelID(t, mmenv.ChannelGeneral)
	q := postAs(t, cust, ch, "疾风缓震跑鞋多少钱？", "")
	waitForBotReply(t, ch, q.Id, postTime(q), replyTimeout)
	human := postAs(t, cust, ch, "人工客服", q.Id)
	card := handoffCard(t, q.Id, postTime(human))

	fields := fieldText(card)
	wants := i18n.T(i18n.ZH, "handoff.card.wants")
	if !strings.Contains(fields, "疾风缓震跑鞋多少钱") {
		t.Errorf("the summary does not name the question asked before the handoff:\n%s", fields)
	}
	if strings.Contains(fields, "> 人工客服") {
		t.Errorf("the summary quotes the bare request for a person as what the customer wants:\n%s", fields)
	}
	for _, title := range []string{wants, i18n.T(i18n.ZH, "handoff.card.mood"), i18n.T(i18n.ZH, "handoff.card.language"), i18n.T(i18n.ZH, "handoff.card.next")} {
		if !strings.Contains(fields, title) {
			t.Errorf("the summary lacks %q:\n%s", title, fields)
		}
	}
}

func TestDMHandoffWorkedFromTheStaffThread(t *testing.T) {
	ensureShop(t)
	cust := newCustomer(t)
	dm := dmWithBot(t, cust)
	staffCh := channelID(t, mmenv.ChannelStaff)

	ask := postAs(t, cust, dm, "我要人工客服", "")
	card := handoffCard(t, dm, postTime(ask))
	state := func(want string) {
		t.Helper()
		var c dmConv
		if !poll(replyTimeout, func() bool {
			got, ok := dmConversation(t, dm)
			c = got
			return ok && c.State == want
		}) {
			t.Fatalf("DM conversation: %+v, want state %s", c, want)
		}
		if c.StaffPostID != card.Id {
			t.Errorf("the panel's conversation links %q, want the staff thread %q", c.StaffPostID, card.Id)
		}
	}
	state("waiting_human")

	// Take over from the staff thread.
	if out := threadCommand(t, "staff1", staffCh, card.Id, "/concierge takeover"); !strings.Contains(out, "@"+cust) {
		t.Fatalf("takeover in the staff thread answered %q", out)
	}
	state("human")

	// Staff answer in the thread: relayed into the DM, signed.
	said := postAs(t, "staff1", staffCh, "您好，我来帮您看看。", card.Id)
	relayed := waitForBotPost(t, dm, postTime(said), replyTimeout, "staff words in the DM", func(p *model.Post) bool {
		return strings.Contains(p.Message, "您好，我来帮您看看。")
	})
	staffName := lookup(t, h.User, "user", "staff1").GetDisplayName(model.ShowNicknameFullName)
	if !strings.Contains(relayed.Message, staffName) {
		t.Errorf("relayed words not signed with %q: %q", staffName, relayed.Message)
	}
	// The customer's answer reaches the staff thread; the bot stays quiet in the DM.
	back := postAs(t, cust, dm, "好的，订单号是多少来着", "")
	waitForBotPost(t, staffCh, postTime(back), replyTimeout, "customer words in the staff thread", func(p *model.Post) bool {
		return p.RootId == card.Id && strings.Contains(p.Message, "订单号是多少来着")
	})
	assertNoBotReply(t, back)

	// Hand back: the customer hears it, and the bot answers again.
	start := time.Now()
	if out := threadCommand(t, "staff1", staffCh, card.Id, "/concierge handback"); !strings.Contains(out, "@"+cust) {
		t.Fatalf("handback in the staff thread answered %q", out)
	}
	state("bot")
	waitForBotPost(t, dm, start, replyTimeout, "handback notice", func(p *model.Post) bool {
		return p.Message == i18n.T(i18n.ZH, "handback.notice")
	})
	q := postAs(t, cust, dm, "请问包邮吗？", "")
	waitForBotReply(t, dm, "", postTime(q), replyTimeout)

	// Resolve from the staff thread: the DM is resolved and the customer asked to rate.
	start = time.Now()
	threadCommand(t, "staff1", staffCh, card.Id, "/concierge resolve")
	state("resolved")
	waitForBotPost(t, dm, start, replyTimeout, "rating card", func(p *model.Post) bool { return p.GetProp("concierge_csat") != nil })
}

type dmConv struct {
	ID          string `json:"id"`
	State       string `json:"state"`
	Kind        string `json:"kind"`
	StaffPostID string `json:"staff_post_id"`
}

func dmConversation(t *testing.T, dm string) (dmConv, bool) {
	t.Helper()
	var c dmConv
	ok := conversationByID(t, "staff1", dm, &c)
	return c, ok
}

// TestMetricsIsPrometheusText: staff and a scraper with the token read it; a
// customer and a wrong token do not.
func TestMetricsIsPrometheusText(t *testing.T) {
	status, body := pluginHTTP(t, "staff1", http.MethodGet, "/metrics", nil)
	if status != http.StatusOK {
		t.Fatalf("GET /metrics as staff1: %d %s", status, truncate(body))
	}
	requirePrometheus(t, body)
	if status, _ := pluginHTTP(t, "alice", http.MethodGet, "/metrics", nil); status != http.StatusForbidden {
		t.Errorf("GET /metrics as a customer: %d, want 403", status)
	}

	setPluginConfig(t, map[string]any{"metricstoken": "scrape-tok-1"})
	scrape := func(token string) (int, []byte) {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, h.URL+"/plugins/"+mmenv.PluginID+"/metrics", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, b.Bytes()
	}
	// The settings change reaches the plugin asynchronously: poll for the token to work.
	if !poll(replyTimeout, func() bool { status, body = scrape("scrape-tok-1"); return status == http.StatusOK }) {
		t.Fatalf("scrape with the token: %d %s", status, truncate(body))
	}
	requirePrometheus(t, body)
	if status, _ := scrape("wrong"); status != http.StatusUnauthorized {
		t.Errorf("scrape with a wrong token: %d, want 401", status)
	}
}

// requirePrometheus checks the text exposition format: comments, or a sample
// `name{labels} value` whose metric was TYPEd and whose value parses.
func requirePrometheus(t *testing.T, body []byte) {
	t.Helper()
	typed := map[string]bool{}
	samples := 0
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) >= 4 && f[0] == "#" && f[1] == "TYPE" {
			typed[f[2]] = true
			continue
		}
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		name, value, ok := strings.Cut(line, " ")
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
		}
		if _, err := strconv.ParseFloat(value, 64); !ok || err != nil || !typed[name] {
			t.Errorf("not Prometheus text: %q", line)
		}
		samples++
	}
	for _, want := range []string{"concierge_conversations", "concierge_handoff_rate", "concierge_csat_average", "concierge_tool_errors", "concierge_model_fallbacks", "concierge_time_to_human_seconds"} {
		if !typed[want] {
			t.Errorf("metric %s missing:\n%s", want, body)
		}
	}
	if samples == 0 {
		t.Fatalf("no samples:\n%s", body)
	}
}

// TestHandoffRoundRobinAlternates: with two staff members on duty, consecutive
// handoffs mention one each, in turn.
func TestHandoffRoundRobinAlternates(t *testing.T) {
	// Both keep the app open for the whole run (TestMain).
	setStatus(t, "staff1", model.StatusOnline)
	setStatus(t, "admin", model.StatusOnline)
	var got []string
	for range 3 {
		cust := newCustomer(t)
		dm := dmWithBot(t, cust)
		ask := postAs(t, cust, dm, "我要人工客服", "")
		card := handoffCard(t, dm, postTime(ask))
		var who []string
		for _, u := range []string{"admin", "staff1"} {
			if strings.Contains(card.Message, "@"+u) {
				who = append(who, u)
			}
		}
		if len(who) != 1 {
			t.Fatalf("handoff card mentions %v, want exactly one staff member on duty: %q", who, card.Message)
		}
		got = append(got, who[0])
	}
	if got[0] == got[1] || got[1] == got[2] {
		t.Errorf("round robin did not alternate: %v", got)
	}
}

// TestAfterHoursHandoffTellsWhen: outside the business hours the customer handed
// to staff is told when a person will answer.
func TestAfterHoursHandoffTellsWhen(t *testing.T) {
	now := time.Now().UTC()
	open := now.Add(2 * time.Hour)
	spec := open.Format("15") + ":00-" + open.Add(time.Hour).Format("15") + ":00"
	setPluginConfig(t, map[string]any{"businesshours": spec, "businesstimezone": "UTC"})
	cust := newCustomer(t)
	dm := dmWithBot(t, cust)
	ask := postAs(t, cust, dm, "我要人工客服", "")
	handoffCard(t, dm, postTime(ask))
	want := open.Format("01-02 15") + ":00"
	waitForBotPost(t, dm, postTime(ask), replyTimeout, "after-hours notice saying "+want, func(p *model.Post) bool {
		return strings.Contains(p.Message, want) && strings.Contains(p.Message, "UTC")
	})
}
