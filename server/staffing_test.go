package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/api"
	"github.com/concierge-shop/concierge/server/conversation"
)

func TestPastHandoffsNewestFirstWithoutTheOpenOne(t *testing.T) {
	day := func(d int) *time.Time { at := time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC); return &at }
	convs := []*conversation.Conversation{
		{ID: "open", HandedOff: true, HandedOffAt: day(20), State: conversation.StateWaitingHuman},
		{ID: "old", HandedOff: true, HandedOffAt: day(1), HandoffNote: "wants a person", State: conversation.StateResolved, CSAT: 4},
		{ID: "bot-only", State: conversation.StateResolved, UpdatedAt: *day(15)},
		// A record from before HandedOffAt was kept: its last change stands for it.
		{ID: "older-record", HandedOff: true, UpdatedAt: *day(10), State: conversation.StateResolved},
	}
	got := pastHandoffs(convs, "open")
	want := []api.CustomerHandoff{
		{ConversationID: "older-record", At: *day(10), State: "resolved"},
		{ConversationID: "old", At: *day(1), Reason: "wants a person", State: "resolved", CSAT: 4},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("past handoffs\n got %+v\nwant %+v", got, want)
	}

	// Many: the latest few only.
	many := []*conversation.Conversation{}
	for d := 1; d <= api.MaxPastHandoffs+3; d++ {
		many = append(many, &conversation.Conversation{ID: fmt.Sprint(d), HandedOff: true, HandedOffAt: day(d)})
	}
	got = pastHandoffs(many, "")
	if len(got) != api.MaxPastHandoffs || got[0].ConversationID != fmt.Sprint(api.MaxPastHandoffs+3) {
		t.Fatalf("%d past handoffs, first %+v", len(got), got[0])
	}
	if got := pastHandoffs(nil, ""); got == nil || len(got) != 0 {
		t.Fatalf("no conversations: %#v, want an empty list (JSON [])", got)
	}
}
