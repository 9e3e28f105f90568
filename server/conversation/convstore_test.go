package conversation

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

// allConvs reads every stored conversation, a page at a time.
func allConvs(t *testing.T, s *Store) []*Conversation {
	t.Helper()
	all, err := s.List("")
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// The counters an update keeps are the numbers ComputeStats (whose formulas
// stats_test.go checks by hand) derives from the conversations themselves, after
// any sequence of changes and at any time.
func TestStoreCountersFollowEveryUpdate(t *testing.T) {
	s := NewStore(store.NewMemoryConvs())
	rng := rand.New(rand.NewPCG(1, 2))
	states := []State{StateBot, StateWaitingHuman, StateHuman, StateResolved}
	for step := 0; step < 2000; step++ {
		id := fmt.Sprintf("c%d", rng.IntN(60))
		_, err := s.Update(id, func(c *Conversation, exists bool) (bool, error) {
			if !exists {
				*c = Conversation{ID: id, State: StateBot, CreatedAt: now}
			}
			switch rng.IntN(8) {
			case 0:
				c.State = states[rng.IntN(len(states))]
			case 1:
				c.HandedOff = true
				c.HandedOffAt = at(-time.Duration(rng.IntN(600)) * time.Second)
			case 2:
				c.HumanAt = at(-time.Duration(rng.IntN(600)) * time.Second)
			case 3:
				c.CSAT = rng.IntN(6)
			case 4:
				c.Reopened = rng.IntN(2) == 0
			case 5:
				c.BotReplies += rng.IntN(2)
				c.ToolErrors += rng.IntN(2)
				c.Fallbacks += rng.IntN(2)
			case 6:
				return false, nil // asked, changed nothing
			}
			c.Messages++
			c.UpdatedAt = now.Add(-time.Duration(rng.IntN(72)) * time.Hour)
			return true, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if step%250 == 0 || step == 1999 {
			convs := allConvs(t, s)
			for _, at := range []time.Time{now, now.Add(-30 * time.Hour), now.Add(100 * time.Hour)} {
				got, err := s.Stats(context.Background(), at)
				if err != nil {
					t.Fatal(err)
				}
				if want := ComputeStats(convs, at); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d at %v:\n got %+v\nwant %+v", step, at, got, want)
				}
			}
		}
	}
}

func TestStorePagesWalkEveryConversationOnce(t *testing.T) {
	s := NewStore(store.NewMemoryConvs())
	for i := 0; i < 23; i++ {
		id := fmt.Sprintf("c%02d", i)
		st := StateBot
		if i%4 == 0 {
			st = StateResolved
		}
		// Pairs share an update time: the order must still be total.
		if _, err := s.Update(id, func(c *Conversation, _ bool) (bool, error) {
			*c = Conversation{ID: id, State: st, UpdatedAt: now.Add(time.Duration(i/2) * time.Minute)}
			return true, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		state State
		want  int
	}{{"", 23}, {StateResolved, 6}, {StateHuman, 0}} {
		seen := map[string]bool{}
		var prev *Conversation
		var after *Cursor
		pages := 0
		for {
			page, next, err := s.Page(context.Background(), tc.state, 5, after)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, c := range page {
				if seen[c.ID] || (tc.state != "" && c.State != tc.state) {
					t.Fatalf("state %q: %s repeated or in the wrong state", tc.state, c.ID)
				}
				if prev != nil && (c.UpdatedAt.After(prev.UpdatedAt) || c.UpdatedAt.Equal(prev.UpdatedAt) && c.ID > prev.ID) {
					t.Fatalf("state %q: %s listed after %s", tc.state, c.ID, prev.ID)
				}
				seen[c.ID], prev = true, c
			}
			if next == nil {
				break
			}
			if len(page) != 5 {
				t.Fatalf("a page of %d before the last", len(page))
			}
			after = next
		}
		if len(seen) != tc.want || pages != max(1, (tc.want+4)/5) {
			t.Fatalf("state %q: %d conversations in %d pages, want %d", tc.state, len(seen), pages, tc.want)
		}
	}
}

// An upgraded shop keeps its conversations: copied once from the KV store, and
// running the copy again (a crash before it finished, a second server) adds and
// counts nothing twice.
func TestMigrateKVOnce(t *testing.T) {
	kv := store.NewMemory()
	var legacy []*Conversation
	for i := 0; i < 1234; i++ {
		c := &Conversation{ID: fmt.Sprintf("k%04d", i), State: StateBot, BotReplies: 1, Messages: 2, UpdatedAt: now.Add(-time.Duration(i) * time.Minute)}
		if i%10 == 0 {
			c.State, c.HandedOff, c.CSAT = StateResolved, true, 4
		}
		legacy = append(legacy, c)
		if err := store.SetJSON(kv, legacyKeyPrefix+c.ID, c); err != nil {
			t.Fatal(err)
		}
	}
	_ = store.SetJSON(kv, "other/key", 1)
	rows := store.NewMemoryConvs()
	s := NewStore(rows)
	// A first run stopped before marking itself done; its rows are there.
	if n, err := s.Import(context.Background(), legacy[:100]); err != nil || n != 100 {
		t.Fatalf("partial run: %d %v", n, err)
	}
	n, err := MigrateKV(context.Background(), kv, s)
	if err != nil || n != 1134 {
		t.Fatalf("migrate: added %d, err %v; want the 1134 not yet copied", n, err)
	}
	want := ComputeStats(legacy, now)
	got, _ := s.Stats(context.Background(), now)
	if !reflect.DeepEqual(got, want) || got.Conversations != 1234 {
		t.Fatalf("after migration\n got %+v\nwant %+v", got, want)
	}
	c, err := s.Get("k0010")
	if err != nil || c == nil || c.CSAT != 4 || !c.HandedOff {
		t.Fatalf("k0010 = %+v, %v", c, err)
	}
	// Done once: the flag stops a second scan, and without it nothing is doubled.
	if n, err := MigrateKV(context.Background(), kv, s); err != nil || n != 0 {
		t.Fatalf("second run added %d, %v", n, err)
	}
	_ = kv.Delete(legacyDoneKey)
	if n, err := MigrateKV(context.Background(), kv, s); err != nil || n != 0 {
		t.Fatalf("run without the flag added %d, %v", n, err)
	}
	if again, _ := s.Stats(context.Background(), now); !reflect.DeepEqual(again, want) {
		t.Fatalf("stats changed by a repeated migration: %+v", again)
	}
}
