package agent

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

// The offline planner, intent by intent, on the demo shop. Expected numbers are
// computed with commerce directly, never copied from a reply.

// toolArgs returns the arguments of each call of one tool.
func toolArgs(t *testing.T, calls []tool.Call, name string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, c := range calls {
		if c.Name == name {
			var m map[string]any
			if err := json.Unmarshal([]byte(c.Args), &m); err != nil {
				t.Fatalf("%s args %q: %v", name, c.Args, err)
			}
			out = append(out, m)
		}
	}
	return out
}

// mustOffer checks that the only refund offered is kind on orderID.
func mustOffer(t *testing.T, calls []tool.Call, orderID, kind string) {
	t.Helper()
	offers := toolArgs(t, calls, tool.OfferRefund)
	if len(offers) != 1 || offers[0]["order_id"] != orderID || offers[0]["kind"] != kind {
		t.Fatalf("offers %v, want %s of %s", offers, kind, orderID)
	}
}

func lineWith(text, needle string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, needle) {
			return l
		}
	}
	return ""
}

func mustContain(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("reply lacks %q:\n%s", p, text)
		}
	}
}

func mustNotContain(t *testing.T, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(text, p) {
			t.Errorf("reply contains %q:\n%s", p, text)
		}
	}
}

func TestOrders(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "我的订单"))
	if !slices.Equal(calledTools(calls), []string{tool.ListOrders}) {
		t.Errorf("tools %v", calledTools(calls))
	}
	for _, o := range demoSnap.OrdersOf("alice") {
		line := lineWith(r.Text, o.ID)
		if line == "" || !strings.Contains(line, commerce.StatusMsg(o.Status).In(i18n.ZH)) {
			t.Errorf("order %s line %q lacks its status", o.ID, line)
		}
	}
	mustNotContain(t, r.Text, "O-2001", "O-3001")
	// The list asked in other words.
	for _, msg := range []string{"which orders have I got with you", "我在你们店买过几单啊", "帮我看看我所有的订单", "我最近都买了啥 列一下"} {
		if _, calls := f.plan(t, turn("alice", msg)); !slices.Contains(calledTools(calls), tool.ListOrders) {
			t.Errorf("%q: tools %v, want list_orders", msg, calledTools(calls))
		}
	}

	r, calls = f.plan(t, turn("alice", "where is my order O-1004?"))
	if got := toolArgs(t, calls, tool.GetOrder); len(got) != 1 || got[0]["order_id"] != "O-1004" {
		t.Errorf("get_order calls %v", got)
	}
	mustContain(t, r.Text, "O-1004", commerce.StatusMsg("shipped").In(i18n.EN), "¥1098.00")

	// Lower-case id of one's own order.
	r, _ = f.plan(t, turn("alice", "o-1003 status?"))
	mustContain(t, r.Text, "O-1003", commerce.StatusMsg("deposit_paid").In(i18n.EN), "¥100.00")

	// Another customer's order reads exactly like a missing one, and shows nothing of it.
	r, _ = f.plan(t, turn("alice", "O-2001到哪了"))
	mustContain(t, r.Text, "没有找到您的订单 O-2001")
	mustNotContain(t, r.Text, "步云", "1299", "bob", "已签收")

	// A customer with no orders.
	r, _ = f.plan(t, turn("dave", "my orders"))
	mustContain(t, r.Text, i18n.T(i18n.EN, "agent.orders.none"))
}

