package store

import (
	"context"
	"hash/fnv"
	"sort"
	"sync"
	"time"
)

// The conversations' indexed storage. A conversation is one row: the columns that
// lists and counts need (state, last update, whether it counts once quiet) and the
// whole record as JSON, which only its owner (package conversation) reads. Beside
// the rows are the counters behind /stats, changed in the same transaction as the
// row, so that reading the numbers never walks the conversations.

// ConvRow is one stored conversation.
type ConvRow struct {
	ID        string
	State     string
	UpdatedAt time.Time
	// Quiet marks a row that counts in QuietBefore once UpdatedAt is old enough:
	// the one number that changes with the clock alone, not with a write.
	Quiet bool
	Data  []byte
}

// Counters are named totals; an update passes the change it makes to each.
type Counters map[string]int64

// ConvCursor is where a page ends: the next page starts after this row in the
// order newest UpdatedAt first, then ID descending (ties broken so no row is
// skipped or repeated).
type ConvCursor struct {
	UpdatedAt time.Time
	ID        string
}

// ConvQuery selects one page of conversations.
type ConvQuery struct {
	State string      // "" = every state
	Limit int         // rows at most (> 0)
	After *ConvCursor // nil = from the newest
}

// ConvUpdate is what an update function returns: the new row (nil = leave it as it
// is) and the counter changes the new row brings.
type ConvUpdate struct {
	Row   *ConvRow
	Delta Counters
}

// statShards spreads each counter over rows so that concurrent conversations
// rarely wait for one another's counter row; reading sums the shards.
const statShards = 8

func shardOf(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % statShards)
}

// MemoryConvs is the in-process conversation store for unit tests, with the
// same contract as SQLConvs.
type MemoryConvs struct {
	mu       sync.Mutex
	rows     map[string]ConvRow
	counters Counters
}

func NewMemoryConvs() *MemoryConvs {
	return &MemoryConvs{rows: map[string]ConvRow{}, counters: Counters{}}
}

func (m *MemoryConvs) GetConv(_ context.Context, id string) (*ConvRow, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.rows[id]
	if !ok {
		return nil, nil
	}
	r.Data = append([]byte(nil), r.Data...)
	return &r, nil
}

// UpdateConv calls fn with the row (nil when absent) and stores what it returns,
// atomically with the counter changes.
func (m *MemoryConvs) UpdateConv(_ context.Context, id string, fn func(old *ConvRow) (ConvUpdate, error)) (*ConvRow, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var old *ConvRow
	if r, ok := m.rows[id]; ok {
		r.Data = append([]byte(nil), r.Data...)
		old = &r
	}
	u, err := fn(old)
	if err != nil || u.Row == nil {
		return old, err
	}
	row := *u.Row
	row.ID = id
	row.Data = append([]byte(nil), row.Data...)
	m.rows[id] = row
	for k, v := range u.Delta {
		m.counters[k] += v
	}
	return &row, nil
}

// InsertConvs adds rows that are not stored yet (by ID) with their counters, and
// returns how many were new; rows already there are left alone.
func (m *MemoryConvs) InsertConvs(_ context.Context, rows []ConvUpdate) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, u := range rows {
		if _, ok := m.rows[u.Row.ID]; ok {
			continue
		}
		r := *u.Row
		r.Data = append([]byte(nil), r.Data...)
		m.rows[r.ID] = r
		for k, v := range u.Delta {
			m.counters[k] += v
		}
		n++
	}
	return n, nil
}

func (m *MemoryConvs) ListConvs(_ context.Context, q ConvQuery) ([]ConvRow, error) {
	m.mu.Lock()
	out := make([]ConvRow, 0, len(m.rows))
	for _, r := range m.rows {
		if q.State != "" && r.State != q.State {
			continue
		}
		if q.After != nil && !before(r, *q.After) {
			continue
		}
		r.Data = append([]byte(nil), r.Data...)
		out = append(out, r)
	}
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return before(out[j], ConvCursor{out[i].UpdatedAt, out[i].ID}) })
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// before says whether r comes after the cursor in list order (older, or as old
// with a smaller ID).
func before(r ConvRow, c ConvCursor) bool {
	if !r.UpdatedAt.Equal(c.UpdatedAt) {
		return r.UpdatedAt.Before(c.UpdatedAt)
	}
	return r.ID < c.ID
}

func (m *MemoryConvs) ConvCounters(_ context.Context, quietBefore time.Time) (Counters, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(Counters, len(m.counters))
	for k, v := range m.counters {
		out[k] = v
	}
	var quiet int64
	for _, r := range m.rows {
		if r.Quiet && !r.UpdatedAt.After(quietBefore) {
			quiet++
		}
	}
	return out, quiet, nil
}
