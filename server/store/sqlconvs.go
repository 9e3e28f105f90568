package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SQLConvs keeps conversations in plugin-owned tables of Mattermost's own database
// (PostgreSQL; the plugin API hands the plugin a *sql.DB on it). Tables are named
// concierge_* and created by Migrate. Every statement is one round trip through the
// plugin RPC, so each operation is a fixed handful of statements, whatever the
// number of conversations.
type SQLConvs struct {
	db *sql.DB
}

// NewSQLConvs wraps a database whose schema Migrate has brought up to date.
func NewSQLConvs(db *sql.DB) *SQLConvs { return &SQLConvs{db: db} }

const convColumns = "id, state, updated_at, quiet, data"

type scanner interface{ Scan(dest ...any) error }

func scanConv(s scanner) (ConvRow, error) {
	var r ConvRow
	var ns int64
	var data string
	if err := s.Scan(&r.ID, &r.State, &ns, &r.Quiet, &data); err != nil {
		return r, err
	}
	r.UpdatedAt = time.Unix(0, ns).UTC()
	r.Data = []byte(data)
	return r, nil
}

func (s *SQLConvs) GetConv(ctx context.Context, id string) (*ConvRow, error) {
	r, err := scanConv(s.db.QueryRowContext(ctx, "SELECT "+convColumns+" FROM concierge_conversations WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get conversation %s: %w", id, err)
	}
	return &r, nil
}

// UpdateConv reads the row under a row lock, lets fn decide, and writes the row
// and its counter changes in one transaction. Two writers creating the same row at
// once: the loser's insert finds it there and the whole update runs again.
//
// The first tries are optimistic: an existing row is read without a lock and
// written back, with its counters, in one statement that matches only the row as
// it was read (a new row: that is still absent). Every statement is a round trip
// through the plugin RPC, and the locking transaction takes five of them (begin,
// lock, write, count, commit): on every customer message, before anything else of
// the reply could start, that was 4 ms at p50 (`make loadtest`). The optimistic
// path takes two; a writer that lost a race reads again, and the last tries lock.
func (s *SQLConvs) UpdateConv(ctx context.Context, id string, fn func(old *ConvRow) (ConvUpdate, error)) (*ConvRow, error) {
	for attempt := 0; attempt < 5; attempt++ {
		update := s.updateOnce
		if attempt < optimisticTries {
			update = s.updateOptimistic
		}
		row, retry, err := update(ctx, id, fn)
		if err != nil || !retry {
			return row, err
		}
	}
	return nil, fmt.Errorf("update conversation %s: %w", id, ErrConflict)
}

// optimisticTries: compare-and-set attempts before taking the row lock, which
// queues writers instead of letting them retry.
const optimisticTries = 2

// updateOptimistic reads the row, lets fn decide, and writes only if the row is
// still as read (absent, for a new one); retry when it was not.
func (s *SQLConvs) updateOptimistic(ctx context.Context, id string, fn func(old *ConvRow) (ConvUpdate, error)) (_ *ConvRow, retry bool, err error) {
	old, err := s.GetConv(ctx, id)
	if err != nil {
		return nil, false, err
	}
	u, err := fn(old)
	if err != nil {
		return nil, false, err
	}
	if u.Row == nil {
		return old, false, nil
	}
	row := *u.Row
	row.ID = id
	wasQuiet := old != nil && old.Quiet
	q, args := writeIfUnchanged(old, row, shardOf(id), withQuiet(u.Delta, wasQuiet, row.Quiet))
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return nil, false, fmt.Errorf("update conversation %s: %w", id, err)
	}
	if n == 0 {
		return nil, true, nil // changed (or created) since it was read
	}
	return &row, false, nil
}

// writeIfUnchanged is one statement that writes row only if the stored row is
// still old (or, old nil, still absent), adds delta to the shard's counters only
// then, and returns how many rows it wrote (0 or 1). Counter names go in sorted
// order, as in addCounters, so writers lock counter rows in the same order.
func writeIfUnchanged(old *ConvRow, row ConvRow, shard int, delta Counters) (string, []any) {
	args := []any{row.ID, row.State, row.UpdatedAt.UnixNano(), row.Quiet, string(row.Data)}
	var b strings.Builder
	if old == nil {
		b.WriteString(`WITH c AS (INSERT INTO concierge_conversations (` + convColumns + `) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO NOTHING RETURNING 1)`)
	} else {
		args = append(args, old.State, old.UpdatedAt.UnixNano(), old.Quiet, string(old.Data))
		b.WriteString(`WITH c AS (UPDATE concierge_conversations SET state = $2, updated_at = $3, quiet = $4, data = $5
		WHERE id = $1 AND state = $6 AND updated_at = $7 AND quiet = $8 AND data = $9 RETURNING 1)`)
	}
	if names := changedCounters(delta); len(names) > 0 {
		args = append(args, shard)
		fmt.Fprintf(&b, `, s AS (INSERT INTO concierge_stats (shard, name, value) SELECT $%d::smallint, v.name, v.value FROM (VALUES `, len(args))
		for i, k := range names {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "($%d::varchar, $%d::bigint)", len(args)+1, len(args)+2)
			args = append(args, k, delta[k])
		}
		b.WriteString(`) AS v(name, value) WHERE EXISTS (SELECT 1 FROM c)
		ON CONFLICT (shard, name) DO UPDATE SET value = concierge_stats.value + EXCLUDED.value)`)
	}
	b.WriteString(" SELECT count(*) FROM c")
	return b.String(), args
}

