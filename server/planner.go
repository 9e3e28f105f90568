package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/budget"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/llm"
)

// planners picks the planner for the settings in force: the language model when
// LLMBaseURL is set, the offline planner otherwise (and whenever the model fails,
// or the customer has had their hour's share of model replies). The model's
// client is made once per settings value, so a settings change applies to the
// next message without a restart.
type planners struct {
	offline *agent.Offline
	deps    agent.Deps
	log     agent.WarnLogger
	http    *http.Client
	budget  *budget.Limiter // per customer, over an hour
	warned  *budget.Limiter // one log line per customer and hour past the cap, not one per message

	mu  sync.Mutex
	key llm.Config
	llm *agent.LLMPlanner
}

// hc carries the model's requests (nil: a plain client, for tests).
func newPlanners(deps agent.Deps, log agent.WarnLogger, hc *http.Client) *planners {
	return &planners{offline: agent.NewOffline(deps), deps: deps, log: log, http: hc, budget: budget.New(time.Hour, nil), warned: budget.New(time.Hour, nil)}
}

func (ps *planners) For(cfg *config.Config) agent.Planner {
	if cfg.Offline() {
		return ps.offline
	}
	key := llm.Config{BaseURL: strings.TrimSpace(cfg.LLMBaseURL), APIKey: cfg.LLMAPIKey, Model: strings.TrimSpace(cfg.LLMModel)}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.llm == nil || ps.key != key {
		ps.key = key
		ps.llm = &agent.LLMPlanner{Model: llm.New(key, llm.WithHTTPClient(ps.http)), Deps: ps.deps, Fallback: ps.offline, Log: ps.log}
	}
	return capped{model: ps.llm, offline: ps.offline, budget: ps.budget, warned: ps.warned, limit: int(cfg.ModelRepliesCap()), log: ps.log}
}

// capped sends a customer's turn to the model while they are within their
// hourly cap, and to the offline planner past it: the limit is in code, so no
// conversation (or prompt) can talk its way past it.
type capped struct {
	model, offline agent.Planner
	budget, warned *budget.Limiter
	limit          int
	log            agent.WarnLogger
}

func (c capped) Plan(ctx context.Context, turn agent.Turn) (*agent.Reply, error) {
	if c.budget.Allow(turn.Customer.UserID, c.limit) {
		return c.model.Plan(ctx, turn)
	}
	if c.log != nil && c.warned.Allow(turn.Customer.UserID, 1) {
		c.log.LogWarn("agent: customer over the hourly model cap; the offline planner answers",
			"user_id", turn.Customer.UserID, "cap", c.limit, "conversation_id", turn.ConversationID)
	}
	reply, err := c.offline.Plan(ctx, turn)
	if reply != nil {
		reply.Fallback = true
	}
	return reply, err
}
