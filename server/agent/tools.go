package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/tool"
)

// ToolDef is one tool as a language model sees it (SPEC §5): a fixed name, what it
// does, and its arguments as a JSON Schema object (ready for an OpenAI "function").
type ToolDef struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
}

// Effects are what a tool call adds to the reply besides its result: the cards it
// offered (shown on the same post) and a request to hand over to staff.
type Effects struct {
	Cards   []tool.OfferedCard
	Handoff *Handoff
}

// Merge adds o to e: cards in call order, the first handoff request wins.
func (e *Effects) Merge(o Effects) {
	e.Cards = append(e.Cards, o.Cards...)
	if e.Handoff == nil {
		e.Handoff = o.Handoff
	}
}

// Apply puts the effects on a reply.
func (e Effects) Apply(r *Reply) {
	r.Offers = append(r.Offers, e.Cards...)
	if r.Handoff == nil {
		r.Handoff = e.Handoff
	}
}

// Toolbox is the set of tools bound to one customer in one conversation. No tool
// takes a user argument: every order read or refund offered is the bound
// customer's, whatever the arguments say (SPEC §5).
// A Toolbox is safe for concurrent use (a model may ask for several calls at once).
type Toolbox struct {
	d    Deps
	turn Turn
	lang i18n.Lang

	mu    sync.Mutex
	calls []tool.Call
}

// NewToolbox binds the tools to the turn's customer and conversation.
func NewToolbox(d Deps, turn Turn) *Toolbox {
	lang := turn.Lang
	if lang == "" {
		lang = i18n.Detect(strings.Join(turn.Messages, "\n"))
	}
	return &Toolbox{d: d, turn: turn, lang: lang}
}

// Calls returns the calls made so far, in order.
func (tb *Toolbox) Calls() []tool.Call {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]tool.Call(nil), tb.calls...)
}

// Definitions lists the tools for the model, in a stable order.
func (tb *Toolbox) Definitions() []ToolDef {
	out := make([]ToolDef, 0, len(toolOrder))
	for _, name := range toolOrder {
		t := toolSpecs[name]
		out = append(out, ToolDef{Name: name, Description: t.description, Parameters: t.schema})
	}
	return out
}

// Call runs one tool with JSON arguments and returns a JSON object: the result, or
// {"error": "...", "code": "..."} for an unknown tool, bad arguments or a refusal.
// It never panics. The call is kept with its typed value (Calls).
func (tb *Toolbox) Call(ctx context.Context, name, argsJSON string) (result string, eff Effects) {
	var value any
	defer func() {
		if r := recover(); r != nil {
			tb.d.logError("agent: tool panicked", "tool", name, "panic", fmt.Sprint(r))
			result, value = encodeResult(tool.ErrorResult{Error: "internal error", Code: codeInternal})
			eff = Effects{}
		}
		tb.mu.Lock()
		tb.calls = append(tb.calls, tool.Call{Name: name, Args: argsJSON, Result: result, Value: value})
		tb.mu.Unlock()
	}()
	value, eff = tb.run(ctx, name, argsJSON)
	result, value = encodeResult(value)
	return result, eff
}

// run is Call before the result is encoded: the tool's value, or a tool.ErrorResult.
func (tb *Toolbox) run(ctx context.Context, name, argsJSON string) (any, Effects) {
	if tb.turn.OnTool != nil {
		tb.turn.OnTool(name)
	}
	t, ok := toolSpecs[name]
	if !ok {
		return tool.ErrorResult{Error: fmt.Sprintf("unknown tool %q", name), Code: codeUnknownTool}, Effects{}
	}
	raw, err := argsObject(argsJSON)
	if err != nil {
		return tool.ErrorResult{Error: err.Error(), Code: codeBadArguments}, Effects{}
	}
	out, eff, err := t.run(ctx, tb, raw)
	if err != nil {
		return tb.toErrorResult(name, err), Effects{}
	}
	return out, eff
}

