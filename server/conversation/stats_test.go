package conversation

import (
	"bufio"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func at(d time.Duration) *time.Time { t := now.Add(d); return &t }

func TestStatsFormulas(t *testing.T) {
	convs := []*Conversation{
		// resolved by the bot: resolved, never handed off
		{State: StateResolved, BotReplies: 1, UpdatedAt: now},
		// quiet for a day after the bot's answer: resolved by the bot too
		{State: StateBot, BotReplies: 2, UpdatedAt: now.Add(-25 * time.Hour), ToolErrors: 1},
		// still talking: not yet
		{State: StateBot, BotReplies: 1, UpdatedAt: now.Add(-time.Hour), Fallbacks: 2},
		// reopened within a day: not resolved by the bot
		{State: StateBot, BotReplies: 3, UpdatedAt: now.Add(-48 * time.Hour), Reopened: true},
		// handed off, taken after 90 s, rated 4
		{State: StateResolved, HandedOff: true, HandedOffAt: at(-10 * time.Minute), HumanAt: at(-10*time.Minute + 90*time.Second), CSAT: 4, BotReplies: 1},
		// handed off, taken after 30 s, rated 5
		{State: StateHuman, HandedOff: true, HandedOffAt: at(-time.Minute), HumanAt: at(-30 * time.Second), CSAT: 5},
		// waiting
		{State: StateWaitingHuman, HandedOff: true, HandedOffAt: at(-time.Minute)},
	}
	st := ComputeStats(convs, now)
	if st.Conversations != 7 || st.ResolvedByBot != 2 || st.HandedOff != 3 || st.TakenByHuman != 2 || st.ToolErrors != 1 || st.Fallbacks != 2 {
		t.Fatalf("stats %+v", st)
	}
	if math.Abs(st.HandoffRate-3.0/7) > 1e-9 || *st.TimeToHumanSeconds != 60 || *st.CSATAvg != 4.5 || st.CSATCount != 2 {
		t.Fatalf("rates %+v", st)
	}
	if st.CSATText() != "4.50" || st.TimeToHumanText() != "1m0s" {
		t.Fatalf("texts %s %s", st.CSATText(), st.TimeToHumanText())
	}
}

func TestStatsWithoutRatingsShowADash(t *testing.T) {
	st := ComputeStats([]*Conversation{{State: StateBot}}, now)
	if st.CSATAvg != nil || st.CSATText() != "—" || st.TimeToHumanText() != "—" {
		t.Fatalf("stats %+v", st)
	}
	if !strings.Contains(st.Prometheus(), "concierge_csat_average NaN\n") {
		t.Fatalf("no ratings must not read as 0:\n%s", st.Prometheus())
	}
}

// Every line is a comment (# HELP/# TYPE) or `name{labels} value` with a value
// Prometheus parses, and every sample has its TYPE.
func TestPrometheusText(t *testing.T) {
	text := ComputeStats([]*Conversation{{State: StateResolved, CSAT: 3, BotReplies: 1}}, now).Prometheus()
	typed := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if f := strings.Fields(line); len(f) >= 4 && f[0] == "#" && f[1] == "TYPE" {
			typed[f[2]] = true
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
		}
		if !typed[name] {
			t.Errorf("%s has no TYPE", name)
		}
		if _, err := strconv.ParseFloat(value, 64); err != nil {
			t.Errorf("%s: value %q", name, value)
		}
	}
	if !strings.Contains(text, "concierge_csat_average 3\n") || !strings.Contains(text, `concierge_conversations_by_state{state="resolved"} 1`) {
		t.Fatalf("text:\n%s", text)
	}
}
