package conversation

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

// Stats are the outcome numbers (SPEC §6 GET /stats, /concierge stats, /metrics).
// The formulas are in the README ("Metrics").
type Stats struct {
	Conversations int     `json:"conversations"`
	ResolvedByBot int     `json:"resolved_by_bot"`
	HandedOff     int     `json:"handed_off"`
	HandoffRate   float64 `json:"handoff_rate"`
	// TimeToHumanSeconds is the mean time from handoff to the first staff action
	// (a reply or a takeover) over TakenByHuman conversations; nil with none.
	TimeToHumanSeconds *float64 `json:"time_to_human_seconds"`
	TakenByHuman       int      `json:"taken_by_human"`
	// CSATAvg is nil while nobody has rated: an average of no ratings is no number,
	// and showing 0 would read as "everyone hated it".
	CSATAvg      *float64 `json:"csat_avg"`
	CSATCount    int      `json:"csat_count"`
	ToolErrors   int      `json:"tool_errors"`
	Fallbacks    int      `json:"model_fallbacks"`
	Open         int      `json:"open"`
	WaitingHuman int      `json:"waiting_human"`
	Human        int      `json:"human"`
	Resolved     int      `json:"resolved"`
	Reopened     int      `json:"reopened"`
	Messages     int      `json:"messages"`
	BotReplies   int      `json:"bot_replies"`
}

// ComputeStats derives the numbers from conversations at now: what the Store's
// counters hold, summed here in memory (the definition the counters are tested
// against).
//
// A conversation is resolved by the bot when it was never handed off, the bot
// answered it, it was not reopened within 24 h of being resolved, and it is either
// resolved or has been quiet for 24 h (most customers never say "resolved"; a
// day of silence after the bot's answer is the only sign they got what they wanted).
func ComputeStats(convs []*Conversation, now time.Time) Stats {
	sum := store.Counters{}
	var quiet int64
	for _, c := range convs {
		for k, v := range contribution(c) {
			sum[k] += v
		}
		if quietCandidate(c) && now.Sub(c.UpdatedAt) >= reopenWindow {
			quiet++
		}
	}
	return statsFrom(sum, quiet)
}

// Counter names: one conversation's share of each total.
const (
	cConversations = "conversations"
	cMessages      = "messages"
	cBotReplies    = "bot_replies"
	cToolErrors    = "tool_errors"
	cFallbacks     = "fallbacks"
	cHandedOff     = "handed_off"
	cReopened      = "reopened"
	cStatePrefix   = "state_"
	cResolvedByBot = "resolved_by_bot" // resolved ones only; quiet ones are counted at read time
	cTakenByHuman  = "taken_by_human"
	cWaitMs        = "wait_ms"
	cCSATSum       = "csat_sum"
	cCSATCount     = "csat_count"
)

// contribution is what one conversation adds to the counters; an update adds the
// new contribution less the old.
func contribution(c *Conversation) store.Counters {
	n := store.Counters{
		cConversations: 1,
		cMessages:      int64(c.Messages),
		cBotReplies:    int64(c.BotReplies),
		cToolErrors:    int64(c.ToolErrors),
		cFallbacks:     int64(c.Fallbacks),
	}
	if c.State != "" {
		n[cStatePrefix+string(c.State)] = 1
	}
	if c.HandedOff {
		n[cHandedOff] = 1
	}
	if c.Reopened {
		n[cReopened] = 1
	}
	if botEligible(c) && c.State == StateResolved {
		n[cResolvedByBot] = 1
	}
	if c.HandedOffAt != nil && c.HumanAt != nil && !c.HumanAt.Before(*c.HandedOffAt) {
		n[cTakenByHuman] = 1
		n[cWaitMs] = c.HumanAt.Sub(*c.HandedOffAt).Milliseconds()
	}
	if c.CSAT > 0 {
		n[cCSATSum] = int64(c.CSAT)
		n[cCSATCount] = 1
	}
	return n
}

// botEligible: the bot answered it, and it never needed a person or came back.
func botEligible(c *Conversation) bool {
	return !c.HandedOff && !c.Reopened && c.BotReplies > 0
}

