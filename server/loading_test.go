package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

type noLock struct{}

func (noLock) LockWithContext(context.Context) error { return nil }
func (noLock) Unlock()                               {}

type countingPlanner struct{ calls int }

func (c *countingPlanner) Plan(context.Context, agent.Turn) (*agent.Reply, error) {
	c.calls++
	return &agent.Reply{}, nil
}

func TestNothingReadsTheShopBeforeItIsLoaded(t *testing.T) {
	p := &Plugin{shop: shop.NewRepo(store.NewMemory(), noLock{}, func() string { return "g" })}
	served := 0
	h := p.waitForShop(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served++ }))
	planner := &countingPlanner{}
	sr := shopReady{p: p, inner: planner}

	request := func() *httptest.ResponseRecorder {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/stats", nil).WithContext(ctx))
		return rec
	}
	plan := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		_, err := sr.Plan(ctx, agent.Turn{})
		return err
	}

	rec := request()
	if rec.Code != http.StatusServiceUnavailable || served != 0 || !strings.Contains(rec.Body.String(), `"error"`) ||
		rec.Header().Get("Content-Type") != "application/json" || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("before load: %d %q %v, served %d", rec.Code, rec.Body.String(), rec.Header(), served)
	}
	if err := plan(); err == nil || planner.calls != 0 {
		t.Fatalf("planner ran before load: err=%v calls=%d", err, planner.calls)
	}

	if err := p.shop.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rec := request(); rec.Code != http.StatusOK || served != 1 {
		t.Fatalf("after load: %d, served %d", rec.Code, served)
	}
	if err := plan(); err != nil || planner.calls != 1 {
		t.Fatalf("after load: err=%v calls=%d", err, planner.calls)
	}
}
