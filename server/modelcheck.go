package main

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/api"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/llm"
)

// modelChecker answers the System Console's "test the model connection": one
// tiny request to the saved settings' endpoint through the same client the
// planner uses, so a pass means customers' turns can reach the model too.
type modelChecker struct {
	config func() *config.Config
	http   *http.Client // the planner's client, so the check goes the way replies go
}

func (m modelChecker) CheckModel(ctx context.Context) api.ModelCheck {
	cfg := m.config()
	if cfg.Offline() {
		return api.ModelCheck{}
	}
	model := strings.TrimSpace(cfg.LLMModel)
	client := llm.New(llm.Config{BaseURL: strings.TrimSpace(cfg.LLMBaseURL), APIKey: cfg.LLMAPIKey, Model: model}, llm.WithHTTPClient(m.http))
	start := time.Now()
	_, _, err := client.Complete(ctx, llm.Request{
		Messages:  []llm.Message{{Role: llm.RoleUser, Content: "Reply with OK."}},
		MaxTokens: 5,
	})
	out := api.ModelCheck{Configured: true, OK: err == nil, Model: model, LatencyMS: time.Since(start).Milliseconds()}
	if err != nil {
		out.Kind = string(llm.KindOf(err))
		var e *llm.Error
		if errors.As(err, &e) {
			out.Status, out.Message = e.Status, e.Message
		}
		// The client already keeps the key out of its errors; the settings'
		// redactor is the second lock on the same door.
		out.Message = cfg.Redactor().Clean(out.Message)
	}
	return out
}