func (s *SQLConvs) updateOnce(ctx context.Context, id string, fn func(old *ConvRow) (ConvUpdate, error)) (_ *ConvRow, retry bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil || retry {
			_ = tx.Rollback()
		}
	}()
	var old *ConvRow
	r, err := scanConv(tx.QueryRowContext(ctx, "SELECT "+convColumns+" FROM concierge_conversations WHERE id = $1 FOR UPDATE", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, false, fmt.Errorf("lock conversation %s: %w", id, err)
	default:
		old = &r
	}
	u, err := fn(old)
	if err != nil {
		return nil, false, err
	}
	if u.Row == nil {
		return old, false, tx.Rollback()
	}
	row := *u.Row
	row.ID = id
	if old == nil {
		res, err := tx.ExecContext(ctx, "INSERT INTO concierge_conversations ("+convColumns+") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
			id, row.State, row.UpdatedAt.UnixNano(), row.Quiet, string(row.Data))
		if err != nil {
			return nil, false, fmt.Errorf("insert conversation %s: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return nil, true, nil // created meanwhile: run fn again on it
		}
	} else if _, err := tx.ExecContext(ctx, "UPDATE concierge_conversations SET state = $2, updated_at = $3, quiet = $4, data = $5 WHERE id = $1",
		id, row.State, row.UpdatedAt.UnixNano(), row.Quiet, string(row.Data)); err != nil {
		return nil, false, fmt.Errorf("update conversation %s: %w", id, err)
	}
	if err := addCounters(ctx, tx, shardOf(id), withQuiet(u.Delta, old != nil && old.Quiet, row.Quiet)); err != nil {
		return nil, false, err
	}
	if err := tx.Commit(); err != nil {
		return nil, false, fmt.Errorf("commit conversation %s: %w", id, err)
	}
	return &row, false, nil
}

// addCounters adds delta to one shard's counters in one statement. Names go in
// sorted order so two transactions lock the same counter rows in the same order.
func addCounters(ctx context.Context, tx *sql.Tx, shard int, delta Counters) error {
	names := changedCounters(delta)
	if len(names) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, 0, 1+2*len(names))
	args = append(args, shard)
	b.WriteString("INSERT INTO concierge_stats (shard, name, value) VALUES ")
	for i, k := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($1, $%d, $%d)", 2+2*i, 3+2*i)
		args = append(args, k, delta[k])
	}
	b.WriteString(" ON CONFLICT (shard, name) DO UPDATE SET value = concierge_stats.value + EXCLUDED.value")
	if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("add counters: %w", err)
	}
	return nil
}

// InsertConvs adds, in one transaction, the rows not stored yet and the counters
// of exactly those: run twice (a migration restarted, two servers at once) it
// counts nothing twice. Batches keep each statement's parameters under the
// database's limit.
func (s *SQLConvs) InsertConvs(ctx context.Context, rows []ConvUpdate) (int, error) {
	const batch = 1000
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	byID := make(map[string]Counters, len(rows))
	for _, u := range rows {
		byID[u.Row.ID] = withQuiet(u.Delta, false, u.Row.Quiet)
	}
	inserted := 0
	sums := make([]Counters, statShards)
	for start := 0; start < len(rows); start += batch {
		part := rows[start:min(start+batch, len(rows))]
		var b strings.Builder
		args := make([]any, 0, 5*len(part))
		b.WriteString("INSERT INTO concierge_conversations (" + convColumns + ") VALUES ")
		for i, u := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			n := 5 * i
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
			r := u.Row
			args = append(args, r.ID, r.State, r.UpdatedAt.UnixNano(), r.Quiet, string(r.Data))
		}
		b.WriteString(" ON CONFLICT (id) DO NOTHING RETURNING id")
		got, err := tx.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return 0, fmt.Errorf("insert conversations: %w", err)
		}
		for got.Next() {
			var id string
			if err := got.Scan(&id); err != nil {
				got.Close()
				return 0, fmt.Errorf("insert conversations: %w", err)
			}
			inserted++
			sh := shardOf(id)
			if sums[sh] == nil {
				sums[sh] = Counters{}
			}
			for k, v := range byID[id] {
				sums[sh][k] += v
			}
		}
		if err := got.Close(); err != nil {
			return 0, fmt.Errorf("insert conversations: %w", err)
		}
	}
	for sh, c := range sums {
		if err := addCounters(ctx, tx, sh, c); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("commit conversations: %w", err)
	}
	return inserted, nil
}

