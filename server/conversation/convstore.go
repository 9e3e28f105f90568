package conversation

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

// Rows is the indexed storage conversations live in: store.SQLConvs (tables in
// Mattermost's database) on the server, store.MemoryConvs in unit tests.
type Rows interface {
	GetConv(ctx context.Context, id string) (*store.ConvRow, error)
	UpdateConv(ctx context.Context, id string, fn func(old *store.ConvRow) (store.ConvUpdate, error)) (*store.ConvRow, error)
	InsertConvs(ctx context.Context, rows []store.ConvUpdate) (int, error)
	ListConvs(ctx context.Context, q store.ConvQuery) ([]store.ConvRow, error)
	ConvCounters(ctx context.Context, quietBefore time.Time) (store.Counters, int64, error)
}

// Store keeps conversations as rows, with the /stats counters changed in the same
// write as the conversation they count.
type Store struct{ Rows Rows }

// NewStore is a Store over rows.
func NewStore(rows Rows) *Store { return &Store{Rows: rows} }

func decodeRow(r *store.ConvRow) (*Conversation, error) {
	if r == nil {
		return nil, nil
	}
	var c Conversation
	if err := json.Unmarshal(r.Data, &c); err != nil {
		return nil, fmt.Errorf("decode conversation %s: %w", r.ID, err)
	}
	return &c, nil
}

// toRow is the row and the counters a conversation contributes.
func toRow(c *Conversation) (store.ConvUpdate, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return store.ConvUpdate{}, fmt.Errorf("encode conversation %s: %w", c.ID, err)
	}
	return store.ConvUpdate{
		Row:   &store.ConvRow{ID: c.ID, State: string(c.State), UpdatedAt: c.UpdatedAt, Quiet: quietCandidate(c), Data: data},
		Delta: contribution(c),
	}, nil
}

// Get returns the conversation or nil.
func (s *Store) Get(id string) (*Conversation, error) {
	r, err := s.Rows.GetConv(context.Background(), id)
	if err != nil {
		return nil, fmt.Errorf("get conversation %s: %w", id, err)
	}
	return decodeRow(r)
}

// Update changes one conversation atomically; fn gets nil-state zero when absent and
// returns false to keep it unchanged. fn runs while the row is locked, inside its
// transaction: it must only change c, never call out (posts, other conversations).
func (s *Store) Update(id string, fn func(c *Conversation, exists bool) (bool, error)) (*Conversation, error) {
	var out *Conversation
	_, err := s.Rows.UpdateConv(context.Background(), id, func(old *store.ConvRow) (store.ConvUpdate, error) {
		c, err := decodeRow(old)
		if err != nil {
			return store.ConvUpdate{}, err
		}
		exists := c != nil
		if c == nil {
			c = &Conversation{}
		}
		before := contribution(c)
		if !exists {
			before = store.Counters{}
		}
		changed, err := fn(c, exists)
		out = c
		if err != nil || !changed {
			return store.ConvUpdate{}, err
		}
		if c.ID == "" {
			c.ID = id
		}
		u, err := toRow(c)
		if err != nil {
			return store.ConvUpdate{}, err
		}
		for k, v := range before {
			u.Delta[k] -= v
		}
		return u, nil
	})
	if err != nil {
		return nil, fmt.Errorf("update conversation %s: %w", id, err)
	}
	return out, nil
}

// Cursor is where a page of conversations ended.
type Cursor = store.ConvCursor

// Page returns up to limit conversations after the cursor (nil = the newest),
// newest first, optionally in one state, and the cursor of the next page (nil
// when this was the last).
func (s *Store) Page(ctx context.Context, state State, limit int, after *Cursor) ([]*Conversation, *Cursor, error) {
	// One row more than asked says whether another page follows.
	rows, err := s.Rows.ListConvs(ctx, store.ConvQuery{State: string(state), Limit: limit + 1, After: after})
	if err != nil {
		return nil, nil, fmt.Errorf("list conversations: %w", err)
	}
	var next *Cursor
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		next = &Cursor{UpdatedAt: last.UpdatedAt, ID: last.ID}
	}
	out := make([]*Conversation, 0, len(rows))
	for i := range rows {
		c, err := decodeRow(&rows[i])
		if err != nil {
			return nil, nil, err
		}
		out = append(out, c)
	}
	return out, next, nil
}

// List returns every conversation in a state, newest first, a page at a time. It
// is for small states (the handoffs waiting for staff), never for all of them.
func (s *Store) List(state State) ([]*Conversation, error) {
	const page = 500
	var out []*Conversation
	var after *Cursor
	for {
		convs, next, err := s.Page(context.Background(), state, page, after)
		if err != nil {
			return nil, err
		}
		out = append(out, convs...)
		if next == nil {
			return out, nil
		}
		after = next
	}
}

// Stats are the numbers of /stats at now: the counters, plus the conversations
// that became resolved by the bot by being quiet for a day.
func (s *Store) Stats(ctx context.Context, now time.Time) (Stats, error) {
	c, quiet, err := s.Rows.ConvCounters(ctx, now.Add(-reopenWindow))
	if err != nil {
		return Stats{}, fmt.Errorf("read stats: %w", err)
	}
	return statsFrom(c, quiet), nil
}

// Import stores conversations not stored yet (by id), with their counters, and
// returns how many were new: the migration from the KV store, and seeding.
func (s *Store) Import(ctx context.Context, convs []*Conversation) (int, error) {
	rows := make([]store.ConvUpdate, 0, len(convs))
	for _, c := range convs {
		u, err := toRow(c)
		if err != nil {
			return 0, err
		}
		rows = append(rows, u)
	}
	n, err := s.Rows.InsertConvs(ctx, rows)
	if err != nil {
		return 0, fmt.Errorf("import conversations: %w", err)
	}
	return n, nil
}
