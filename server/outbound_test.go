package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
)

// configAPI is the one plugin.API method the HTTP service reads: the server config.
type configAPI struct {
	plugin.API
	mu      sync.Mutex
	allowed string
}

func (c *configAPI) GetConfig() *model.Config {
	c.mu.Lock()
	defer c.mu.Unlock()
	cfg := &model.Config{}
	cfg.SetDefaults()
	cfg.ServiceSettings.AllowedUntrustedInternalConnections = model.NewPointer(c.allowed)
	return cfg
}

// The model and the order backend on a loopback address are refused until the
// System Console allows that host, and allowed at once when it does (no restart).
func TestOutboundClientHonoursUntrustedConnections(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }))
	defer srv.Close()
	api := &configAPI{}
	hc := newOutboundClient(api)

	_, err := hc.Get(srv.URL)
	if err == nil || !strings.Contains(err.Error(), "AllowedUntrustedInternalConnections") {
		t.Fatalf("loopback not allowed: err=%v, want a refusal naming AllowedUntrustedInternalConnections", err)
	}

	api.mu.Lock()
	api.allowed = "127.0.0.1"
	api.mu.Unlock()
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatalf("loopback allowed: %v", err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}
