package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// modelAnswer is the scripted model's final answer, after one knowledge search.
// It states no amount: an amount must come from a tool's result, and the search
// for a product's price or the return policy does not give the free-shipping
// threshold, so such an answer was refused and the offline planner answered
// instead (half the turns): the figures then timed that fallback, not the model's
// one-tool-call answer they name.
const modelAnswer = "一般48小时内发货，7天内可无理由退货。Usually ships within 48 hours; returns within 7 days."

// modelResult: one customer's questions answered through a model that answers
// at once, and the plugin's own share of each reply.
type modelResult struct {
	turns   []turn
	timed   []turn          // the answered turns that called the model, in step with the slices below
	model   []time.Duration // the model's own time per reply (its requests, start to end)
	pre     []time.Duration // question sent → first model request
	between []time.Duration // between the model's requests: the tool call
	post    []time.Duration // last model answer → the complete reply on the customer's screen
	tokens  []int           // estimated prompt tokens per model request
	first   []int           // … of each turn's first request (before any tool result)
	last    []int           // … of each turn's last request (with the tool result)
	answers answerCounts
}

func (lt *loadTest) modelPhase(ctx context.Context, plainCh, askCh string) (modelResult, error) {
	var r modelResult
	srv, err := llmtest.Listen("127.0.0.1:0")
	if err != nil {
		return r, err
	}
	defer srv.Close()
	srv.On(llmtest.AfterTool("search_knowledge"), llmtest.Response{Text: modelAnswer})
	srv.On(nil, llmtest.Response{ToolCalls: []llmtest.ToolCall{{Name: "search_knowledge", Arguments: `{"query":"{{last_user}}"}`}}})
	s := offlineSettings()
	s["llmbaseurl"], s["llmapikey"], s["llmmodel"] = srv.URL, "sk-loadtest", "loadtest"
	if err := lt.env.SetPluginSettings(ctx, s); err != nil {
		return r, err
	}
	defer func() { _ = lt.env.SetPluginSettings(context.WithoutCancel(ctx), offlineSettings()) }()
	logf("1 customer, %d questions through the scripted model (0 ms)", lt.c.modelTurns)
	cs, err := newCustomers(ctx, lt.env, lt.bot.Id, "model", 1)
	if err != nil {
		return r, err
	}
	defer closeCustomers(cs)
	c := cs[0]
	// The settings reach the plugin asynchronously: warm up until the model answers.
	for i := 0; ; i++ {
		srv.Reset()
		if _, err := c.exchange(ctx, plainCh, askCh, offlineQuestions[0]); err != nil {
			return r, err
		}
		if len(srv.Exchanges()) >= 2 {
			break
		}
		if i == 20 {
			return r, fmt.Errorf("the plugin never called the scripted model at %s", srv.URL)
		}
	}
	for k := range lt.c.modelTurns {
		srv.Reset()
		t, err := c.exchange(ctx, plainCh, askCh, question(0, k))
		if err != nil {
			return r, err
		}
		if err := c.threadFloor(ctx, plainCh, &t); err != nil {
			return r, err
		}
		r.turns = append(r.turns, t)
		ex := srv.Exchanges()
		reqs := srv.Requests()
		for i, q := range reqs {
			n := promptTokens(q)
			r.tokens = append(r.tokens, n)
			if i == 0 {
				r.first = append(r.first, n)
			}
			if i == len(reqs)-1 && i > 0 {
				r.last = append(r.last, n)
			}
		}
		if lt.c.dumpPrompt != "" {
			if err := dumpRequests(lt.c.dumpPrompt, reqs); err != nil {
				return r, err
			}
		}
		if !t.answered || len(ex) < 2 {
			continue
		}
		var model, between time.Duration
		for i, e := range ex {
			model += e.Ended.Sub(e.Started)
			if i > 0 {
				between += e.Started.Sub(ex[i-1].Ended)
			}
		}
		r.timed = append(r.timed, t)
		r.model = append(r.model, model)
		r.pre = append(r.pre, ex[0].Started.Sub(t.asked))
		r.between = append(r.between, between)
		r.post = append(r.post, t.asked.Add(t.reply).Sub(ex[len(ex)-1].Ended))
	}
	r.answers, err = countAnswers(ctx, lt.env.Admin(), lt.bot.Id, r.turns)
	return r, err
}

func (r modelResult) medianTokens() int { return median(r.tokens) }

func (r modelResult) rows() [][]string {
	var plain, plainReply, reply, own, overhead, beyond []time.Duration
	for j, t := range r.timed {
		plain = append(plain, t.plain)
		plainReply = append(plainReply, t.plainReply)
		reply = append(reply, t.reply)
		own = append(own, t.reply-r.model[j])
		overhead = append(overhead, t.reply-r.model[j]-t.plain)
		beyond = append(beyond, t.reply-r.model[j]-t.plainReply)
	}
	line := func(name string, ds []time.Duration, goal string) []string {
		return []string{name, ms(pct(ds, 50)), ms(pct(ds, 99)), goal}
	}
	return [][]string{
		{fmt.Sprintf("scripted model, 0 ms, 1 tool call (%d questions, %d timed: %d once, %d twice+, %d lost)", len(r.turns), len(r.timed), r.answers.once, r.answers.twice, r.answers.lost), "p50", "p99", "goal"},
		line("plain post round trip", plain, ""),
		line("plain reply in a thread (Mattermost's own floor for a reply)", plainReply, ""),
		line("reply", reply, ""),
		line("model's own time", r.model, ""),
		line("reply − model", own, ""),
		line("plugin overhead: reply − model − plain post", overhead, "p99 ≤ 5 ms"),
		line("  … beyond a plain thread reply: reply − model − plain reply", beyond, ""),
		line("  question sent → 1st model request", r.pre, ""),
		line("  between model requests (the tool)", r.between, ""),
		line("  model done → reply on screen", r.post, ""),
	}
}

// dumpRequests writes the requests' bodies, one JSON document a line.
func dumpRequests(path string, reqs []llmtest.ChatRequest) error {
	var b []byte
	for _, q := range reqs {
		b = append(append(b, q.Body...), '\n')
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("dump the prompt: %w", err)
	}
	return nil
}

// promptTokens estimates what the model reads of a request: each message's text
// and tool calls and each offered tool's name, description and parameter schema,
// plus OpenAI's few tokens of framing per message; not the JSON transport around
// them (its quotes and escapes).
func promptTokens(q llmtest.ChatRequest) int {
	n := 3
	for _, m := range q.Messages {
		n += 4 + estimateTokens(m.Content)
		for _, c := range m.ToolCalls {
			n += estimateTokens(c.Name) + estimateTokens(c.Arguments)
		}
	}
	for _, t := range q.Tools {
		n += 8 + estimateTokens(t.Name) + estimateTokens(t.Description) + estimateTokens(string(t.Parameters))
	}
	return n
}