func TestPriceProtection(t *testing.T) {
	nowUnit, _ := commerce.UnitPriceAt(demoSnap, "s-run-1-39-white", demoNow)
	for _, tc := range []struct {
		name     string
		user     string
		msgs     []string
		orders   []string // orders offered a card
		amounts  []int64
		approval bool
		text     []string
	}{
		{name: "all orders, zh", user: "alice", msgs: []string{"买完降价了能退差价吗"}, orders: []string{"O-1001"},
			amounts: []int64{59900 - nowUnit}, text: []string{"好消息", "¥599.00", money(nowUnit)}},
		{name: "above the limit, en", user: "carol", msgs: []string{"price protection please"}, orders: []string{"O-3001"},
			amounts: []int64{60000}, approval: true, text: []string{"Good news", "¥3499.00", "¥3199.00"}},
		{name: "named order without a drop", user: "alice", msgs: []string{"O-1004 能价保吗"},
			text: []string{"O-1004", "没有差价可退", "实付 ¥"}},
		{name: "nothing dropped", user: "bob", msgs: []string{"价保"}, text: []string{"暂时没有差价可退", "30 天"}},
		{name: "another's order", user: "alice", msgs: []string{"O-3001 price protection"},
			text: []string{"No order O-3001 was found for you."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r, calls := f.plan(t, turn(tc.user, tc.msgs...))
			offers := toolArgs(t, calls, tool.OfferRefund)
			if len(offers) != len(tc.orders) || len(r.Offers) != len(tc.orders) {
				t.Fatalf("offers %v, attachments %d; want orders %v", offers, len(r.Offers), tc.orders)
			}
			for i, o := range offers {
				if o["order_id"] != tc.orders[i] || o["kind"] != commerce.KindPriceProtection {
					t.Errorf("offer %v, want price protection of %s", o, tc.orders[i])
				}
				att := r.Offers[i]
				if !strings.Contains(offerValues(r.Offers[i:i+1]), money(tc.amounts[i])) {
					t.Errorf("card %q lacks the amount %s", att.Kind, money(tc.amounts[i]))
				}
				mustContain(t, r.Text, money(tc.amounts[i]))
			}
			if tc.approval {
				mustContain(t, r.Text, i18n.T(i18n.EN, "agent.refund.needs_approval"))
			}
			mustContain(t, r.Text, tc.text...)
			if r.Handoff != nil {
				t.Errorf("handed off: %+v", r.Handoff)
			}
		})
	}
}

func TestDepositRefund(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "定金能退吗"))
	mustOffer(t, calls, "O-1003", commerce.KindDeposit)
	if len(r.Offers) != 1 || !strings.Contains(offerValues(r.Offers), "¥100.00") {
		t.Fatalf("attachments %+v", r.Offers)
	}
	mustContain(t, r.Text, "O-1003", "¥100.00", "确认退款")

	// Not refundable: the reason, the shop's deposit policy, and a person offered,
	// not paged (the customer decides whether there is more to it).
	r, calls = f.plan(t, turn("bob", "I want my deposit back"))
	if len(r.Offers) != 0 || r.Handoff != nil || slices.Contains(calledTools(calls), tool.HandoffToHuman) {
		t.Fatalf("want no card and no handoff: %+v", r)
	}
	mustContain(t, r.Text, "not refundable", "Presale deposits", i18n.T(i18n.EN, "agent.refund.offer_staff"))

	// No deposit order at all.
	r, _ = f.plan(t, turn("carol", "退定金"))
	mustContain(t, r.Text, i18n.T(i18n.ZH, "agent.deposit.none"))
	if len(r.Offers) != 0 {
		t.Errorf("card offered without a deposit order")
	}
}

func TestReturns(t *testing.T) {
	f := newFixture(t)
	// O-1004 is shipped: the return window has not started.
	r, calls := f.plan(t, turn("alice", "帮我退掉 O-1004"))
	mustOffer(t, calls, "O-1004", commerce.KindReturn)
	var paid int64
	for _, it := range demoSnap.OrderOf("alice", "O-1004").Items {
		paid += it.UnitPrice * it.Qty
	}
	mustContain(t, r.Text, money(paid))
	if len(r.Offers) != 1 || !strings.Contains(offerValues(r.Offers), money(paid)) {
		t.Fatalf("attachments %+v", r.Offers)
	}

	// O-1002 was delivered (paid 2026-11-11, no delivery time) 17 days ago: past the
	// 7-day window, said plainly, no card.
	r, _ = f.plan(t, turn("alice", "帮我退掉 O-1002"))
	mustContain(t, r.Text, "签收后 7 天内")
	if len(r.Offers) != 0 {
		t.Errorf("card for a return past its window")
	}

	// Someone else's order: not found, no card.
	r, _ = f.plan(t, turn("alice", "refund order O-2001"))
	mustContain(t, r.Text, "No order O-2001 was found for you.")
	if len(r.Offers) != 0 {
		t.Errorf("card for another's order")
	}

	// How returns work: the policy, no card.
	r, calls = f.plan(t, turn("alice", "退货政策是什么"))
	mustContain(t, r.Text, "7天")
	if len(r.Offers) != 0 || r.Handoff != nil || len(toolArgs(t, calls, tool.OfferRefund)) != 0 {
		t.Errorf("policy question acted: %+v", r)
	}

	// An ask without an order: which one?
	r, _ = f.plan(t, turn("carol", "我想退货"))
	mustContain(t, r.Text, i18n.T(i18n.ZH, "agent.refund.which"), "O-3001", "O-3002", "O-3003")
	if len(r.Offers) != 0 {
		t.Errorf("card without an order")
	}
}

