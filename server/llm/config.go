// Package llm is a small client for OpenAI-compatible chat completions with tool
// calling and streaming. It knows nothing of shops, Mattermost or our tools: a
// caller passes messages and tool schemas, and reads back text deltas and one
// assembled assistant message (text and tool calls). Errors are *Error values
// whose Kind tells the caller whether to fall back (timeout, unavailable, ...) or
// stop (its own cancellation, which also satisfies errors.Is(err, context.Canceled)).
//
// The API key never appears in an error string: everything a server or the
// network says is passed through a redactor before it reaches an *Error.
//
// A consumer declares the small interface it needs (say, Stream) and tests it
// against package llmtest, a scripted OpenAI-compatible server; see
// Example_toolTurn for one tool-using turn.
package llm

import (
	"fmt"
	"strings"
	"time"
)

// Defaults for the zero values of Config. A customer is waiting on every request:
// an endpoint silent for longer than these is treated as down, so the caller can
// answer another way instead of leaving the customer staring at a typing indicator.
const (
	DefaultTimeout           = 60 * time.Second
	DefaultFirstTokenTimeout = 20 * time.Second
	DefaultIdleTimeout       = 20 * time.Second
)

// Config is where and how to reach the model. The zero durations take the defaults.
type Config struct {
	BaseURL string // OpenAI-compatible base, e.g. http://127.0.0.1:8081/v1; empty = disabled
	APIKey  string // bearer token; may be empty for local servers
	Model   string

	// Timeout bounds a whole request, from sending it to the last token.
	Timeout time.Duration
	// FirstTokenTimeout bounds the wait from sending the request to the first
	// token (text, tool call fragment or reasoning): a model that never starts fails fast.
	FirstTokenTimeout time.Duration
	// IdleTimeout bounds the gap between two tokens once the stream has started,
	// so a stream that stalls half-way fails long before Timeout.
	IdleTimeout time.Duration
}

// Enabled reports whether a model is configured at all (SPEC §2: an empty base
// URL means offline mode).
func (c Config) Enabled() bool { return strings.TrimSpace(c.BaseURL) != "" }

// withDefaults fills the zero (or negative) durations.
func (c Config) withDefaults() Config {
	c.BaseURL = strings.TrimSpace(c.BaseURL)
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.FirstTokenTimeout <= 0 {
		c.FirstTokenTimeout = DefaultFirstTokenTimeout
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	return c
}

// String keeps the key out of logs that print a Config with %v or %+v.
func (c Config) String() string {
	key := "none"
	if c.APIKey != "" {
		key = "set"
	}
	return fmt.Sprintf("llm.Config{BaseURL:%s Model:%q APIKey:%s Timeout:%s FirstTokenTimeout:%s IdleTimeout:%s}",
		redactURL(c.BaseURL), c.Model, key, c.Timeout, c.FirstTokenTimeout, c.IdleTimeout)
}

// GoString does the same for %#v.
func (c Config) GoString() string { return c.String() }
