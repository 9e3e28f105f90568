package summary

import (
	"reflect"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func call(name, result string) tool.Call { return tool.Call{Name: name, Result: result} }

// The case: a product question, then "人工客服". The summary says what the
// customer asked, not "人工客服".
func TestSummaryKeepsTheQuestionBeforeTheRequestForAPerson(t *testing.T) {
	var rec Record
	rec.Add(t0, []string{"你好"}, nil)
	rec.Add(t0, []string{"疾风缓震跑鞋有42码吗？"}, []tool.Call{
		call(tool.SearchKnowledge, `{"results":[]}`),
		call(tool.GetProduct, `{"id":"p-run-1","title":"疾风缓震跑鞋","skus":[]}`),
	})
	rec.Add(t0, []string{"人工客服"}, []tool.Call{call(tool.HandoffToHuman, `{"handed_off":true}`)})

	s := Build(rec, "alice", i18n.ZH, "顾客要求人工服务。", nil)
	if !reflect.DeepEqual(s.Wants, []string{"疾风缓震跑鞋有42码吗？"}) {
		t.Fatalf("wants %q", s.Wants)
	}
	if len(s.Products) != 1 || s.Products[0].Label() != "疾风缓震跑鞋" {
		t.Fatalf("products %+v", s.Products)
	}
	if s.Next.Key != "summary.next.product" || s.Mood != MoodCalm {
		t.Fatalf("next %+v mood %s", s.Next, s.Mood)
	}
}

func TestSummaryOnlyAPersonAskedKeepsThoseWords(t *testing.T) {
	var rec Record
	rec.Add(t0, []string{"I want to talk to a real person please"}, nil)
	s := Build(rec, "bob", i18n.EN, "", nil)
	if len(s.Wants) != 1 || s.Wants[0] != "I want to talk to a real person please" {
		t.Fatalf("wants %q", s.Wants)
	}
}

func TestOnlyAsksForPerson(t *testing.T) {
	for text, want := range map[string]bool{
		"人工客服": true, "转人工": true, "我要找人工": true, "human please": true, "Can I speak to an agent?": true,
		"人工客服，我的跑鞋什么时候发货": false, "my shoes are broken, I want a human": false, "这个包多少钱": false,
	} {
		if got := onlyAsksForPerson(text); got != want {
			t.Errorf("onlyAsksForPerson(%q) = %v", text, got)
		}
	}
}

func TestSummaryOrdersCardsAndNextStep(t *testing.T) {
	var rec Record
	rec.Add(t0, []string{"我的订单"}, []tool.Call{call(tool.ListOrders,
		`{"orders":[{"id":"O-1","status":"paid","total":44900,"currency":"CNY","items":[{"sku_id":"s-1","title":"跑鞋"}]}]}`)})
	rec.Add(t0, []string{"O-1 降价了，保价"}, []tool.Call{
		call(tool.GetOrder, `{"id":"O-1","status":"paid","total":44900,"currency":"CNY","items":[{"sku_id":"s-1","title":"跑鞋"}]}`),
		call(tool.OfferRefund, `{"card_id":"c1","order_id":"O-1","kind":"price_protection","amount":5000,"needs_approval":true}`),
		call(tool.GetOrder, `{"error":"not found","code":"not_found"}`),
	})
	if len(rec.Orders) != 1 || rec.Orders[0].Items[0] != "跑鞋" || rec.ToolErrors != 1 || rec.ToolCalls != 4 {
		t.Fatalf("record %+v", rec)
	}
	s := Build(rec, "alice", i18n.ZH, "", func(id string) string { return "awaiting_approval" })
	if len(s.Cards) != 1 || s.Cards[0].State != "awaiting_approval" || s.Cards[0].Amount != 5000 {
		t.Fatalf("cards %+v", s.Cards)
	}
	if s.Next.Key != "summary.next.approve" || s.Next.Args[0] != "O-1" {
		t.Fatalf("next %+v", s.Next)
	}
	s = Build(rec, "alice", i18n.ZH, "", func(string) string { return "refunded" })
	if s.Next.Key != "summary.next.order" {
		t.Fatalf("next after refund %+v", s.Next)
	}
}

func TestMood(t *testing.T) {
	for want, texts := range map[Mood][]string{
		MoodUpset:   {"我的快递呢", "太差了，我要投诉"},
		MoodPleased: {"好的谢谢"},
		MoodCalm:    {"这个包多少钱"},
	} {
		if got := moodOf(texts); got != want {
			t.Errorf("moodOf(%q) = %s, want %s", texts, got, want)
		}
	}
}

func TestRecordIsBounded(t *testing.T) {
	var rec Record
	for i := 0; i < 50; i++ {
		rec.Add(t0, []string{"q"}, []tool.Call{call(tool.GetProduct, `{"id":"p`+string(rune('a'+i%26))+`"}`)})
	}
	if len(rec.Asks) != maxAsks || len(rec.Products) != maxFacts {
		t.Fatalf("asks %d products %d", len(rec.Asks), len(rec.Products))
	}
}

func TestPersonal(t *testing.T) {
	cases := []struct {
		calls []tool.Call
		cards []string
		want  bool
	}{
		{[]tool.Call{call(tool.SearchKnowledge, `{"results":[]}`)}, nil, false},
		{[]tool.Call{call(tool.ListOrders, `{"orders":[]}`)}, nil, true},
		{[]tool.Call{call(tool.GetOrder, `{"error":"not found"}`)}, nil, false},
		{[]tool.Call{call(tool.QuotePrice, `{"total":1,"steps":[{"kind":"full_reduction","id":"x"}]}`)}, nil, false},
		{[]tool.Call{call(tool.QuotePrice, `{"total":1,"steps":[{"kind":"coupon","id":"C50"}]}`)}, nil, true},
		{nil, []string{"card"}, true},
	}
	for i, c := range cases {
		if got := Personal(c.calls, c.cards); got != c.want {
			t.Errorf("case %d: Personal = %v", i, got)
		}
	}
}
