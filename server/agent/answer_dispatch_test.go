package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// An order paid and not shipped, asked after its dispatch, gets the shop's own
// dispatch promise beside its state; a shipped one does not.
func TestDispatchPromiseForAPaidOrder(t *testing.T) {
	f := newFixture(t)
	promise := "48"
	for _, q := range []string{"O-1001怎么还没发", "跑鞋那单啥时候发", "when will O-1001 ship?"} {
		r, _ := f.plan(t, turn("alice", q))
		if !strings.Contains(r.Text, "O-1001") || !strings.Contains(r.Text, promise) {
			t.Errorf("%s: want the order and the shop's %sh promise: %q", q, promise, r.Text)
		}
	}
	r, _ := f.plan(t, turn("alice", "O-1004什么时候发货"))
	if lead, _, _ := strings.Cut(i18n.T(i18n.ZH, "agent.orders.dispatch", "|"), "|"); strings.Contains(r.Text, lead) {
		t.Errorf("a shipped order gets no dispatch promise: %q", r.Text)
	}
}

// A message of two questions that no one FAQ answers with confidence is answered
// clause by clause: the courier and the dispatch time.
func TestTwoQuestionsAnsweredByClause(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("bob", "which delivery company brings the parcels, and how soon after I pay do you send stuff out?"))
	if isClarify(r.Text) || !strings.Contains(r.Text, "48 hours") || !strings.Contains(r.Text, "SF Express") {
		t.Fatalf("both answered: %q", r.Text)
	}
	if got := clausesOf("鞋码买错了能换不 来回运费谁出"); len(got) != 2 {
		t.Fatalf("clauses %q", got)
	}
}

// A pre-sale order (deposit paid) asked after its dispatch gets its product's own
// dispatch date.
func TestDispatchDateOfAPresale(t *testing.T) {
	f := newFixture(t)
	cat := *demoSnap.Catalog
	cat.Products = append([]shop.Product{}, cat.Products...)
	for i := range cat.Products {
		if cat.Products[i].ID == "p-phone-3" {
			cat.Products[i].Description = "旗舰影像。预售：付定金锁定，12月20日起按付款顺序发货。"
		}
	}
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "O-1003什么时候发货"))
	if !strings.Contains(r.Text, "12月20日起按付款顺序发货") {
		t.Fatalf("the pre-sale's dispatch date: %q", r.Text)
	}
}

// "现在立减10块 我刚买的能补吗" tells a drop since buying; "现在立减10块吗" asks an offer.
func TestDropToldAsAnOffer(t *testing.T) {
	if !isPriceDrop("胸背带现在立减10块 我刚买的能补吗") || isPriceDrop("胸背带现在立减10块吗") {
		t.Fatal("a drop since buying, not an offer asked about")
	}
}

// Frustration and asking for a person in more words: handed to staff; "有人吗" and
// "你是机器人吗" are not.
func TestMoreWaysOfAskingForAPerson(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"Why is nobody answering me?", "人呢？？？", "this is the third time I'm asking!!", "我不想跟机器人说话", "太慢了吧 什么效率"} {
		if r, _ := f.plan(t, turn("alice", q)); r.Handoff == nil {
			t.Errorf("%s: no handoff: %q", q, r.Text)
		}
	}
	for _, q := range []string{"有人吗", "你是机器人吗"} {
		if r, _ := f.plan(t, turn("alice", q)); r.Handoff != nil {
			t.Errorf("%s: handed off", q)
		}
	}
}

// Small talk in more words gets a warm reply of its kind, never staff.
func TestMoreSmallTalk(t *testing.T) {
	f := newFixture(t)
	for q, key := range map[string]string{
		"我家猫今天生病了好担心": "social.down", "明天是我生日": "social.joy", "我先去吃饭了 回头再聊": "social.goodbye",
		"good night": "social.goodbye", "I'm just browsing": "social.browsing", "随便看看": "social.browsing",
	} {
		r, _ := f.plan(t, turn("alice", q))
		if r.Handoff != nil || r.Text != i18n.T(i18n.Detect(q), key) {
			t.Errorf("%s: want %s, got %q", q, key, r.Text)
		}
	}
}

// "did my refund go through?" for an order refunded already names that order.
func TestAlreadyRefundedNamesTheOrder(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("bob", "I want to return the canvas sneakers O-2004"))
	if !strings.Contains(r.Text, "O-2004") {
		t.Fatalf("the refunded order by its id: %q", r.Text)
	}
}

// "I changed my mind, refund it" of a pre-sale order asks for its deposit back.
func TestReturnOfADepositOrderIsItsDeposit(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("alice", "I changed my mind about O-1003, please refund it"))
	mustOffer(t, calls, "O-1003", "deposit")
}

// A policy the shop wrote in one language only beats another subject's policy in
// the customer's.
func TestByBothSearches(t *testing.T) {
	en := []tool.SearchItem{{Kind: "policy", ID: "pol-pp-en", Score: 0.05}, {Kind: "policy", ID: "pol-deposit-zh", Score: 0.021}}
	zh := []tool.SearchItem{{Kind: "policy", ID: "pol-deposit-zh", Score: 1.05}, {Kind: "policy", ID: "pol-pp-zh", Score: 0.037}}
	if got := byBothSearches(en, zh); got[0].ID != "pol-deposit-zh" {
		t.Fatalf("order %v", got)
	}
}

// An FAQ the shop wrote only in the other language is not put before the
// customer's own order.
func TestNoOtherLanguageFAQBeforeAnOrder(t *testing.T) {
	f := newFixture(t)
	cat := *demoSnap.Catalog
	var zhOnly []shop.FAQ
	for _, q := range cat.FAQs {
		if i18n.Detect(q.Question) == i18n.ZH {
			zhOnly = append(zhOnly, q)
		}
	}
	cat.FAQs = zhOnly
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "when will O-1001 ship?"))
	if i18n.Detect(strings.SplitN(r.Text, "\n", 2)[0]) != i18n.EN {
		t.Fatalf("a Chinese FAQ before the order: %q", r.Text)
	}
}
