package main

import (
	"strings"
	"sync"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/llm"
)

// planners picks the planner for the settings in force: the language model when
// LLMBaseURL is set, the offline planner otherwise (and whenever the model fails).
// The model's client is made once per settings value, so a settings change
// applies to the next message without a restart.
type planners struct {
	offline *agent.Offline
	deps    agent.Deps
	log     agent.WarnLogger

	mu  sync.Mutex
	key llm.Config
	llm *agent.LLMPlanner
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
		ps.llm = &agent.LLMPlanner{Model: llm.New(key), Deps: ps.deps, Fallback: ps.offline, Log: ps.log}
	}
	return ps.llm
}
