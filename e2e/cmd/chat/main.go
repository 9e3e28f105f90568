// Command chat is a terminal client for the demo (make chat): talk to Concierge as a
// demo customer or staff member, see cards as text and press their buttons by number.
//
//	go run ./e2e/cmd/chat [-url http://127.0.0.1:8066] [-user alice] [-password …] [-channel dm|cs-general]
//
// Without -user it asks; the demo accounts' passwords are known, others are asked for.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/concierge-shop/concierge/e2e/chat"
	"github.com/concierge-shop/concierge/e2e/mmenv"
)

func main() {
	cfg := chat.Config{}
	flag.StringVar(&cfg.URL, "url", envOr("CHAT_URL", "http://127.0.0.1:8066"), "Mattermost server URL (make demo's by default)")
	flag.StringVar(&cfg.User, "user", os.Getenv("CHAT_USER"), "username (demo: alice, bob, carol are customers; staff1 is staff)")
	flag.StringVar(&cfg.Password, "password", "", "password (known for the demo accounts)")
	flag.StringVar(&cfg.Channel, "channel", envOr("CHAT_CHANNEL", "dm"), "dm (a DM with the bot) or a channel of team shop, e.g. cs-general")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	in := bufio.NewReader(os.Stdin)
	if cfg.User == "" {
		fmt.Println("Demo accounts:")
		for _, a := range mmenv.Accounts {
			fmt.Printf("  %-7s (%s)\n", a.Username, a.Role)
		}
		cfg.User = ask(in, "Log in as: ")
	}
	if cfg.Password == "" {
		cfg.Password = demoPassword(cfg.User)
	}
	if cfg.Password == "" {
		cfg.Password = ask(in, "Password: ")
	}
	if err := chat.Run(ctx, cfg, in, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "chat:", err)
		fmt.Fprintln(os.Stderr, "Is the demo running? Start it with: make demo")
		os.Exit(1)
	}
}

func demoPassword(user string) string {
	for _, a := range mmenv.Accounts {
		if a.Username == user {
			return a.Password
		}
	}
	return ""
}

func ask(in *bufio.Reader, prompt string) string {
	fmt.Print(prompt)
	line, err := in.ReadString('\n')
	if err != nil && err != io.EOF {
		return ""
	}
	return strings.TrimSpace(line)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
