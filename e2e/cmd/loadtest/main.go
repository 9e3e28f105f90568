// Command loadtest measures Concierge on a real Mattermost server under load
// (make loadtest) and prints the figures side by side: each reply beside a plain
// post on the same server, with 1 and with many customers at once; the plugin's
// own time beside a model that answers at once; staff knowledge search while
// customers are answered; the plugin process's settled memory and the size of
// its model requests, all with a large catalog stored. Figures, not pass/fail:
// it fails only when the set-up breaks.
//
// It starts a fresh Mattermost + PostgreSQL with build/e2e-up.sh (E2E_MM_PORT,
// E2E_PG_PORT, E2E_RUN as for the e2e suite) and stops it again, unless -url
// names a running one.
//
//	go run ./e2e/cmd/loadtest [-bundle dist/e2e/concierge-x.tar.gz] [-products 100000] [-customers 50]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

type config struct {
	root, url, bundle, mmHome string
	products, customers       int
	soloTurns, crowdTurns     int
	modelTurns                int
	dumpPrompt                string
}

func main() {
	c := config{}
	flag.StringVar(&c.url, "url", "", "a running Mattermost server to use (default: start a fresh one)")
	flag.StringVar(&c.bundle, "bundle", os.Getenv("E2E_BUNDLE"), "plugin bundle (default: newest dist/concierge-*.tar.gz)")
	flag.StringVar(&c.mmHome, "mm-home", "", "the server's home, where the plugin binary runs from (default: $E2E_RUN/mm)")
	flag.IntVar(&c.products, "products", 100_000, "generated products added to the demo catalog")
	flag.IntVar(&c.customers, "customers", 50, "customers at once in the crowd phase")
	flag.IntVar(&c.soloTurns, "solo-turns", 40, "questions of the lone customer")
	flag.IntVar(&c.crowdTurns, "crowd-turns", 4, "questions of each customer in the crowd")
	flag.IntVar(&c.modelTurns, "model-turns", 40, "questions answered through the scripted model")
	flag.StringVar(&c.dumpPrompt, "dump-prompt", "", "write the last model requests' bodies to this file (to see what the tokens are spent on)")
	flag.Parse()
	if err := run(&c); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(c *config) error {
	var err error
	if c.root, err = os.Getwd(); err != nil {
		return err
	}
	if c.bundle == "" {
		if c.bundle, err = mmenv.FindBundle(c.root); err != nil {
			return err
		}
	}
	if c.mmHome == "" {
		runDir := os.Getenv("E2E_RUN")
		if runDir == "" {
			runDir = filepath.Join(c.root, "e2e", ".run")
		}
		c.mmHome = filepath.Join(runDir, "mm")
	}
	if c.url == "" {
		if c.url, err = mmenv.Script(c.root, "e2e-up.sh"); err != nil {
			return err
		}
		defer func() {
			if _, err := mmenv.Script(c.root, "e2e-down.sh"); err != nil {
				fmt.Fprintln(os.Stderr, "loadtest:", err)
			}
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	lt, err := prepare(ctx, c)
	if err != nil {
		return err
	}
	return lt.measure(ctx)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadtest: "+format+"\n", args...)
}