// ListConvs reads one page by keyset: an index range scan from the cursor, as fast
// on the last page as on the first. The page comes back as one JSON row, because
// the plugin's database driver fetches each row with a round trip of its own.
func (s *SQLConvs) ListConvs(ctx context.Context, q ConvQuery) ([]ConvRow, error) {
	var where []string
	var args []any
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if q.State != "" {
		where = append(where, "state = "+arg(q.State))
	}
	if q.After != nil {
		ns, id := arg(q.After.UpdatedAt.UnixNano()), arg(q.After.ID)
		// A row comparison, not "a < x OR (a = x AND b < y)": PostgreSQL starts the
		// index scan at a row comparison, but would filter an OR from the top, row
		// by row, making page k cost k pages.
		where = append(where, "(updated_at, id) < ("+ns+", "+id+")")
	}
	inner := "SELECT " + convColumns + " FROM concierge_conversations"
	if len(where) > 0 {
		inner += " WHERE " + strings.Join(where, " AND ")
	}
	inner += " ORDER BY updated_at DESC, id DESC LIMIT " + arg(q.Limit)
	query := "SELECT COALESCE(json_agg(json_build_array(id, state, updated_at, quiet, data::json) ORDER BY updated_at DESC, id DESC), '[]')::text FROM (" + inner + ") page"
	var page string
	if err := s.db.QueryRowContext(ctx, query, args...).Scan(&page); err != nil {
		return nil, fmt.Errorf("list conversations: %w", err)
	}
	var raw [][5]json.RawMessage
	if err := json.Unmarshal([]byte(page), &raw); err != nil {
		return nil, fmt.Errorf("list conversations: decode page: %w", err)
	}
	out := make([]ConvRow, 0, len(raw))
	for _, f := range raw {
		var r ConvRow
		var ns int64
		if err := errors.Join(json.Unmarshal(f[0], &r.ID), json.Unmarshal(f[1], &r.State), json.Unmarshal(f[2], &ns), json.Unmarshal(f[3], &r.Quiet)); err != nil {
			return nil, fmt.Errorf("list conversations: decode row: %w", err)
		}
		r.UpdatedAt = time.Unix(0, ns).UTC()
		r.Data = []byte(f[4])
		out = append(out, r)
	}
	return out, nil
}

// quietRows counts the rows marked Quiet: a counter the store keeps itself, so that
// the quiet rows old enough are that count less the recent ones, and reading it
// looks at a day's conversations, never at all of them.
const quietRows = "store_quiet_rows"

// withQuiet is delta plus the change of the quiet-row count.
func withQuiet(delta Counters, was, is bool) Counters {
	if was == is {
		return delta
	}
	out := make(Counters, len(delta)+1)
	for k, v := range delta {
		out[k] = v
	}
	if is {
		out[quietRows]++
	} else {
		out[quietRows]--
	}
	return out
}

// ConvCounters sums the counter shards and counts the quiet rows newer than
// quietBefore, in one query answering one row: the counters are a few dozen rows,
// the recent quiet ones a short range of a partial index.
func (s *SQLConvs) ConvCounters(ctx context.Context, quietBefore time.Time) (Counters, int64, error) {
	var sums string
	var recent int64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(json_object_agg(name, total), '{}')::text FROM
			(SELECT name, SUM(value)::bigint AS total FROM concierge_stats GROUP BY name) sums),
		(SELECT COUNT(*) FROM concierge_conversations WHERE quiet AND updated_at > $1)`,
		quietBefore.UnixNano()).Scan(&sums, &recent)
	if err != nil {
		return nil, 0, fmt.Errorf("read counters: %w", err)
	}
	out := Counters{}
	if err := json.Unmarshal([]byte(sums), &out); err != nil {
		return nil, 0, fmt.Errorf("read counters: decode: %w", err)
	}
	quiet := out[quietRows] - recent
	delete(out, quietRows)
	return out, quiet, nil
}

// changedCounters are the names of delta's non-zero counters, sorted: writers
// lock counter rows in one order.
func changedCounters(delta Counters) []string {
	names := make([]string, 0, len(delta))
	for k, v := range delta {
		if v != 0 {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}
