package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// loadTest is a prepared server: plugin installed, shop data imported.
type loadTest struct {
	c   *config
	env *mmenv.Env
	bot *model.User
	pid int // the plugin process

	importTime time.Duration
}

func prepare(ctx context.Context, c *config) (*loadTest, error) {
	env, err := mmenv.Setup(ctx, c.url)
	if err != nil {
		return nil, fmt.Errorf("set up %s: %w", c.url, err)
	}
	if err := env.SetPluginSettings(ctx, offlineSettings()); err != nil {
		return nil, err
	}
	if _, err := env.InstallPlugin(ctx, c.bundle); err != nil {
		return nil, err
	}
	bot, err := env.BotUser(ctx)
	if err != nil {
		return nil, err
	}
	lt := &loadTest{c: c, env: env, bot: bot}
	logf("server %s, bundle %s; generating %d products", c.url, filepath.Base(c.bundle), c.products)
	cat, err := buildCatalog(c.root, c.products)
	if err != nil {
		return nil, err
	}
	orders, err := os.ReadFile(filepath.Join(c.root, "assets", "demo", "orders.json"))
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := lt.post(ctx, "/catalog", cat); err != nil {
		return nil, err
	}
	if err := lt.post(ctx, "/orders", orders); err != nil {
		return nil, err
	}
	if err := lt.waitIndexed(ctx, genTitle(c.products-1), fmt.Sprintf(`"gen-%d"`, c.products-1)); err != nil {
		return nil, err
	}
	lt.importTime = time.Since(t0)
	logf("%d products (%.0f MB) imported and indexed in %v", c.products, float64(len(cat))/1e6, lt.importTime.Round(time.Millisecond))
	if lt.pid, err = pluginPID(c.mmHome); err != nil {
		return nil, err
	}
	return lt, nil
}

// offlineSettings: the prepared world's settings, no model, and no per-customer
// model cap (one simulated customer asks more than a person would).
func offlineSettings() map[string]any {
	s := mmenv.DefaultSettings()
	s["modelrepliesperhour"] = 0
	return s
}

func (lt *loadTest) post(ctx context.Context, path string, body []byte) error {
	resp, err := lt.env.PluginRequest(ctx, mmenv.Accounts[0].Username, http.MethodPost, "/api/v1"+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST %s: %d %.300s", path, resp.StatusCode, out)
	}
	return nil
}

// search asks the knowledge search as staff would and returns the body.
func (lt *loadTest) search(ctx context.Context, q string) ([]byte, error) {
	resp, err := lt.env.PluginRequest(ctx, "staff1", http.MethodGet, "/api/v1/search?limit=10&q="+url.QueryEscape(q), nil)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("search %q: %d %.300s", q, resp.StatusCode, body)
	}
	return body, nil
}

// pluginNothing asks the plugin for a route it does not have, as staff: what a
// request through Mattermost to the plugin costs when the plugin does nothing.
func (lt *loadTest) pluginNothing(ctx context.Context) error {
	resp, err := lt.env.PluginRequest(ctx, "staff1", http.MethodGet, "/api/v1/loadtest-nothing", nil)
	if err != nil {
		return fmt.Errorf("plugin 404 route: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusNotFound {
		return fmt.Errorf("plugin 404 route: got %d", resp.StatusCode)
	}
	return nil
}

// waitIndexed polls the search until the last generated product is found: a
// new catalog is indexed in the background.
func (lt *loadTest) waitIndexed(ctx context.Context, q, want string) error {
	deadline := time.Now().Add(10 * time.Minute)
	for {
		body, err := lt.search(ctx, q)
		if err == nil && strings.Contains(string(body), want) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the search never found %s for %q (last error %v)", want, q, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// settledRSS samples the plugin's RSS once a second until two samples in a row
// differ by under 1% (or a minute has passed): memory after the import's
// garbage has been collected and returned.
func (lt *loadTest) settledRSS(ctx context.Context) (float64, error) {
	prev, err := rssMiB(lt.pid)
	if err != nil {
		return 0, err
	}
	for range 60 {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(time.Second):
		}
		cur, err := rssMiB(lt.pid)
		if err != nil {
			return 0, err
		}
		if d := cur - prev; d < prev/100 && -d < prev/100 {
			return cur, nil
		}
		prev = cur
	}
	return prev, nil
}
