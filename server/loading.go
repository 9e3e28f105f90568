package main

import (
	"context"
	"net/http"
	"time"

	"github.com/concierge-shop/concierge/server/agent"
)

// The shop data is read from the KV store after OnActivate has returned: a 100k
// product catalog takes seconds to decode, and the server waits for OnActivate.
// Until the first read finishes the snapshot is empty for no reason a customer
// should see, so everything that draws conclusions from it waits for it instead.

// shopWait bounds how long an HTTP request waits for the shop data at start-up.
const shopWait = 30 * time.Second

func (p *Plugin) loadShop(ctx context.Context) {
	start := time.Now()
	defer p.mem.heavy()()
	if err := p.shop.Load(ctx); err != nil {
		// Serve with no shop data rather than not at all; an import repairs it.
		p.API.LogError("Concierge: cannot load the shop data", "err", err.Error())
		return
	}
	s := p.shop.Snapshot()
	p.API.LogInfo("Concierge: shop data loaded", "products", len(s.Catalog.Products), "took", time.Since(start).String())
	agent.WarmUp(s)
}

// waitForShop holds requests until the shop data is loaded (503 if that takes
// longer than shopWait); afterwards it costs one channel receive.
func (p *Plugin) waitForShop(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), shopWait)
		defer cancel()
		if err := p.shop.WaitLoaded(ctx); err != nil {
			w.Header().Set("Retry-After", "5")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error":"Concierge is starting; try again in a few seconds"}` + "\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// shopReady makes a planner wait for the shop data, so that a customer writing
// during start-up is told about their real orders, not "you have none".
type shopReady struct {
	p     *Plugin
	inner agent.Planner
}

func (s shopReady) Plan(ctx context.Context, turn agent.Turn) (*agent.Reply, error) {
	if err := s.p.shop.WaitLoaded(ctx); err != nil {
		return nil, err
	}
	return s.inner.Plan(ctx, turn)
}