func TestCompare(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "对比一下疾风缓震跑鞋和步云碳板跑鞋"))
	got := toolArgs(t, calls, tool.CompareProducts)
	if len(got) != 1 {
		t.Fatalf("compare_products calls %v", got)
	}
	ids, _ := json.Marshal(got[0]["product_ids"])
	if string(ids) != `["p-run-1","p-run-2"]` {
		t.Errorf("compared %s", ids)
	}
	now1, _ := commerce.UnitPriceAt(demoSnap, "s-run-1-38-white", demoNow)
	now2, _ := commerce.UnitPriceAt(demoSnap, "s-run-2-38-orange", demoNow)
	mustContain(t, r.Text, "疾风缓震跑鞋", "步云碳板竞速跑鞋", "¥599.00", "¥1299.00", money(now1), money(now2), "| --- |")

	r, _ = f.plan(t, turn("alice", "compare the Stellar X7 5G and the Stellar Note 5"))
	mustContain(t, r.Text, "Stellar X7 5G", "Stellar Note 5", "National subsidy")
}

func TestHandoffs(t *testing.T) {
	for _, tc := range []struct {
		name, msg, reasonKey string
		lang                 i18n.Lang
	}{
		{"angry zh", "你们这是什么破服务！！！", "agent.handoff.reason.angry", i18n.ZH},
		{"complaint zh", "我要投诉", "agent.handoff.reason.angry", i18n.ZH},
		{"angry en", "This is ridiculous, I want to complain", "agent.handoff.reason.angry", i18n.EN},
		{"shouting", "WHERE IS MY REFUND", "agent.handoff.reason.angry", i18n.EN},
		{"wants a person", "转人工", "agent.handoff.reason.asked", i18n.ZH},
		{"wants a person en", "can I talk to a real person", "agent.handoff.reason.asked", i18n.EN},
		{"wants a manager", "叫你们经理来跟我说", "agent.handoff.reason.asked", i18n.ZH},
		{"demands an answer", "用了你们的洗发水头皮过敏 必须给我个说法", "agent.handoff.reason.angry", i18n.ZH},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r, calls := f.plan(t, turn("alice", tc.msg))
			if r.Handoff == nil || r.Handoff.Reason != i18n.T(tc.lang, tc.reasonKey) || !strings.Contains(r.Handoff.Summary, tc.msg) {
				t.Fatalf("handoff %+v, want reason %q", r.Handoff, i18n.T(tc.lang, tc.reasonKey))
			}
			if !slices.Contains(calledTools(calls), tool.HandoffToHuman) {
				t.Errorf("handoff not through the tool: %v", calledTools(calls))
			}
			if i18n.Detect(r.Text) != tc.lang {
				t.Errorf("reply not in %s: %s", tc.lang, r.Text)
			}
		})
	}
}

func TestGreetingAndKnowledge(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "你好"))
	mustContain(t, r.Text, "@alice", "您好")
	if r.Handoff != nil {
		t.Error("greeting handed off")
	}
	r, calls := f.plan(t, turn("carol", "Is shipping free?"))
	if r.Handoff != nil || !slices.Contains(calledTools(calls), tool.SearchKnowledge) {
		t.Fatalf("knowledge answer %+v via %v", r, calledTools(calls))
	}
	var faq string
	for _, q := range demoSnap.Catalog.FAQs {
		if q.ID == "f-free-shipping-en" {
			faq = q.Answer
		}
	}
	mustContain(t, r.Text, strings.TrimSpace(faq))
}

