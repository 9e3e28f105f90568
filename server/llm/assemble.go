package llm

import (
	"strconv"
	"strings"

	openai "github.com/sashabaranov/go-openai"
)

// assembler collects one assistant message from stream deltas. Tool calls arrive
// in fragments: the first carries the id and name, the following ones pieces of
// the arguments, tied together by index. Servers differ: some omit the index,
// some reuse index 0 for every call of a parallel batch (each with its own id),
// some repeat the id in every fragment. All of these assemble here.
type assembler struct {
	text    strings.Builder
	calls   []*partialCall // pointers: a strings.Builder must not be copied
	byIndex map[int]int    // wire index -> position in calls
}

type partialCall struct {
	id, name string
	args     strings.Builder
}

func (a *assembler) addToolCalls(frags []openai.ToolCall) {
	for _, f := range frags {
		pos := a.slot(f) // before indexing: slot may grow a.calls
		c := a.calls[pos]
		if c.id == "" {
			c.id = f.ID
		}
		if c.name == "" {
			c.name = f.Function.Name
		}
		c.args.WriteString(f.Function.Arguments)
	}
}

// slot finds the call a fragment belongs to, starting a new one when needed.
func (a *assembler) slot(f openai.ToolCall) int {
	if f.Index != nil {
		if pos, ok := a.byIndex[*f.Index]; ok && !a.newID(pos, f.ID) {
			return pos
		}
		if a.byIndex == nil {
			a.byIndex = map[int]int{}
		}
		a.byIndex[*f.Index] = a.start()
		return a.byIndex[*f.Index]
	}
	// No index: a fragment with a new id starts a call, one without continues the last.
	if last := len(a.calls) - 1; last >= 0 && !a.newID(last, f.ID) {
		return last
	}
	return a.start()
}

// newID reports whether id names a call other than the one at pos.
func (a *assembler) newID(pos int, id string) bool {
	return id != "" && a.calls[pos].id != "" && a.calls[pos].id != id
}

func (a *assembler) start() int {
	a.calls = append(a.calls, &partialCall{})
	return len(a.calls) - 1
}

// done is the final event: the whole message, and the finish reason corrected
// for servers that report "stop" after tool calls.
func (a *assembler) done(reason FinishReason) Event {
	msg := Message{Role: RoleAssistant, Content: a.text.String()}
	for i := range a.calls {
		c := a.calls[i]
		if c.name == "" {
			return errEvent(&Error{Kind: KindBadResponse, Message: "tool call without a name"})
		}
		id := c.id
		if id == "" {
			// The next request must tie each tool result to its call.
			id = "call_" + strconv.Itoa(i)
		}
		args := strings.TrimSpace(c.args.String())
		if args == "" {
			args = "{}"
		}
		msg.ToolCalls = append(msg.ToolCalls, ToolCall{ID: id, Name: c.name, Arguments: args})
	}
	if len(msg.ToolCalls) > 0 && reason != FinishLength && reason != FinishContentFilter {
		reason = FinishToolCalls
	}
	return Event{Type: EventDone, Message: msg, FinishReason: reason}
}
