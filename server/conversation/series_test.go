package conversation

import (
	"testing"
	"time"
)

func TestSeriesBucketsByDayHourAndTopic(t *testing.T) {
	shanghai := time.FixedZone("UTC+8", 8*3600)
	day := func(daysAgo, hourUTC int) time.Time {
		return time.Date(2026, 12, 4-daysAgo, hourUTC, 30, 0, 0, time.UTC)
	}
	convs := []*Conversation{
		// today (Dec 4 in UTC+8): a handoff taken and resolved by staff, rated 2
		{CreatedAt: day(0, 2), State: StateResolved, ResolvedBy: StateHuman, HandedOff: true, CSAT: 2, Topics: []string{"get_order", "offer_refund"}},
		// today: answered by the bot and resolved, rated 5
		{CreatedAt: day(0, 3), UpdatedAt: now, State: StateResolved, ResolvedBy: StateBot, BotReplies: 1, CSAT: 5, Topics: []string{"quote_price"}},
		// 20:00 UTC on Dec 3 is 04:00 on Dec 4 in UTC+8: today too, hour 4
		{CreatedAt: day(1, 20), State: StateBot, BotReplies: 1, UpdatedAt: now, Topics: []string{"get_order"}},
		// yesterday in UTC+8, no rating
		{CreatedAt: day(1, 2), State: StateWaitingHuman, HandedOff: true},
		// before the 3-day window: counts nowhere
		{CreatedAt: day(5, 2), State: StateResolved, ResolvedBy: StateBot, BotReplies: 1, Topics: []string{"search_knowledge"}},
		// an old record without CreatedAt: its last change places it (yesterday, 10:30 UTC+8)
		{UpdatedAt: day(1, 2), State: StateBot},
	}
	s := ComputeSeries(convs, now, 3, shanghai)
	if len(s.Days) != 3 || s.Days[0].Date != "2026-12-02" || s.Days[2].Date != "2026-12-04" {
		t.Fatalf("days %+v", s.Days)
	}
	today, yesterday := s.Days[2], s.Days[1]
	if today.Conversations != 3 || today.HandedOff != 1 || today.ResolvedByHuman != 1 || today.ResolvedByBot != 1 || today.CSATCount != 2 {
		t.Errorf("today %+v", today)
	}
	if today.CSATAvg == nil || *today.CSATAvg != 3.5 || today.HandoffRate != 1.0/3 {
		t.Errorf("today's averages: csat %v rate %v", today.CSATAvg, today.HandoffRate)
	}
	if yesterday.Conversations != 2 || yesterday.HandedOff != 1 || yesterday.CSATAvg != nil || yesterday.HandoffRate != 0.5 {
		t.Errorf("yesterday %+v", yesterday)
	}
	if s.Days[0].Conversations != 0 || s.Days[0].HandoffRate != 0 {
		t.Errorf("an empty day %+v", s.Days[0])
	}
	if s.Hours[10] != 3 || s.Hours[11] != 1 || s.Hours[4] != 1 {
		t.Errorf("hours %v", s.Hours)
	}
	want := []TopicCount{{"get_order", 2}, {"offer_refund", 1}, {"quote_price", 1}}
	if len(s.Topics) != len(want) {
		t.Fatalf("topics %+v, want %+v", s.Topics, want)
	}
	for i := range want {
		if s.Topics[i] != want[i] {
			t.Errorf("topic %d: %+v, want %+v", i, s.Topics[i], want[i])
		}
	}
	if s.TimeZone != "UTC+8" {
		t.Errorf("time zone %q", s.TimeZone)
	}
}

func TestSeriesWindowIsBounded(t *testing.T) {
	if n := len(ComputeSeries(nil, now, 0, time.UTC).Days); n != 1 {
		t.Errorf("0 days gave %d", n)
	}
	if n := len(ComputeSeries(nil, now, 10_000, time.UTC).Days); n != MaxSeriesDays {
		t.Errorf("10000 days gave %d", n)
	}
}

func TestTopicsAreKeptOnce(t *testing.T) {
	var c Conversation
	for _, n := range []string{"quote_price", "", "get_order", "quote_price"} {
		c.addTopic(n)
	}
	if len(c.Topics) != 2 || c.Topics[0] != "quote_price" || c.Topics[1] != "get_order" {
		t.Fatalf("topics %q", c.Topics)
	}
}