// toolSpec is one entry of the table in tools_defs.go.
type toolSpec struct {
	description string
	schema      json.RawMessage // generated from the arguments struct (toolargs.go)
	run         func(ctx context.Context, tb *Toolbox, args json.RawMessage) (any, Effects, error)
	// result is the type run returns. A call's JSON is read back by package tool,
	// which declares each tool's result type itself (so its readers need no
	// agent); TestToolTableAgrees holds that declaration to this one.
	result reflect.Type
}

// Error codes of a tool's error object, so a caller can act without parsing text.
const (
	codeUnknownTool  = "unknown_tool"
	codeBadArguments = "bad_arguments"
	codeInvalidInput = "invalid_input"
	codeNotFound     = "not_found"
	codeNotEligible  = "not_eligible"
	codeNoSize       = "no_size"
	codeUnavailable  = "unavailable"
	codeInternal     = "internal"
)

// argError is a problem with the arguments themselves.
type argError struct{ msg string }

func (e *argError) Error() string { return e.msg }

func badArgs(format string, a ...any) error { return &argError{msg: fmt.Sprintf(format, a...)} }

// unavailableError: a dependency is not wired or not ready; the message is safe to show.
type unavailableError struct{ msg string }

func (e *unavailableError) Error() string { return e.msg }

// toErrorResult turns an error into the object the caller reads. commerce's errors
// carry sentences for the customer, worded here in the turn's language; anything else
// is logged and reported generically, so no internal detail leaks into a reply.
func (tb *Toolbox) toErrorResult(name string, err error) tool.ErrorResult {
	var (
		ae *argError
		ie *commerce.InputError
		nf *commerce.NotFoundError
		ne *commerce.NotEligibleError
		se *commerce.SizeError
		ue *unavailableError
	)
	switch {
	case errors.As(err, &ae):
		return tool.ErrorResult{Error: ae.msg, Code: codeBadArguments}
	case errors.As(err, &ie):
		return tool.ErrorResult{Error: ie.In(tb.lang), Code: codeInvalidInput, Path: ie.Path}
	case errors.As(err, &nf):
		return tool.ErrorResult{Error: nf.In(tb.lang), Code: codeNotFound, Reason: nf.Kind}
	case errors.As(err, &ne):
		return tool.ErrorResult{Error: ne.In(tb.lang), Code: codeNotEligible, Reason: ne.Reason}
	case errors.As(err, &se):
		return tool.ErrorResult{Error: se.In(tb.lang), Code: codeNoSize, Reason: se.Reason}
	case errors.As(err, &ue):
		return tool.ErrorResult{Error: ue.msg, Code: codeUnavailable}
	case errors.Is(err, knowledge.ErrNotReady):
		return tool.ErrorResult{Error: "the knowledge base is being prepared; try again shortly", Code: codeUnavailable}
	}
	tb.d.logError("agent: tool failed", "tool", name, "user", tb.turn.Customer.Username, "err", err.Error())
	return tool.ErrorResult{Error: "internal error", Code: codeInternal}
}

// argsObject checks that the arguments are one JSON object ("" counts as {}).
func argsObject(s string) (json.RawMessage, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return json.RawMessage("{}"), nil
	}
	if !json.Valid([]byte(s)) {
		return nil, errors.New("arguments are not valid JSON")
	}
	if s[0] != '{' {
		return nil, errors.New("arguments must be a JSON object")
	}
	return json.RawMessage(s), nil
}

// decodeArgs reads arguments strictly: unknown fields (a "user", a typo) are
// rejected, so the model learns the schema instead of being silently ignored.
func decodeArgs(raw json.RawMessage, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return badArgs("bad arguments: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// encodeResult is v's JSON and the value that JSON stands for: v itself, or the
// internal error reported in its place when v cannot be encoded.
func encodeResult(v any) (string, any) {
	b, err := json.Marshal(v)
	if err != nil {
		return `{"error":"internal error","code":"internal"}`, tool.ErrorResult{Error: "internal error", Code: codeInternal}
	}
	return string(b), v
}
