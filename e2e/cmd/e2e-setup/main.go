// Command e2e-setup prepares a running Mattermost server (build/e2e-up.sh) for
// Concierge: users, the shop team and channels, the plugin and its settings.
// It prints the accounts so a person can log in and try the shop.
//
//	go run ./e2e/cmd/e2e-setup [-url http://127.0.0.1:8065] [-bundle dist/concierge-x.tar.gz] [-no-plugin]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

func main() {
	url := flag.String("url", envOr("E2E_MM_URL", "http://127.0.0.1:8065"), "Mattermost server URL")
	bundle := flag.String("bundle", "", "plugin bundle (default: newest dist/concierge-*.tar.gz)")
	noPlugin := flag.Bool("no-plugin", false, "set up users and channels only")
	flag.Parse()
	if err := run(*url, *bundle, !*noPlugin); err != nil {
		fmt.Fprintln(os.Stderr, "e2e-setup:", err)
		os.Exit(1)
	}
}

func run(url, bundle string, withPlugin bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	env, err := mmenv.Setup(ctx, url)
	if err != nil {
		return err
	}
	if withPlugin {
		if bundle == "" {
			if bundle, err = mmenv.FindBundle("."); err != nil {
				return err
			}
		}
		if err := env.SetPluginSettings(ctx, mmenv.DefaultSettings()); err != nil {
			return err
		}
		m, err := env.InstallPlugin(ctx, bundle)
		if err != nil {
			return err
		}
		fmt.Printf("plugin %s %s running\n", m.Id, m.Version)
	}
	fmt.Printf("Mattermost: %s (team %q)\n", env.URL, mmenv.TeamName)
	for _, a := range mmenv.Accounts {
		fmt.Printf("  %-8s %-14s %s\n", a.Username, a.Password, a.Role)
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