// The same question in both languages is answered in the customer's language with
// the same numbers.
func TestRepliesFollowTheCustomersLanguage(t *testing.T) {
	f := newFixture(t)
	zh, _ := f.plan(t, turn("alice", "疾风缓震跑鞋39码白色多少钱"))
	en, _ := f.plan(t, turn("alice", "How much is the Gale Cushion Runner in size 39 white?"))
	total := money(quote(t, "alice", "", commerce.CartLine{SKUID: "s-run-1-39-white", Qty: 1}).Total)
	mustContain(t, zh.Text, total, "到手价", "疾风缓震跑鞋")
	mustContain(t, en.Text, total, "Final price", "Gale Cushion Runner")
	mustNotContain(t, en.Text, "到手价", "疾风")
	mustNotContain(t, zh.Text, "Final price", "Gale")
}

// The older construction (Search and Shop only) still answers, and a refund it
// cannot offer goes to staff instead of failing.
func TestPlannerWithoutRefunds(t *testing.T) {
	o := &Offline{Search: demoIndex, Shop: fixedShop{demoSnap}}
	r, err := o.Plan(context.Background(), turn("alice", "定金能退吗"))
	if err != nil || r.Handoff == nil || len(r.Offers) != 0 {
		t.Fatalf("reply %+v, err %v: want a handoff", r, err)
	}
	mustContain(t, r.Text, i18n.T(i18n.ZH, "agent.refund.unavailable"))
	r, _ = NewOffline(Deps{Search: demoIndex, Shop: fixedShop{demoSnap}}).Plan(context.Background(), turn("alice", "你好"))
	mustContain(t, r.Text, "@alice")
}

func TestProductQuestions(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "扫地机器人还有货吗"))
	if got := toolArgs(t, calls, tool.GetProduct); len(got) != 1 || got[0]["product_id"] != "p-vac-1" {
		t.Fatalf("get_product calls %v", got)
	}
	mustContain(t, r.Text, "智扫扫拖一体机器人", "缺货", "¥2499.00", i18n.T(i18n.ZH, "agent.product.next_price"))
	if r.Handoff != nil {
		t.Errorf("handed off a stock question")
	}

	r, _ = f.plan(t, turn("bob", "Is the Gale Cushion Runner in stock?"))
	now, _ := commerce.UnitPriceAt(demoSnap, "s-run-1-38-white", demoNow)
	mustContain(t, r.Text, "Gale Cushion Runner", money(now), "¥599.00", "40 · White", "12.12 early access")
	mustNotContain(t, r.Text, "40 · Black") // in stock: only the sold-out skus are listed
}

func TestThanks(t *testing.T) {
	f := newFixture(t)
	for msg, lang := range map[string]i18n.Lang{"谢谢！": i18n.ZH, "ok thanks": i18n.EN, "好的": i18n.ZH} {
		r, calls := f.plan(t, turn("alice", msg))
		if r.Text != i18n.T(lang, "agent.thanks") || r.Handoff != nil || len(calls) != 0 {
			t.Errorf("%q → %q %+v %v", msg, r.Text, r.Handoff, calls)
		}
	}
}

// When a tool fails inside (the card cannot be stored), the customer reads an
// apology in their language, staff are asked in, and nothing internal shows.
func TestToolFailureHandsOff(t *testing.T) {
	f := newFixture(t)
	f.kv.FailSet = func(key string) bool { return strings.HasPrefix(key, "refund/card/") }
	r, _ := f.plan(t, turn("carol", "价保"))
	mustContain(t, r.Text, i18n.T(i18n.ZH, "agent.tool_failed"))
	mustNotContain(t, r.Text, "internal", "injected")
	if len(r.Offers) != 0 || r.Handoff == nil || r.Handoff.Reason != i18n.T(i18n.ZH, "agent.handoff.reason.tool_failed") {
		t.Fatalf("reply %+v", r)
	}
	if len(f.log.lines) == 0 {
		t.Error("the failure was not logged")
	}
}

// A return past its window for a fault is answered with the shop's warranty too.
func TestFaultPastTheReturnWindowGetsTheWarranty(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "O-1002的T恤开线了 能退吗"))
	mustContain(t, r.Text, "保修")
	if r2, _ := f.plan(t, turn("alice", "O-1002 不想要了 能退吗")); strings.Contains(r2.Text, "保修") {
		t.Errorf("no fault, no warranty: %q", r2.Text)
	}
}
