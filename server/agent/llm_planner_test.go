package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
	"github.com/concierge-shop/concierge/server/tool"
)

// The LLM planner against a scripted OpenAI-compatible server over real HTTP, on the
// demo shop. The offline planner is the fallback, so "falls back" is checked by
// comparing with what the offline planner says to the same turn.

const testKey = "sk-test-Secret&<key>"

type recordingStream struct {
	mu     sync.Mutex
	writes []string
	stale  bool
}

func (r *recordingStream) Write(text string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stale {
		return false
	}
	r.writes = append(r.writes, text)
	return true
}

type warnLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *warnLog) LogWarn(msg string, kv ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, msg+" "+fmt.Sprint(kv...))
}

func newLLMPlanner(t *testing.T, f *fixture) (*LLMPlanner, *llmtest.Server, *warnLog) {
	t.Helper()
	srv := llmtest.NewServer(t)
	srv.RequireKey(testKey)
	log := &warnLog{}
	p := &LLMPlanner{
		Model:    llm.New(llm.Config{BaseURL: srv.URL, APIKey: testKey, Model: "test-model"}),
		Deps:     f.deps,
		Fallback: NewOffline(f.deps),
		Log:      log,
	}
	return p, srv, log
}

func offlineReply(t *testing.T, f *fixture, tr Turn) string {
	t.Helper()
	r, err := NewOffline(f.deps).Plan(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	return r.Text
}

func TestLLMPlannerQuotesWithTheTool(t *testing.T) {
	f := newFixture(t)
	p, srv, log := newLLMPlanner(t, f)
	q := quote(t, "alice", "", commerce.CartLine{SKUID: "s-run-1-39-white", Qty: 1})
	srv.On(llmtest.AfterTool(tool.QuotePrice), llmtest.Response{Text: "疾风缓震跑鞋39码白色，叠加优惠后到手价 " + money(q.Total) + "。"})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: tool.QuotePrice, Arguments: `{"items":[{"sku_id":"s-run-1-39-white","qty":1}]}`}}})

	tr := turn("alice", "疾风缓震跑鞋39码白色到手价多少")
	out := &recordingStream{}
	tr.Stream = out
	r, err := p.Plan(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, r.Text, money(q.Total))
	if len(log.lines) != 0 {
		t.Fatalf("fell back: %v", log.lines)
	}
	if len(out.writes) < 2 || out.writes[len(out.writes)-1] != r.Text {
		t.Fatalf("streamed %q, final %q", out.writes, r.Text)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d model calls, want 2", len(reqs))
	}
	name, result, ok := reqs[1].ToolResult()
	if !ok || name != tool.QuotePrice {
		t.Fatalf("second call's last message is not the quote result: %+v", reqs[1].Last())
	}
	var got commerce.Quote
	if err := json.Unmarshal([]byte(result), &got); err != nil || got.Total != q.Total {
		t.Fatalf("tool result %s, want total %d", result, q.Total)
	}
	first := reqs[0]
	if !strings.Contains(first.System(), "@alice") || !strings.Contains(first.System(), "Simplified Chinese") {
		t.Errorf("system prompt lacks the customer or the language:\n%s", first.System())
	}
	if len(first.Tools) != len(toolOrder) || first.Model != "test-model" {
		t.Errorf("offered %d tools to model %q", len(first.Tools), first.Model)
	}
	for _, r := range reqs {
		if strings.Contains(string(r.Body), "Secret") {
			t.Fatal("the API key reached the model's messages")
		}
	}
}

