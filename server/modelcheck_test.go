package main

import (
	"context"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

func checkWith(cfg *config.Config) func() *config.Config { return func() *config.Config { return cfg } }

func TestModelCheckOfflineSendsNothing(t *testing.T) {
	got := modelChecker{config: checkWith(&config.Config{})}.CheckModel(context.Background())
	if got.Configured || got.OK {
		t.Fatalf("offline: %+v", got)
	}
}

func TestModelCheckPassesAndFailsWithoutTheKey(t *testing.T) {
	const key = "sk-console-secret-123"
	srv := llmtest.NewServer(t)
	srv.RequireKey(key)
	srv.On(nil, llmtest.Response{Text: "OK"})

	ok := modelChecker{config: checkWith(&config.Config{LLMBaseURL: srv.URL, LLMAPIKey: key, LLMModel: "m1"})}.CheckModel(context.Background())
	if !ok.Configured || !ok.OK || ok.Model != "m1" || ok.Kind != "" || ok.LatencyMS < 0 {
		t.Fatalf("a working model: %+v", ok)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Model != "m1" || reqs[0].Authorization != "Bearer "+key {
		t.Fatalf("the model saw %d requests: %+v", len(reqs), reqs)
	}

	// A server that quotes the key back in its error: the answer must not.
	leaky := llmtest.NewServer(t)
	leaky.On(nil, llmtest.Response{Status: 401, Error: "invalid key " + key})
	bad := modelChecker{config: checkWith(&config.Config{LLMBaseURL: leaky.URL, LLMAPIKey: key, LLMModel: "m1"})}.CheckModel(context.Background())
	if bad.OK || !bad.Configured || bad.Kind != "auth" || bad.Status != 401 {
		t.Fatalf("a refused key: %+v", bad)
	}
	if strings.Contains(bad.Message, key) || strings.Contains(bad.Message, "secret-123") {
		t.Fatalf("the key leaked into the answer: %q", bad.Message)
	}
}
