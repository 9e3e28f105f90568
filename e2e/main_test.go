//go:build e2e

// Package e2e drives Concierge on a real Mattermost server and PostgreSQL:
// tests act as customers, staff and admins through the REST API.
//
// TestMain starts the server with build/e2e-up.sh (or, with E2E_REUSE=1, uses
// the one already running at E2E_MM_URL), prepares users, team and channels
// (package mmenv) and installs the newest dist/concierge-*.tar.gz. It builds
// nothing: `make e2e` builds the bundle and the server binary first
// (E2E_BUNDLE=path tests another bundle).
// E2E_KEEP=1 leaves a server it started running afterwards.
package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
	"github.com/mattermost/mattermost/server/public/model"
)

// h is the prepared world every test acts on.
var h *harness

type harness struct {
	*mmenv.Env
	bot *model.User
}

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		code = 1
	}
	if code != 0 {
		fmt.Fprintln(os.Stderr, "e2e: server logs in e2e/.run/mm/logs/ (E2E_KEEP=1 keeps the server running)")
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return 1, err
	}
	bundle := os.Getenv("E2E_BUNDLE")
	if bundle == "" {
		if bundle, err = mmenv.FindBundle(root); err != nil {
			return 1, fmt.Errorf("%w (`make e2e` builds it before the tests)", err)
		}
	}
	url := os.Getenv("E2E_MM_URL")
	if url == "" {
		url = "http://127.0.0.1:" + envOr("E2E_MM_PORT", "8065")
	}
	if os.Getenv("E2E_REUSE") != "1" {
		if os.Getenv("E2E_KEEP") != "1" {
			defer func() {
				if _, err := mmenv.Script(root, "e2e-down.sh"); err != nil {
					fmt.Fprintln(os.Stderr, "e2e:", err)
				}
			}()
		}
		if url, err = mmenv.Script(root, "e2e-up.sh"); err != nil {
			return 1, err
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	env, err := mmenv.Setup(ctx, url)
	if err != nil {
		return 1, fmt.Errorf("set up %s: %w", url, err)
	}
	if err := env.SetPluginSettings(ctx, mmenv.DefaultSettings()); err != nil {
		return 1, err
	}
	manifest, err := env.InstallPlugin(ctx, bundle)
	if err != nil {
		return 1, err
	}
	bot, err := env.BotUser(ctx)
	if err != nil {
		return 1, err
	}
	fmt.Fprintf(os.Stderr, "e2e: %s, plugin %s %s ready in %v\n",
		url, manifest.Id, manifest.Version, time.Since(start).Round(time.Millisecond))
	h = &harness{Env: env, bot: bot}
	// The staff keep the app open for the whole run, as people on shift do: a
	// test's own websocket of theirs closing would otherwise queue "offline" for
	// them, and the server applies that queue up to half a second later, over the
	// status a later test has just set (the on-duty tests read it).
	for _, staff := range []string{"staff1", "admin"} {
		ws, err := openApp(env, staff, nil)
		if err != nil {
			return 1, err
		}
		defer ws.Close()
	}
	return m.Run(), nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
