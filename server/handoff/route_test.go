package handoff

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/store"
)

type world struct {
	f     *fakeMM
	cfg   *config.Config
	convs *conversation.Service
	h     *Service
	now   time.Time
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{f: &fakeMM{
		members:  []string{"carol", "amy", "ben", "dan"},
		statuses: map[string]string{"amy": model.StatusOnline, "ben": model.StatusOnline, "carol": model.StatusOnline, "dan": model.StatusDnd},
	}, cfg: &config.Config{WatchedChannels: "shop/cs-*", StaffChannel: "shop/staff"},
		now: time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)}
	kv := store.NewMemory()
	w.convs = conversation.New(conversation.Deps{API: w.f, KV: kv, BotID: "bot", Config: func() *config.Config { return w.cfg },
		Planner: func() conversation.Planner { return planner{} }})
	t.Cleanup(w.convs.Close)
	w.h = New(Deps{API: w.f, BotID: "bot", Config: func() *config.Config { return w.cfg }, Conversations: w.convs, Store: w.convs.Store, KV: kv,
		People: people.New(w.f, "bot", func() (string, string, bool) { return w.cfg.StaffNames() }),
		Now:    func() time.Time { return w.now }})
	return w
}

func (w *world) handOff(t *testing.T, id string) *model.Post {
	t.Helper()
	conv, err := w.convs.Store.Update(id, func(c *conversation.Conversation, _ bool) (bool, error) {
		*c = conversation.Conversation{ID: id, Kind: conversation.KindThread, Customer: "alice", CustomerID: "alice",
			ChannelID: "gen", RootID: id, State: conversation.StateBot, Lang: "en"}
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := len(w.f.posts)
	if err := w.h.HandOff(context.Background(), conv, "asked", "a person please"); err != nil {
		t.Fatal(err)
	}
	return w.f.posts[n]
}

func TestRoundRobinOverOnDutyStaff(t *testing.T) {
	w := newWorld(t)
	var got []string
	for _, id := range []string{"r1", "r2", "r3", "r4"} {
		card := w.handOff(t, id)
		got = append(got, strings.Fields(card.Message)[0])
		if c, _ := w.convs.Store.Get(id); "@"+c.Assignee != got[len(got)-1] {
			t.Errorf("%s assigned to %q, card mentions %s", id, c.Assignee, got[len(got)-1])
		}
	}
	// dan is on do-not-disturb: never routed to; the others in turn.
	if strings.Join(got, " ") != "@amy @ben @carol @amy" {
		t.Fatalf("mentions %v", got)
	}
	// Nobody on duty: everyone is mentioned.
	w.f.statuses = map[string]string{}
	card := w.handOff(t, "r5")
	for _, u := range []string{"@amy", "@ben", "@carol", "@dan"} {
		if !strings.Contains(card.Message, u) {
			t.Errorf("nobody on duty, %s not mentioned: %q", u, card.Message)
		}
	}
}

func TestAfterHoursTheCustomerIsToldWhen(t *testing.T) {
	w := newWorld(t)
	w.cfg.BusinessHoursSpec, w.cfg.BusinessTimezone = "09:00-18:00", "Asia/Shanghai"
	w.now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC) // 20:00 in Shanghai
	w.handOff(t, "r1")
	last := w.f.posts[len(w.f.posts)-1]
	if last.ChannelId != "gen" || last.RootId != "r1" || !strings.Contains(last.Message, "12-05 09:00 (Asia/Shanghai)") {
		t.Fatalf("after-hours notice %q in %s/%s", last.Message, last.ChannelId, last.RootId)
	}
	w.now = time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC) // 11:00 in Shanghai
	n := len(w.f.posts)
	w.handOff(t, "r2")
	for _, p := range w.f.posts[n:] {
		if strings.Contains(p.Message, "Asia/Shanghai") {
			t.Fatalf("within hours the customer is told the hours: %q", p.Message)
		}
	}
}

func TestRemindRepingsThenEscalatesOnce(t *testing.T) {
	w := newWorld(t)
	card := w.handOff(t, "r1") // assigned to amy
	w.cfg.HandoffRepingMinutes = new(int64)
	*w.cfg.HandoffRepingMinutes = 10
	remind := func(after time.Duration) []*model.Post {
		t.Helper()
		// The handoff happened at time.Now(): the clock moves from there.
		c, _ := w.convs.Store.Get("r1")
		w.now = c.HandedOffAt.Add(after)
		n := len(w.f.posts)
		if _, err := w.h.Remind(context.Background()); err != nil {
			t.Fatal(err)
		}
		return w.f.posts[n:]
	}
	if got := remind(9 * time.Minute); len(got) != 0 {
		t.Fatalf("reminded too early: %q", got[0].Message)
	}
	got := remind(11 * time.Minute)
	if len(got) != 1 || got[0].RootId != card.Id || got[0].ChannelId != "staffc" || !strings.Contains(got[0].Message, "@ben") {
		t.Fatalf("re-ping %+v", got)
	}
	if got := remind(12 * time.Minute); len(got) != 0 {
		t.Fatalf("re-pinged twice: %q", got[0].Message)
	}
	got = remind(21 * time.Minute)
	if len(got) != 1 {
		t.Fatalf("%d escalations", len(got))
	}
	for _, u := range []string{"@amy", "@ben", "@carol"} {
		if !strings.Contains(got[0].Message, u) || strings.Contains(got[0].Message, "@dan") {
			t.Fatalf("escalation %q: want every staff member on duty", got[0].Message)
		}
	}
	if got := remind(40 * time.Minute); len(got) != 0 {
		t.Fatalf("escalated twice: %q", got[0].Message)
	}
	// Taken: no more reminders for it.
	if _, err := w.convs.SetState("r1", conversation.StateHuman); err != nil {
		t.Fatal(err)
	}
	w.handOff(t, "r2")
	c, _ := w.convs.Store.Get("r2")
	w.now = c.HandedOffAt.Add(time.Hour)
	n := len(w.f.posts)
	if _, err := w.h.Remind(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range w.f.posts[n:] {
		if p.GetProp("concierge_reminder") == "r1" {
			t.Fatalf("a conversation staff took was reminded: %q", p.Message)
		}
	}
}