// quietCandidate: resolved by the bot once it has been quiet for reopenWindow.
func quietCandidate(c *Conversation) bool { return botEligible(c) && c.State == StateBot }

func statsFrom(n store.Counters, quiet int64) Stats {
	st := Stats{
		Conversations: int(n[cConversations]),
		ResolvedByBot: int(n[cResolvedByBot] + quiet),
		HandedOff:     int(n[cHandedOff]),
		TakenByHuman:  int(n[cTakenByHuman]),
		CSATCount:     int(n[cCSATCount]),
		ToolErrors:    int(n[cToolErrors]),
		Fallbacks:     int(n[cFallbacks]),
		Open:          int(n[cStatePrefix+string(StateBot)]),
		WaitingHuman:  int(n[cStatePrefix+string(StateWaitingHuman)]),
		Human:         int(n[cStatePrefix+string(StateHuman)]),
		Resolved:      int(n[cStatePrefix+string(StateResolved)]),
		Reopened:      int(n[cReopened]),
		Messages:      int(n[cMessages]),
		BotReplies:    int(n[cBotReplies]),
	}
	if st.Conversations > 0 {
		st.HandoffRate = float64(st.HandedOff) / float64(st.Conversations)
	}
	if st.CSATCount > 0 {
		avg := float64(n[cCSATSum]) / float64(st.CSATCount)
		st.CSATAvg = &avg
	}
	if st.TakenByHuman > 0 {
		avg := float64(n[cWaitMs]) / 1000 / float64(st.TakenByHuman)
		st.TimeToHumanSeconds = &avg
	}
	return st
}

// CSATText is the average as staff read it: "—" without ratings, never "0".
func (st Stats) CSATText() string {
	if st.CSATAvg == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *st.CSATAvg)
}

// TimeToHumanText is the mean wait for a person, "—" when nobody was taken yet.
func (st Stats) TimeToHumanText() string {
	if st.TimeToHumanSeconds == nil {
		return "—"
	}
	return time.Duration(*st.TimeToHumanSeconds * float64(time.Second)).Round(time.Second).String()
}

// Prometheus renders the numbers in the Prometheus text exposition format
// (version 0.0.4). An average with nothing to average is NaN, which Prometheus
// reads as "no value", never 0.
func (st Stats) Prometheus() string {
	var b strings.Builder
	metric := func(name, kind, help string, v float64) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
		fmt.Fprintf(&b, "%s %s\n", name, promFloat(v))
	}
	opt := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	metric("concierge_conversations", "gauge", "Conversations recorded.", float64(st.Conversations))
	metric("concierge_conversations_resolved_by_bot", "gauge", "Conversations resolved by the bot: no handoff, not reopened within 24h.", float64(st.ResolvedByBot))
	metric("concierge_conversations_handed_off", "gauge", "Conversations handed off to staff.", float64(st.HandedOff))
	metric("concierge_handoff_rate", "gauge", "Handed off / conversations.", st.HandoffRate)
	metric("concierge_time_to_human_seconds", "gauge", "Mean seconds from handoff to the first staff action.", opt(st.TimeToHumanSeconds))
	metric("concierge_csat_average", "gauge", "Mean customer rating 1-5; NaN without ratings.", opt(st.CSATAvg))
	metric("concierge_csat_ratings", "gauge", "Customer ratings received.", float64(st.CSATCount))
	metric("concierge_tool_errors", "gauge", "Tool calls that answered an error.", float64(st.ToolErrors))
	metric("concierge_model_fallbacks", "gauge", "Turns the offline planner answered because the model failed.", float64(st.Fallbacks))
	fmt.Fprintf(&b, "# HELP concierge_conversations_by_state Conversations by state now.\n# TYPE concierge_conversations_by_state gauge\n")
	for _, s := range []struct {
		state string
		n     int
	}{{"bot", st.Open}, {"waiting_human", st.WaitingHuman}, {"human", st.Human}, {"resolved", st.Resolved}} {
		fmt.Fprintf(&b, "concierge_conversations_by_state{state=%q} %d\n", s.state, s.n)
	}
	return b.String()
}

func promFloat(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return fmt.Sprintf("%g", v)
}
