package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// An FAQ that lists cases, each with its own figure, answers a question about one
// case with that case: the others' periods would read as the answer (a wrong fact).
func TestListAnswerFocusesOnTheCaseAsked(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.FAQs = append(append([]shop.FAQ{}, cat.FAQs...), shop.FAQ{
		ID: "faq-warranty-x", Question: "各类装备保修多久？", Lang: "zh",
		Answer: "折叠桌椅框架1年保修；徒步靴开胶、断底6个月保修；充气床垫漏气1年保修；滑板车电机3年、电池2年。人为损坏不在保修范围。",
	})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("alice", "徒步靴穿了四个月开胶了，还在保修期内吗"))
	if !strings.Contains(r.Text, "6个月") || strings.Contains(r.Text, "3年") {
		t.Fatalf("the case asked, alone: %q", r.Text)
	}
	// A question about the whole list gets all of it.
	r, _ = f.plan(t, turn("alice", "各类装备保修多久"))
	if !strings.Contains(r.Text, "6个月") || !strings.Contains(r.Text, "3年") {
		t.Fatalf("the whole list: %q", r.Text)
	}
}

// The one document of the shop that shares the question's words answers it, though
// on a word of its answer rather than its question (demo-cycling: "车寄到是散的吗"
// is its FAQ on assembly, whose answer speaks of 85% assembled).
func TestOnlyDocumentSharingTheWordsAnswers(t *testing.T) {
	f := newAssetFixture(t, "demo-cycling")
	r, _ := f.plan(t, turn("guest", "车寄到是散的吗 我手残不会装"))
	if !strings.Contains(r.Text, "85") {
		t.Errorf("the assembly FAQ: %q", r.Text)
	}
}
