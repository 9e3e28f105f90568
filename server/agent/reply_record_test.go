package agent

import (
	"context"
	"testing"

	"github.com/concierge-shop/concierge/server/llm/llmtest"
	"github.com/concierge-shop/concierge/server/tool"
)

// The reply says which tools it was made from (the conversation's record and the
// privacy rule read them) and whether the offline planner stood in for the model.

func TestOfflineReplyCarriesItsCalls(t *testing.T) {
	f := newFixture(t)
	tr := turn("alice", "我的订单")
	var heard []string
	tr.OnTool = func(name string) { heard = append(heard, name) }
	r, err := NewOffline(f.deps).Plan(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Calls) == 0 || r.Calls[0].Name != tool.ListOrders {
		t.Fatalf("calls %+v, want list_orders first", r.Calls)
	}
	if len(heard) != len(r.Calls) || heard[0] != tool.ListOrders {
		t.Fatalf("OnTool heard %v, calls %d", heard, len(r.Calls))
	}
	if r.Fallback {
		t.Fatal("the offline planner's own reply is no fallback")
	}
}

func TestLLMFallbackIsMarked(t *testing.T) {
	f := newFixture(t)
	p, srv, _ := newLLMPlanner(t, f)
	srv.On(nil, llmtest.Response{Status: 500})
	r, err := p.Plan(context.Background(), turn("alice", "我的订单"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Fallback || len(r.Calls) == 0 {
		t.Fatalf("fallback %v, calls %+v", r.Fallback, r.Calls)
	}
}
