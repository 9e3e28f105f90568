// Command llmscript serves a scripted OpenAI-compatible chat completions
// endpoint, for the e2e suite and demos on machines without a language model:
//
//	llmscript -script script.json -addr 127.0.0.1:8081 [-v]
//
// The script is JSON in the format documented on llmtest.Script (rules tried in
// order, each a "when" and a "respond"). Without -script the server starts with
// no rules, every chat request answered 500, until a script is PUT to
// /llmtest/script; GET /llmtest/requests lists what the endpoint received since.
//
// When it is ready it prints "llmscript: serving <base URL>" on stdout (the URL
// to configure as LLMBaseURL); it stops on SIGINT or SIGTERM.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

func main() {
	scriptPath := flag.String("script", "", "JSON script file (see llmtest.Script)")
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	verbose := flag.Bool("v", false, "log one line per request on stderr")
	flag.Parse()
	if err := run(*scriptPath, *addr, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "llmscript:", err)
		os.Exit(1)
	}
}

func run(scriptPath, addr string, verbose bool) error {
	var script *llmtest.Script
	if scriptPath != "" {
		f, err := os.Open(scriptPath)
		if err != nil {
			return err
		}
		script, err = llmtest.ReadScript(f)
		_ = f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", scriptPath, err)
		}
	}
	srv, err := llmtest.Listen(addr)
	if err != nil {
		return err
	}
	defer srv.Close()
	if script != nil {
		if err := srv.Load(script); err != nil {
			return err
		}
	}
	if verbose {
		srv.SetLog(log.New(os.Stderr, "", log.LstdFlags).Printf)
	}
	fmt.Println("llmscript: serving", srv.URL)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	return nil
}
