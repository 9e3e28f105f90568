package main

import (
	"context"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/budget"
	"github.com/concierge-shop/concierge/server/config"
)

func modelOf(t *testing.T, p agent.Planner) *agent.LLMPlanner {
	t.Helper()
	c, ok := p.(capped)
	if !ok {
		t.Fatalf("LLMBaseURL set: want the capped model planner, got %T", p)
	}
	m, ok := c.model.(*agent.LLMPlanner)
	if !ok {
		t.Fatalf("capped planner wraps %T", c.model)
	}
	return m
}

func TestPlannerFollowsTheSettings(t *testing.T) {
	ps := newPlanners(agent.Deps{}, nil, nil)
	offline := &config.Config{}
	model := &config.Config{LLMBaseURL: "http://127.0.0.1:8081/v1", LLMModel: "m", LLMAPIKey: "k1"}
	if _, ok := ps.For(offline).(*agent.Offline); !ok {
		t.Fatal("no LLMBaseURL: want the offline planner")
	}
	first := modelOf(t, ps.For(model))
	if first.Fallback != agent.Planner(ps.offline) {
		t.Fatal("the model planner does not fall back to the offline one")
	}
	if again := modelOf(t, ps.For(&config.Config{LLMBaseURL: model.LLMBaseURL, LLMModel: "m", LLMAPIKey: "k1"})); again != first {
		t.Fatal("the same settings built a new client")
	}
	if rotated := modelOf(t, ps.For(&config.Config{LLMBaseURL: model.LLMBaseURL, LLMModel: "m", LLMAPIKey: "k2"})); rotated == first {
		t.Fatal("a new API key kept the old client")
	}
	if _, ok := ps.For(offline).(*agent.Offline); !ok {
		t.Fatal("clearing LLMBaseURL must go back offline")
	}
}

// named answers every turn with its name, and counts them.
type named struct {
	name  string
	turns int
}

func (n *named) Plan(context.Context, agent.Turn) (*agent.Reply, error) {
	n.turns++
	return &agent.Reply{Text: n.name}, nil
}

type logCount struct{ n int }

func (l *logCount) LogWarn(string, ...any) { l.n++ }

func TestModelRepliesCappedPerCustomer(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	model, offline, log := &named{name: "model"}, &named{name: "offline"}, &logCount{}
	c := capped{model: model, offline: offline, limit: 3, log: log,
		budget: budget.New(time.Hour, func() time.Time { return now }),
		warned: budget.New(time.Hour, func() time.Time { return now })}
	turn := func(user string) *agent.Reply {
		r, err := c.Plan(t.Context(), agent.Turn{Customer: agent.Customer{UserID: user}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for i := range 3 {
		if r := turn("flood"); r.Text != "model" || r.Fallback {
			t.Fatalf("turn %d within the cap answered by %s (fallback %v)", i+1, r.Text, r.Fallback)
		}
	}
	for i := range 5 {
		if r := turn("flood"); r.Text != "offline" || !r.Fallback {
			t.Fatalf("turn %d past the cap answered by %s (fallback %v)", i+4, r.Text, r.Fallback)
		}
	}
	if r := turn("other"); r.Text != "model" {
		t.Fatal("one customer's flood used up another's model replies")
	}
	if model.turns != 4 || offline.turns != 5 {
		t.Fatalf("model answered %d, offline %d; want 4 and 5", model.turns, offline.turns)
	}
	if log.n != 1 {
		t.Fatalf("%d warnings for one customer over the cap in one hour, want 1", log.n)
	}
	now = now.Add(2 * time.Hour)
	if r := turn("flood"); r.Text != "model" {
		t.Fatal("the cap did not lift after the hour")
	}
}
