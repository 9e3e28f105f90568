package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

func TestTitleTextKeepsATitleWhoseLatinTailIsSpecifications(t *testing.T) {
	title := "品牌 Brand 型号 智能腕表 5ATM 42mm/46mm"
	if got := titleText(title, i18n.EN); got != title {
		t.Fatalf("titleText = %q, want the whole title (its Latin tail is no name)", got)
	}
	if got := titleText("轻盈跑鞋 Light Runner", i18n.EN); got != "Light Runner" {
		t.Fatalf("titleText = %q, want the English half", got)
	}
	// A short Latin line name after the brand in Chinese keeps the brand.
	if got := titleText("酩悦 皇室香槟 Brut Impérial", i18n.EN); got != "酩悦 皇室香槟 Brut Impérial" {
		t.Fatalf("titleText = %q, want the whole title", got)
	}
}

func TestBrokenOnArrivalWithTwoBangsIsAngry(t *testing.T) {
	for _, m := range []string{"盒子是破的 东西也没了！！", "包装破损了!!"} {
		if !isAngry(m, m) {
			t.Errorf("%q: not read as a complaint", m)
		}
	}
	for _, m := range []string{"盒子是破的", "太好了！！"} {
		if isAngry(m, m) {
			t.Errorf("%q: read as a complaint", m)
		}
	}
}

func TestAskingForTheManagerOrAccusingOfFakesHandsOff(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{"叫你们店长来 我要跟他说", "你们卖假货吧 编号查不到", "能帮我叫一下你们店长吗", "算了说不清楚，叫个人来跟我说"} {
		r, _ := f.plan(t, turn("guest", m))
		if r.Handoff == nil {
			t.Errorf("%q: no handoff: %s", m, r.Text)
		}
	}
	for _, m := range []string{"老板，这个怎么卖", "怎么确定不是假货"} {
		r, _ := f.plan(t, turn("guest", m))
		if r.Handoff != nil {
			t.Errorf("%q: handed off", m)
		}
	}
}

func TestNeedACategoryIsARecommendation(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("guest", "I need a running shoe"))
	if r.Handoff != nil || !contains(calledTools(calls), "search_products") && !contains(calledTools(calls), "get_product") {
		t.Fatalf("no recommendation: %s (tools %v)", r.Text, calledTools(calls))
	}
	if !strings.Contains(r.Text, "suit you") {
		t.Fatalf("not a recommendation: %s", r.Text)
	}
}

// Anger at a late delivery hands off though the message names the product; a
// product question told crossly, or a product whose name holds an angry word
// (空气炸锅), does not; "talk to customer service" asks for a person.
func TestAngerAtADeliveryHandsOff(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{"跑鞋发了三天了还没到 你们什么破快递 气死我了", "都两个星期了还没到手，你们到底怎么搞的",
		"can I talk to customer service? need a special invoice"} {
		r, _ := f.plan(t, turn("alice", m))
		if r.Handoff == nil {
			t.Errorf("%q: no handoff: %s", m, r.Text)
		}
	}
	for _, m := range []string{"气死了 上次的鞋磨脚 这双疾风缓震跑鞋偏码吗", "空气炸锅坏了能修吗"} {
		r, _ := f.plan(t, turn("alice", m))
		if r.Handoff != nil {
			t.Errorf("%q: handed off", m)
		}
	}
}

// "after I pay" tells when: "how fast do you ship after I pay?" is the shipping
// time, not a rival payment question.
func TestAfterIPayAsksNothingOfPayment(t *testing.T) {
	if got := strings.TrimSpace(otherSenses.ReplaceAllString("how fast do you ship after i pay?", " ")); strings.Contains(got, "pay") {
		t.Errorf("still asks of paying: %q", got)
	}
	if got := otherSenses.ReplaceAllString("which payment methods do you accept?", " "); !strings.Contains(got, "payment") {
		t.Errorf("a payment question lost its word: %q", got)
	}
}

// When the shop's people are there is the FAQ's to answer, not a request for one.
func TestHoursOfAgentsIsNoHandoff(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{"what hours are your human agents around?", "人工客服几点上班"} {
		if r, _ := f.plan(t, turn("alice", m)); r.Handoff != nil {
			t.Errorf("%q: handed off", m)
		}
	}
	if r, _ := f.plan(t, turn("alice", "转人工")); r.Handoff == nil {
		t.Error("转人工: no handoff")
	}
}

// A greeting that addresses the agent ("早上好呀 客服小姐姐") is a greeting; asking
// that agent to come, or to talk wholesale with someone, asks for a person.
func TestGreetingTheAgentIsNoHandoff(t *testing.T) {
	f := newFixture(t)
	if r, _ := f.plan(t, turn("alice", "早上好呀 客服小姐姐")); r.Handoff != nil {
		t.Errorf("a greeting handed off: %q", r.Text)
	}
	for _, m := range []string{"能让客服小姐姐来一下吗", "我们公司要采购50台 想找人谈下批发价"} {
		if r, _ := f.plan(t, turn("alice", m)); r.Handoff == nil {
			t.Errorf("%q: no handoff: %q", m, r.Text)
		}
	}
}
