package llm

import "encoding/json"

// Role is who wrote a message.
type Role string

// The roles of the chat completions API.
const (
	RoleSystem    Role = "system"
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
	RoleTool      Role = "tool"
)

// Message is one message of a conversation with the model.
type Message struct {
	Role    Role
	Content string
	// ToolCalls are what an assistant message asked for; pass the assistant
	// message back unchanged in the next request, followed by one RoleTool
	// message per call.
	ToolCalls []ToolCall
	// ToolCallID ties a RoleTool message to the call it answers.
	ToolCallID string
	// Name is optional: a tool message's tool name, or a participant's name.
	Name string
}

// Tool is a function the model may call; Parameters is a JSON Schema object
// (nil means a function without arguments).
type Tool struct {
	Name        string
	Description string
	Parameters  json.RawMessage
}

// ToolCall is one call the model made. Arguments is the JSON text the model
// wrote, assembled from its streamed fragments; it is "{}" when the model sent
// none, and is not validated here (a model can write bad JSON: the tool that
// reads it says so).
type ToolCall struct {
	ID        string
	Name      string
	Arguments string
}

// Request is one chat completion request.
type Request struct {
	Messages []Message
	Tools    []Tool
	// Temperature is nil for the endpoint's default. 0 is sent as (nearly) 0.
	Temperature *float32
	// MaxTokens bounds the reply; 0 for the endpoint's default.
	MaxTokens int
}

// FinishReason is why the model stopped.
type FinishReason string

// Finish reasons. A message that carries tool calls always reports
// FinishToolCalls, whatever the server said (some servers say "stop").
const (
	FinishStop          FinishReason = "stop"
	FinishLength        FinishReason = "length"
	FinishToolCalls     FinishReason = "tool_calls"
	FinishContentFilter FinishReason = "content_filter"
)

// EventType tells the kinds of Event apart.
type EventType int

// Event types. A stream sends any number of EventText, then exactly one
// EventDone or EventError, then closes its channel.
const (
	EventText EventType = iota + 1
	EventDone
	EventError
)

// Event is one thing a Stream reports.
type Event struct {
	Type EventType
	// Text is the new text of an EventText (a delta, not the whole so far).
	Text string
	// Message is the whole assistant message of an EventDone: all the text and
	// the tool calls assembled from their fragments.
	Message Message
	// FinishReason comes with EventDone.
	FinishReason FinishReason
	// Err is the *Error of an EventError.
	Err error
}
