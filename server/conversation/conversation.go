// Package conversation decides which posts are customer messages, which conversation
// they belong to and whose turn it is, queues them per conversation (merging messages
// typed in a burst and cancelling replies a later message made stale), asks the agent
// for a reply and posts it. SPEC §7.
package conversation

import (
	"time"
)

// State of a conversation (SPEC §6, §7).
type State string

const (
	StateBot          State = "bot"
	StateWaitingHuman State = "waiting_human"
	StateHuman        State = "human"
	StateResolved     State = "resolved"
)

// ParseState validates a state name from a request.
func ParseState(s string) (State, bool) {
	switch st := State(s); st {
	case StateBot, StateWaitingHuman, StateHuman, StateResolved:
		return st, true
	}
	return "", false
}

// Kind says what a conversation spans.
type Kind string

const (
	KindThread  Kind = "thread"  // a customer's thread in a shared channel
	KindDM      Kind = "dm"      // the whole DM with the bot
	KindChannel Kind = "channel" // a channel whose only non-staff member is the customer
)

// Conversation is one customer's conversation; its row in the Store is the truth.
type Conversation struct {
	ID         string    `json:"id"`
	Kind       Kind      `json:"kind"`
	Customer   string    `json:"customer"` // username
	CustomerID string    `json:"customer_id"`
	ChannelID  string    `json:"channel_id"`
	RootID     string    `json:"root_id"` // "" for DM and single-customer channels
	State      State     `json:"state"`
	Lang       string    `json:"lang"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Outcome counters for /stats.
	Messages   int   `json:"messages"`
	BotReplies int   `json:"bot_replies"`
	HandedOff  bool  `json:"handed_off"`
	ResolvedBy State `json:"resolved_by,omitempty"` // bot or human
	CSAT       int   `json:"csat,omitempty"`        // 1..5, 0 = not rated
	// CSATPostID is the rating card posted when it was resolved: the one card a
	// rating click may change, and the proof that it may be rated at all.
	CSATPostID  string `json:"csat_post_id,omitempty"`
	HandoffNote string `json:"handoff_reason,omitempty"`
	// StaffPostID is the handoff card's post in the staff channel (DM handoffs, and
	// shared-thread handoffs: the summary is private too).
	StaffPostID string `json:"staff_post_id,omitempty"`

	// For metrics: when it was first handed off and first taken by a person, the
	// tool calls that failed, the turns a failed model left to the offline planner,
	// and whether it was reopened within a day of being resolved.
	HandedOffAt *time.Time `json:"handed_off_at,omitempty"`
	HumanAt     *time.Time `json:"human_at,omitempty"`
	ResolvedAt  *time.Time `json:"resolved_at,omitempty"`
	Reopened    bool       `json:"reopened,omitempty"`
	ToolErrors  int        `json:"tool_errors,omitempty"`
	Fallbacks   int        `json:"fallbacks,omitempty"`

	// Assignee is the staff member a handoff was routed to ("" = everyone was
	// mentioned); Repinged and Escalated record the reminders sent since.
	Assignee  string `json:"assignee,omitempty"`
	Repinged  bool   `json:"repinged,omitempty"`
	Escalated bool   `json:"escalated,omitempty"`

	// HandledThrough is the creation time (Unix ms, as a post's CreateAt) of the
	// newest customer message dealt with: answered by a posted reply, or left to
	// staff by a change of state. The catch-up after a restart answers only what
	// is newer (catchup.go). 0 on records from before it was kept.
	HandledThrough int64 `json:"handled_through,omitempty"`
}

// handledThrough is HandledThrough, or for a record from before it was kept the
// time of its last change: the best guess of what that version had dealt with.
func (c *Conversation) handledThrough() int64 {
	if c.HandledThrough != 0 {
		return c.HandledThrough
	}
	return c.UpdatedAt.UnixMilli()
}

// markHandled moves HandledThrough forward, never back (replies of different
// attempts may finish in any order).
func (c *Conversation) markHandled(through int64) {
	if through > c.HandledThrough {
		c.HandledThrough = through
	}
}
