package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The plugin's own tables, in the manner of Mattermost's plugins: a list of
// versioned migrations, each applied once, in order, recorded in
// concierge_migrations. PostgreSQL only: it is the one database Mattermost 11
// supports, and its DDL is transactional, so a migration is applied whole or not
// at all.

// migration is one schema step; versions only grow, and a released step is never
// edited (a change is a new step).
type migration struct {
	version int
	stmts   []string
}

var migrations = []migration{
	{1, []string{
		`CREATE TABLE IF NOT EXISTS concierge_conversations (
			id VARCHAR(64) PRIMARY KEY,
			state VARCHAR(32) NOT NULL,
			updated_at BIGINT NOT NULL,
			quiet BOOLEAN NOT NULL DEFAULT FALSE,
			data TEXT NOT NULL
		)`,
		// Lists: newest first, overall and per state, by keyset.
		`CREATE INDEX IF NOT EXISTS idx_concierge_conversations_updated ON concierge_conversations (updated_at DESC, id DESC)`,
		`CREATE INDEX IF NOT EXISTS idx_concierge_conversations_state ON concierge_conversations (state, updated_at DESC, id DESC)`,
		// The rows that count once quiet: a range of this small index.
		`CREATE INDEX IF NOT EXISTS idx_concierge_conversations_quiet ON concierge_conversations (updated_at) WHERE quiet`,
		`CREATE TABLE IF NOT EXISTS concierge_stats (
			shard SMALLINT NOT NULL,
			name VARCHAR(64) NOT NULL,
			value BIGINT NOT NULL,
			PRIMARY KEY (shard, name)
		)`,
	}},
}

// migrateLockID is the advisory lock that keeps two servers of a cluster from
// migrating at once (an arbitrary number of ours: "cnc1").
const migrateLockID = 0x636e6331

// Migrate brings the schema up to date, in one transaction under an advisory lock
// (two servers of a cluster starting at once: the second waits, then finds the
// work done). It returns an error for a database other than PostgreSQL, which the
// plugin does not support.
func Migrate(ctx context.Context, db *sql.DB, driverName string) error {
	if driverName != "postgres" {
		return fmt.Errorf("database driver %q is not supported: Concierge stores conversations in PostgreSQL", driverName)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockID); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS concierge_migrations (
		version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: create migrations table: %w", err)
	}
	for _, m := range migrations {
		if err := apply(ctx, tx, m); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

func apply(ctx context.Context, tx *sql.Tx, m migration) error {
	var done int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM concierge_migrations WHERE version = $1", m.version).Scan(&done); err != nil {
		return fmt.Errorf("migration %d: check: %w", m.version, err)
	}
	if done > 0 {
		return nil
	}
	for _, s := range m.stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO concierge_migrations (version, applied_at) VALUES ($1, $2)", m.version, time.Now().UnixMilli()); err != nil {
		return fmt.Errorf("migration %d: record: %w", m.version, err)
	}
	return nil
}
