package main

import (
	"testing"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/config"
)

func TestPlannerFollowsTheSettings(t *testing.T) {
	ps := &planners{offline: agent.NewOffline(agent.Deps{})}
	offline := &config.Config{}
	model := &config.Config{LLMBaseURL: "http://127.0.0.1:8081/v1", LLMModel: "m", LLMAPIKey: "k1"}
	if _, ok := ps.For(offline).(*agent.Offline); !ok {
		t.Fatal("no LLMBaseURL: want the offline planner")
	}
	first, ok := ps.For(model).(*agent.LLMPlanner)
	if !ok || first.Fallback != agent.Planner(ps.offline) {
		t.Fatalf("LLMBaseURL set: want the LLM planner falling back to the offline one, got %T", ps.For(model))
	}
	if again := ps.For(&config.Config{LLMBaseURL: model.LLMBaseURL, LLMModel: "m", LLMAPIKey: "k1"}); again != agent.Planner(first) {
		t.Fatal("the same settings built a new client")
	}
	if rotated := ps.For(&config.Config{LLMBaseURL: model.LLMBaseURL, LLMModel: "m", LLMAPIKey: "k2"}); rotated == agent.Planner(first) {
		t.Fatal("a new API key kept the old client")
	}
	if _, ok := ps.For(offline).(*agent.Offline); !ok {
		t.Fatal("clearing LLMBaseURL must go back offline")
	}
}
