package shop

import (
	"context"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/store"
)

// A learnt FAQ is served at once, survives a catalog re-import and a restart, and
// the stored catalog document stays the shop's own.
func TestLearnedFAQSurvivesReimportAndRestart(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	r := newTestRepo(kv)
	if _, err := r.ImportCatalog(ctx, strings.NewReader(repoCatalog)); err != nil {
		t.Fatal(err)
	}
	before := len(r.Snapshot().Catalog.FAQs)
	f := FAQ{ID: LearnedPrefix + "1", Question: "能开发票吗", Answer: "可以，下单后在订单页申请电子发票。"}
	if err := r.AddLearnedFAQ(ctx, f); err != nil {
		t.Fatal(err)
	}
	has := func(r *Repo) bool {
		for _, q := range r.Snapshot().Catalog.FAQs {
			if q.ID == f.ID && q.Answer == f.Answer {
				return true
			}
		}
		return false
	}
	if !has(r) || len(r.Snapshot().Catalog.FAQs) != before+1 {
		t.Fatal("learnt FAQ not served at once")
	}
	if _, err := r.ImportCatalog(ctx, strings.NewReader(repoCatalog)); err != nil {
		t.Fatal(err)
	}
	if !has(r) || len(r.Snapshot().Catalog.FAQs) != before+1 {
		t.Fatal("learnt FAQ lost (or doubled) by a catalog re-import")
	}
	if !has(newTestRepo(kv)) {
		t.Fatal("learnt FAQ lost by a restart")
	}
	// The same id again replaces it.
	f.Answer = "可以。"
	if err := r.AddLearnedFAQ(ctx, f); err != nil || !has(r) || len(r.Snapshot().Catalog.FAQs) != before+1 {
		t.Fatalf("replacing a learnt FAQ: %v", err)
	}
	if err := r.AddLearnedFAQ(ctx, FAQ{ID: "f-1", Question: "q", Answer: "a"}); err == nil {
		t.Fatal("a learnt FAQ may not take a catalog id")
	}
}