func TestLLMPlannerOffersARefundCardBoundToTheCustomer(t *testing.T) {
	f := newFixture(t)
	p, srv, _ := newLLMPlanner(t, f)
	// The model tries another customer's order first, then alice's own.
	srv.On(llmtest.AfterTool(tool.OfferRefund), llmtest.Response{Text: "I have prepared the deposit refund for O-1003: please confirm the card below."})
	srv.On(llmtest.AfterTool(tool.GetOrder), llmtest.Response{ToolCalls: []llmtest.ToolCall{
		{Name: tool.OfferRefund, Arguments: `{"order_id":"O-1003","kind":"deposit","reason":"customer asked"}`}}})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: tool.GetOrder, Arguments: `{"order_id":"O-3001"}`}}})

	r, err := p.Plan(context.Background(), turn("alice", "refund my deposit please"))
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, c := range r.Offers {
		fields = append(fields, c.OrderID)
	}
	if len(r.Offers) != 1 || !strings.Contains(strings.Join(fields, " "), "O-1003") {
		t.Fatalf("want one card for O-1003, got %d attachments", len(r.Offers))
	}
	_, result, _ := srv.Requests()[1].ToolResult()
	if !strings.Contains(result, `"error"`) || strings.Contains(result, "carol") {
		t.Fatalf("get_order of carol's order as alice returned %s", result)
	}
}

func TestLLMPlannerFallsBackToOffline(t *testing.T) {
	cases := []struct {
		name   string
		script func(*llmtest.Server)
		kind   string
	}{
		{"server error", func(s *llmtest.Server) { s.On(nil, llmtest.Response{Status: 503, Error: "overloaded"}) }, "unavailable"},
		{"empty answer", func(s *llmtest.Server) { s.On(nil, llmtest.Response{Text: "  "}) }, ""},
		{"tools forever", func(s *llmtest.Server) {
			s.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: tool.ListOrders, Arguments: `{}`}}})
		}, ""},
		{"an invented price", func(s *llmtest.Server) {
			s.On(llmtest.AfterTool(tool.SearchKnowledge), llmtest.Response{Text: "The Gale Cushion Runner costs ¥123.45 today."})
			s.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: tool.SearchKnowledge, Arguments: `{"query":"Gale Cushion Runner"}`}}})
		}, ""},
		{"a price without any tool", func(s *llmtest.Server) { s.On(nil, llmtest.Response{Text: "Only ¥99 today!"}) }, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			p, srv, log := newLLMPlanner(t, f)
			tc.script(srv)
			tr := turn("carol", "Is shipping free?")
			r, err := p.Plan(context.Background(), tr)
			if err != nil {
				t.Fatal(err)
			}
			if want := offlineReply(t, f, tr); r.Text != want {
				t.Fatalf("reply %q, want the offline planner's %q", r.Text, want)
			}
			if len(log.lines) != 1 || !strings.Contains(log.lines[0], tc.kind) {
				t.Fatalf("warnings %v", log.lines)
			}
			if strings.Contains(strings.Join(log.lines, " "), "Secret") {
				t.Fatal("the API key reached the log")
			}
		})
	}
}

func TestLLMPlannerStaleReplyStops(t *testing.T) {
	f := newFixture(t)
	p, srv, log := newLLMPlanner(t, f)
	srv.On(nil, llmtest.Response{Text: "Shipping is free over ¥99."})
	tr := turn("carol", "Is shipping free?")
	tr.Stream = &recordingStream{stale: true}
	if _, err := p.Plan(context.Background(), tr); err == nil {
		t.Fatal("a stale reply was answered")
	}
	if len(log.lines) != 0 {
		t.Fatalf("a stale reply is no model failure: %v", log.lines)
	}
}

// The guard reads the shop's currency: a yen has no minor unit, and "$" is caught.
func TestAmountsInTheShopsCurrency(t *testing.T) {
	jpy := knownAmounts(nil, "JPY")
	jpy.addResult(`{"total":1200}`)
	if bad := jpy.unbacked("お会計は¥1,200です"); len(bad) != 0 {
		t.Errorf("¥1,200 of a JPY total 1200: %v", bad)
	}
	if bad := jpy.unbacked("that's ¥1,201"); len(bad) != 1 {
		t.Errorf("¥1,201: %v", bad)
	}
	usd := knownAmounts(nil, "USD")
	usd.addResult(`{"total":1999}`)
	if bad := usd.unbacked("$19.99 total, was $25"); len(bad) != 1 || bad[0] != i18n.Money(2500, "USD") {
		t.Errorf("USD: %v", bad)
	}
}

