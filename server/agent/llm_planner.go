package agent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/llm"
)

// ChatModel is what the LLM planner needs of a language model (*llm.Client).
type ChatModel interface {
	Stream(ctx context.Context, req llm.Request) (*llm.Stream, error)
}

// WarnLogger reports a model failure that the offline planner covered.
type WarnLogger interface {
	LogWarn(msg string, keyValuePairs ...any)
}

// LLMPlanner answers with a language model that calls the SPEC §5 tools, bound to
// the asking customer. Whatever goes wrong with the model — unreachable, slow,
// refusing, looping, inventing a price — the offline planner answers the turn
// instead, so a customer never waits on a broken model.
type LLMPlanner struct {
	Model    ChatModel
	Deps     Deps
	Fallback Planner
	Log      WarnLogger // optional
	// MaxSteps bounds model calls per turn (each may ask for tools); 0 = 6.
	MaxSteps int
	// Temperature for the model; nil = 0.2 (answers about money want little invention).
	Temperature *float32
}

const defaultMaxSteps = 6

// maxReplyRunes keeps a runaway answer well inside Mattermost's post limit.
const maxReplyRunes = 4000

var (
	errTooManySteps = errors.New("the model kept calling tools")
	errEmptyAnswer  = errors.New("the model gave an empty answer")
)

// Plan implements Planner.
func (p *LLMPlanner) Plan(ctx context.Context, turn Turn) (*Reply, error) {
	reply, err := p.plan(ctx, turn)
	if err == nil {
		return reply, nil
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		return nil, err // stale: a later message is answered instead
	}
	if p.Log != nil {
		p.Log.LogWarn("agent: the language model could not answer; the offline planner does",
			"kind", string(llm.KindOf(err)), "err", err.Error(), "conversation_id", turn.ConversationID)
	}
	if p.Fallback == nil {
		return nil, err
	}
	reply, ferr := p.Fallback.Plan(ctx, turn)
	if reply != nil {
		reply.Fallback = true
	}
	return reply, ferr
}

func (p *LLMPlanner) plan(ctx context.Context, turn Turn) (*Reply, error) {
	tb := NewToolbox(p.Deps, turn)
	req := llm.Request{Messages: p.messages(ctx, turn, tb.lang), Tools: toolsFor(tb), Temperature: p.temperature()}
	var eff Effects
	steps := p.MaxSteps
	if steps <= 0 {
		steps = defaultMaxSteps
	}
	// What streams passes the same checks as the final text: no mention but the
	// customer's (a post with @channel notifies when it is created), and no
	// amount until a tool has given it (a wrong price must not flash by).
	known := knownAmounts(turn.Messages, p.currency())
	var show func(string) bool
	if turn.Stream != nil {
		show = func(text string) bool {
			if len(known.unbacked(text)) > 0 {
				return true // held back; the final text decides
			}
			return turn.Stream.Write(finishText(text, turn.Customer.Username))
		}
	}
	for range steps {
		msg, err := p.step(ctx, req, show)
		if err != nil {
			return nil, err
		}
		if len(msg.ToolCalls) == 0 {
			text := strings.TrimSpace(msg.Content)
			if text == "" {
				return nil, errEmptyAnswer
			}
			if bad := known.unbacked(text); len(bad) > 0 {
				return nil, fmt.Errorf("the model stated amounts no tool gave: %s", strings.Join(bad, ", "))
			}
			reply := &Reply{Text: finishText(text, turn.Customer.Username), Calls: tb.Calls()}
			eff.Apply(reply)
			return reply, nil
		}
		req.Messages = append(req.Messages, msg)
		for _, c := range msg.ToolCalls {
			if err := ctx.Err(); err != nil {
				return nil, err // stale: no tool runs for a reply nobody will read
			}
			result, e := tb.Call(ctx, c.Name, c.Arguments)
			eff.Merge(e)
			known.addResult(result)
			req.Messages = append(req.Messages, llm.Message{Role: llm.RoleTool, ToolCallID: c.ID, Name: c.Name, Content: result})
		}
	}
	return nil, errTooManySteps
}

// step runs one model call, streaming its text to the customer as it comes.
func (p *LLMPlanner) step(ctx context.Context, req llm.Request, show func(string) bool) (llm.Message, error) {
	s, err := p.Model.Stream(ctx, req)
	if err != nil {
		return llm.Message{}, err
	}
	defer s.Close()
	var text strings.Builder
	for ev := range s.Events() {
		switch ev.Type {
		case llm.EventText:
			text.WriteString(ev.Text)
			if show != nil && !show(text.String()) {
				return llm.Message{}, context.Canceled
			}
		case llm.EventDone:
			return ev.Message, nil
		case llm.EventError:
			return llm.Message{}, ev.Err
		}
	}
	return llm.Message{}, errors.New("the model's stream ended without an answer")
}

func (p *LLMPlanner) temperature() *float32 {
	if p.Temperature != nil {
		return p.Temperature
	}
	t := float32(0.2)
	return &t
}

func toolsFor(tb *Toolbox) []llm.Tool {
	defs := tb.Definitions()
	out := make([]llm.Tool, len(defs))
	for i, d := range defs {
		out[i] = llm.Tool{Name: d.Name, Description: d.Description, Parameters: d.Parameters}
	}
	return out
}

// messages: the instructions, the conversation so far, and the new messages as
// one user turn (they arrived together and are answered together).
func (p *LLMPlanner) messages(ctx context.Context, turn Turn, lang i18n.Lang) []llm.Message {
	snap := p.Deps.snapshot()
	out := []llm.Message{{Role: llm.RoleSystem, Content: systemPrompt(promptFacts{
		Lang:     lang,
		Customer: turn.Customer.Username,
		Now:      p.Deps.now(),
		Currency: snap.Catalog.Currency,
		Linked:   linkedContext(ctx, p.Deps, turn),
		DM:       turn.Where.DM,
	})}}
	for _, h := range turn.History {
		role := llm.RoleAssistant
		if h.FromCustomer {
			role = llm.RoleUser
		}
		out = append(out, llm.Message{Role: role, Content: h.Text})
	}
	return append(out, llm.Message{Role: llm.RoleUser, Content: strings.Join(turn.Messages, "\n")})
}

type promptFacts struct {
	Lang     i18n.Lang
	Customer string
	Now      time.Time
	Currency string
	Linked   string // what the turn refers to (llm_context.go)
	DM       bool
}

// currency is the shop's, for reading the amounts the model states.
func (p *LLMPlanner) currency() string {
	if snap := p.Deps.snapshot(); snap != nil {
		return snap.Catalog.Currency
	}
	return ""
}
