package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// convStore is the contract both conversation stores keep; the same tests run on
// MemoryConvs and, given a database, on SQLConvs (sqlconvs_test.go).
type convStore interface {
	GetConv(ctx context.Context, id string) (*ConvRow, error)
	UpdateConv(ctx context.Context, id string, fn func(old *ConvRow) (ConvUpdate, error)) (*ConvRow, error)
	InsertConvs(ctx context.Context, rows []ConvUpdate) (int, error)
	ListConvs(ctx context.Context, q ConvQuery) ([]ConvRow, error)
	ConvCounters(ctx context.Context, quietBefore time.Time) (Counters, int64, error)
}

func TestMemoryConvsContract(t *testing.T) { testConvContract(t, NewMemoryConvs(), "m") }

func testConvContract(t *testing.T, s convStore, pfx string) {
	ctx := context.Background()
	base := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	id := func(i int) string { return fmt.Sprintf("%s-%03d", pfx, i) }
	counters := func() (Counters, int64) {
		t.Helper()
		c, q, err := s.ConvCounters(ctx, base.Add(5*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return c, q
	}
	c0, q0 := counters()

	// 30 rows, three sharing each timestamp (ties are ordered by id), every third
	// in state "b", the even ones quiet.
	var rows []ConvUpdate
	for i := 0; i < 30; i++ {
		st := "a"
		if i%3 == 0 {
			st = "b"
		}
		rows = append(rows, ConvUpdate{
			Row:   &ConvRow{ID: id(i), State: st, UpdatedAt: base.Add(time.Duration(i/3) * time.Minute), Quiet: i%2 == 0, Data: []byte(fmt.Sprintf(`{"n":%d}`, i))},
			Delta: Counters{"conversations": 1, "messages": int64(i)},
		})
	}
	n, err := s.InsertConvs(ctx, rows)
	if err != nil || n != 30 {
		t.Fatalf("insert: n=%d err=%v", n, err)
	}
	// Inserting again adds nothing, counts nothing.
	if n, err := s.InsertConvs(ctx, rows[:10]); err != nil || n != 0 {
		t.Fatalf("second insert: n=%d err=%v", n, err)
	}
	c1, q1 := counters()
	if c1["conversations"]-c0["conversations"] != 30 || c1["messages"]-c0["messages"] != 435 {
		t.Fatalf("counters after insert %v (before %v)", c1, c0)
	}
	// Quiet and at most 5 minutes old: i in 0..17 (minutes 0..5), even → 9.
	if q1-q0 != 9 {
		t.Fatalf("quiet %d, want 9 more than %d", q1, q0)
	}

	// Pages of 4 walk every row of the prefix once, newest first.
	for _, state := range []string{"", "b"} {
		var seen []string
		var after *ConvCursor
		for page := 0; page < 20; page++ {
			got, err := s.ListConvs(ctx, ConvQuery{State: state, Limit: 4, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range got {
				if state != "" && r.State != state {
					t.Fatalf("state %q page has %+v", state, r)
				}
				if i > 0 && !before(r, ConvCursor{got[i-1].UpdatedAt, got[i-1].ID}) {
					t.Fatalf("out of order: %s after %s", r.ID, got[i-1].ID)
				}
				if len(r.ID) > len(pfx) && r.ID[:len(pfx)+1] == pfx+"-" {
					seen = append(seen, r.ID)
				}
			}
			if len(got) < 4 {
				break
			}
			last := got[len(got)-1]
			after = &ConvCursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
		}
		want := 30
		if state == "b" {
			want = 10
		}
		uniq := map[string]bool{}
		for _, s := range seen {
			uniq[s] = true
		}
		if len(seen) != want || len(uniq) != want {
			t.Fatalf("state %q: walked %d rows (%d distinct), want %d", state, len(seen), len(uniq), want)
		}
		if seen[0] != id(29) && state == "" {
			t.Fatalf("first row %s, want the newest %s", seen[0], id(29))
		}
	}

	// Concurrent updates of one row and of a new one: none lost.
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				for _, target := range []string{id(1), id(100)} {
					if _, err := s.UpdateConv(ctx, target, func(old *ConvRow) (ConvUpdate, error) {
						n := 0
						st := "a"
						if old != nil {
							if _, err := fmt.Sscanf(string(old.Data), `{"n":%d}`, &n); err != nil {
								return ConvUpdate{}, err
							}
							st = old.State
						}
						d := Counters{"messages": 1}
						if old == nil {
							d["conversations"] = 1
						}
						return ConvUpdate{Row: &ConvRow{State: st, UpdatedAt: base, Data: []byte(fmt.Sprintf(`{"n":%d}`, n+1))}, Delta: d}, nil
					}); err != nil {
						t.Error(err)
					}
				}
			}
		}()
	}
	wg.Wait()
	r1, _ := s.GetConv(ctx, id(1))
	r100, _ := s.GetConv(ctx, id(100))
	if r1 == nil || string(r1.Data) != `{"n":21}` || r100 == nil || string(r100.Data) != `{"n":20}` {
		t.Fatalf("after concurrent updates: %+v %+v", r1, r100)
	}
	c2, _ := counters()
	if c2["messages"]-c1["messages"] != 40 || c2["conversations"]-c1["conversations"] != 1 {
		t.Fatalf("counters after updates %v, before %v", c2, c1)
	}

	// Rows that stop or start counting once quiet: id 0 (quiet) stops, id 3 starts,
	// id 5 starts but is too recent for the cut-off.
	for _, tc := range []struct {
		i     int
		quiet bool
		at    time.Time
	}{{0, false, base}, {3, true, base.Add(time.Minute)}, {5, true, base.Add(time.Hour)}} {
		if _, err := s.UpdateConv(ctx, id(tc.i), func(old *ConvRow) (ConvUpdate, error) {
			r := *old
			r.Quiet, r.UpdatedAt = tc.quiet, tc.at
			return ConvUpdate{Row: &r}, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, q3 := counters(); q3-q0 != 9 {
		t.Fatalf("quiet %d after the changes, want 9 more than %d", q3, q0)
	}
	if _, q, _ := s.ConvCounters(ctx, base.Add(2*time.Hour)); q < 16 {
		t.Fatalf("quiet at a later cut-off %d, want all 16 quiet rows of this run at least", q)
	}

	// An update that changes nothing writes nothing.
	if _, err := s.UpdateConv(ctx, id(2), func(old *ConvRow) (ConvUpdate, error) { return ConvUpdate{}, nil }); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.GetConv(ctx, id(2)); r == nil || string(r.Data) != `{"n":2}` || !r.UpdatedAt.Equal(base) {
		t.Fatalf("unchanged row is %+v", r)
	}
	if r, err := s.GetConv(ctx, pfx+"-missing"); r != nil || err != nil {
		t.Fatalf("missing row: %+v %v", r, err)
	}
}
