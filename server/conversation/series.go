package conversation

import (
	"cmp"
	"slices"
	"time"
)

// Series are the outcome numbers over time, for the analytics charts of the
// System Console (GET /stats/series): the same formulas as Stats, bucketed by the
// day a conversation started in the caller's time zone.
type Series struct {
	TimeZone string     `json:"time_zone"`
	Days     []DayPoint `json:"days"`
	// Hours counts the conversations started in each hour of the day (0..23) over
	// the window: when customers come, so when staff are needed.
	Hours [24]int `json:"hours"`
	// Topics counts conversations by the tools the bot used in them (one
	// conversation may count under several), most first: what customers ask about.
	Topics []TopicCount `json:"topics"`
}

// DayPoint is one day of Series. CSATAvg is nil on a day without ratings.
type DayPoint struct {
	Date            string   `json:"date"` // YYYY-MM-DD in Series.TimeZone
	Conversations   int      `json:"conversations"`
	HandedOff       int      `json:"handed_off"`
	HandoffRate     float64  `json:"handoff_rate"`
	ResolvedByBot   int      `json:"resolved_by_bot"`
	ResolvedByHuman int      `json:"resolved_by_human"`
	CSATCount       int      `json:"csat_count"`
	CSATAvg         *float64 `json:"csat_avg"`
}

// TopicCount is how many conversations touched one topic (a tool name).
type TopicCount struct {
	Topic         string `json:"topic"`
	Conversations int    `json:"conversations"`
}

// MaxSeriesDays bounds the window a caller may ask for.
const MaxSeriesDays = 366

// ComputeSeries buckets the conversations started in the last days days (today
// included) at now, in loc. A conversation from before the window counts nowhere:
// the charts describe the window, and /stats keeps the all-time totals.
func ComputeSeries(convs []*Conversation, now time.Time, days int, loc *time.Location) Series {
	days = min(max(days, 1), MaxSeriesDays)
	now = now.In(loc)
	first := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, -(days - 1))
	s := Series{TimeZone: loc.String(), Days: make([]DayPoint, days)}
	index := map[string]int{}
	for i := range s.Days {
		d := first.AddDate(0, 0, i).Format(time.DateOnly)
		s.Days[i].Date = d
		index[d] = i
	}
	csatSums := make([]int, days)
	topics := map[string]int{}
	for _, c := range convs {
		started := c.CreatedAt
		if started.IsZero() { // a record from before CreatedAt was kept
			started = c.UpdatedAt
		}
		started = started.In(loc)
		i, ok := index[started.Format(time.DateOnly)]
		if !ok {
			continue
		}
		p := &s.Days[i]
		p.Conversations++
		if c.HandedOff {
			p.HandedOff++
		}
		if resolvedByBot(c, now) {
			p.ResolvedByBot++
		}
		if c.State == StateResolved && c.ResolvedBy == StateHuman {
			p.ResolvedByHuman++
		}
		if c.CSAT > 0 {
			p.CSATCount++
			csatSums[i] += c.CSAT
		}
		s.Hours[started.Hour()]++
		for _, t := range c.Topics {
			topics[t]++
		}
	}
	for i := range s.Days {
		p := &s.Days[i]
		if p.Conversations > 0 {
			p.HandoffRate = float64(p.HandedOff) / float64(p.Conversations)
		}
		if p.CSATCount > 0 {
			avg := float64(csatSums[i]) / float64(p.CSATCount)
			p.CSATAvg = &avg
		}
	}
	s.Topics = make([]TopicCount, 0, len(topics))
	for t, n := range topics {
		s.Topics = append(s.Topics, TopicCount{Topic: t, Conversations: n})
	}
	slices.SortFunc(s.Topics, func(a, b TopicCount) int {
		return cmp.Or(cmp.Compare(b.Conversations, a.Conversations), cmp.Compare(a.Topic, b.Topic))
	})
	return s
}

// addTopic records a tool a turn used, once.
func (c *Conversation) addTopic(name string) {
	if name != "" && !slices.Contains(c.Topics, name) {
		c.Topics = append(c.Topics, name)
	}
}

// resolvedByBot: the bot answered, nobody was brought in, and the customer did not
// come back within the reopen window (resolved, or quiet since).
func resolvedByBot(c *Conversation, now time.Time) bool {
	if c.HandedOff || c.Reopened || c.BotReplies == 0 {
		return false
	}
	switch c.State {
	case StateResolved:
		return true
	case StateBot:
		return now.Sub(c.UpdatedAt) >= reopenWindow
	}
	return false
}
