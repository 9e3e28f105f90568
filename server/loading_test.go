package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
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

// Before the first load, the API holds a request for shopWait and then answers 503,
// and a planner waits for the shop (here until its context ends) without running.
// In a synctest bubble the waits take no real time and their length is exact.
func TestNothingReadsTheShopBeforeItIsLoaded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := &Plugin{shop: shop.NewRepo(store.NewMemory(), noLock{}, func() string { return "g" })}
		served := 0
		h := p.waitForShop(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { served++ }))
		planner := &countingPlanner{}
		sr := shopReady{p: p, inner: planner}

		request := func() (*httptest.ResponseRecorder, time.Duration) {
			start := time.Now()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/stats", nil))
			return rec, time.Since(start)
		}
		plan := func() (time.Duration, error) {
			start := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			_, err := sr.Plan(ctx, agent.Turn{})
			return time.Since(start), err
		}

		rec, took := request()
		if rec.Code != http.StatusServiceUnavailable || served != 0 || !strings.Contains(rec.Body.String(), `"error"`) ||
			rec.Header().Get("Content-Type") != "application/json" || rec.Header().Get("Retry-After") == "" {
			t.Fatalf("before load: %d %q %v, served %d", rec.Code, rec.Body.String(), rec.Header(), served)
		}
		if took != shopWait {
			t.Errorf("before load: answered after %v, want the whole shopWait (%v)", took, shopWait)
		}
		if took, err := plan(); err == nil || planner.calls != 0 || took != time.Minute {
			t.Fatalf("planner ran before load: err=%v calls=%d after %v", err, planner.calls, took)
		}

		if err := p.shop.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		if rec, took := request(); rec.Code != http.StatusOK || served != 1 || took != 0 {
			t.Fatalf("after load: %d, served %d after %v", rec.Code, served, took)
		}
		if took, err := plan(); err != nil || planner.calls != 1 || took != 0 {
			t.Fatalf("after load: err=%v calls=%d after %v", err, planner.calls, took)
		}
	})
}
