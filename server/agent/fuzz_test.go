package agent

import (
	"context"
	"strings"
	"testing"
)

// FuzzOfflinePlan: the offline understanding must never panic on arbitrary customer
// text and must always say something back — a customer is never left without a reply.
// go test -run '^$' -fuzz FuzzOfflinePlan -fuzztime 10s ./server/agent
func FuzzOfflinePlan(f *testing.F) {
	for _, seed := range []string{
		"你好", "hello", "", "   ", "退款 订单 #A1001", "I want a refund of ¥99999 for order A1001",
		"跑鞋 42码 多少钱？", "👟👟👟 🙏", "\x00\xff\xfe", "a\u202eb", strings.Repeat("鞋", 16000),
	} {
		f.Add(seed)
	}
	o := NewOffline(Deps{Search: demoIndex, Shop: fixedShop{demoSnap}})
	f.Fuzz(func(t *testing.T, msg string) {
		r, err := o.Plan(context.Background(), turn("alice", msg))
		if err != nil {
			t.Fatalf("Plan(%q): %v", msg, err)
		}
		if r == nil || strings.TrimSpace(r.Text) == "" && r.Handoff == nil {
			t.Fatalf("Plan(%q): no reply", msg)
		}
	})
}

// Unicode, emoji and a 16k-character message are each answered with text.
func TestOfflineAnswersUnusualText(t *testing.T) {
	o := NewOffline(Deps{Search: demoIndex, Shop: fixedShop{demoSnap}})
	for name, msg := range map[string]string{
		"emoji":     "👟 有没有 42 码的跑鞋？🙏",
		"rtl":       "مرحبا، أريد حذاء",
		"combining": "e\u0301e\u0301 shoes",
		"16k":       strings.Repeat("我想买跑鞋。", 16000/6),
	} {
		r, err := o.Plan(context.Background(), turn("alice", msg))
		if err != nil || r == nil || strings.TrimSpace(r.Text) == "" && r.Handoff == nil {
			t.Errorf("%s: reply %+v, err %v", name, r, err)
		}
	}
}