func TestFinishTextAndAmounts(t *testing.T) {
	if got := finishText("Hi @alice, @channel @staff1 will help; mail a@b.com", "alice"); strings.Contains(got, "@channel") ||
		strings.Contains(got, "@staff1") || !strings.Contains(got, "@alice,") {
		t.Fatalf("mentions not neutralised: %q", got)
	}
	known := knownAmounts([]string{"我有张300元的券"}, "CNY")
	known.addResult(`{"total":36024,"lines":[{"list":59900,"final":36024,"qty":2}],"notes":["满99元包邮"]}`)
	tests := []struct {
		text string
		bad  int
	}{
		{"到手价 ¥360.24", 0},
		{"省了 ¥238.76（原价 ¥599.00）", 0}, // list − total
		{"满99元包邮", 0},                 // quoted from a tool's text
		{"你说的300元的券", 0},              // the customer's own words
		{"到手价 ¥360.25", 1},
		{"only 2 left, ¥2.00 each", 1}, // qty is no money
		{"it's $360.25 now", 1},        // another currency's sign is still an amount
		{"only 360.25 dollars", 1},
		{"total ¥360.24 (US$50 off)", 1},
	}
	for _, tt := range tests {
		if bad := known.unbacked(tt.text); len(bad) != tt.bad {
			t.Errorf("%q: unbacked %v, want %d", tt.text, bad, tt.bad)
		}
	}
}

// What streams passes the final text's checks: an invented price or an @channel
// never shows, not even for a moment.
func TestLLMPlannerStreamsNothingUnchecked(t *testing.T) {
	f := newFixture(t)
	p, srv, _ := newLLMPlanner(t, f)
	srv.On(nil, llmtest.Response{Text: "Hi @channel! Shipping is free, and the runner is only ¥123.45 today.", ChunkRunes: 4})
	out := &recordingStream{}
	tr := turn("carol", "Is shipping free?")
	tr.Stream = out
	r, err := p.Plan(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.writes) == 0 {
		t.Fatal("nothing streamed")
	}
	for _, w := range out.writes {
		if strings.Contains(w, "@channel") || strings.Contains(w, "123.45") || strings.Contains(w, "¥12") {
			t.Fatalf("streamed %q", w)
		}
	}
	if want := offlineReply(t, f, tr); r.Text != want {
		t.Fatalf("final %q, want the offline planner's %q", r.Text, want)
	}
}

// Issue #15.8: the model is told what the turn refers to — the product carried from
// an earlier message and the customer's order named by what was bought.
func TestLLMPlannerGetsTheLinkedContext(t *testing.T) {
	f := newFixture(t)
	p, srv, _ := newLLMPlanner(t, f)
	srv.On(nil, llmtest.Response{Text: "好的，我帮您看看。"})
	if _, err := p.Plan(context.Background(), followTurn("alice", "那黑色的呢", "疾风缓震跑鞋白色40码有货吗")); err != nil {
		t.Fatal(err)
	}
	if sys := srv.Requests()[0].System(); !strings.Contains(sys, "p-run-1") || !strings.Contains(sys, "read in context as") {
		t.Fatalf("system prompt lacks the carried product:\n%s", sys)
	}
	if _, err := p.Plan(context.Background(), turn("alice", "我买的电热水壶到哪了")); err != nil {
		t.Fatal(err)
	}
	if sys := srv.Requests()[1].System(); !strings.Contains(sys, "O-1004") || strings.Contains(sys, "O-2001") {
		t.Fatalf("system prompt lacks the order meant:\n%s", sys)
	}
}
