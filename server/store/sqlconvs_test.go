package store

import (
	"context"
	"database/sql"
	"os"
	"strconv"
	"testing"
	"time"

	_ "github.com/lib/pq" // the tests reach PostgreSQL directly; the plugin goes through Mattermost
)

// CONCIERGE_TEST_PG names a PostgreSQL database to run the SQL store's tests in,
// e.g. the e2e cluster's: postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable.
// Without it they are skipped; the e2e suite runs the same code inside Mattermost.
func testDB(t *testing.T) *sql.DB {
	dsn := os.Getenv("CONCIERGE_TEST_PG")
	if dsn == "" {
		t.Skip("CONCIERGE_TEST_PG not set")
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx := context.Background()
	if err := Migrate(ctx, db, "postgres"); err != nil {
		t.Fatal(err)
	}
	// Twice: a second server starting finds the work done.
	if err := Migrate(ctx, db, "postgres"); err != nil {
		t.Fatalf("second migration: %v", err)
	}
	return db
}

func TestSQLConvsContract(t *testing.T) {
	db := testDB(t)
	// A fresh prefix per run: the database may hold earlier runs' rows.
	testConvContract(t, NewSQLConvs(db), "t"+strconv.FormatInt(time.Now().UnixNano(), 36))
}

func TestMigrateRefusesOtherDatabases(t *testing.T) {
	if err := Migrate(context.Background(), nil, "mysql"); err == nil {
		t.Fatal("mysql accepted")
	}
}

// A writer that loses the race between its read and its write (another writer
// changed the row meanwhile) is not lost and does not overwrite: fn runs again on
// the new row, and each write's counters are added once.
func TestSQLConvsLostRaceRunsAgain(t *testing.T) {
	db := testDB(t)
	s := NewSQLConvs(db)
	ctx := context.Background()
	id := "race" + strconv.FormatInt(time.Now().UnixNano(), 36)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	bump := func(old *ConvRow) (ConvUpdate, error) {
		n := 0
		if old != nil {
			n, _ = strconv.Atoi(string(old.Data))
		}
		return ConvUpdate{Row: &ConvRow{State: "a", UpdatedAt: at, Data: []byte(strconv.Itoa(n + 1))}, Delta: Counters{"race_writes": 1}}, nil
	}
	if _, err := s.UpdateConv(ctx, id, bump); err != nil {
		t.Fatal(err)
	}
	before, _, err := s.ConvCounters(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	row, err := s.UpdateConv(ctx, id, func(old *ConvRow) (ConvUpdate, error) {
		calls++
		if calls == 1 {
			// Another writer, between this one's read and its write.
			if _, err := s.UpdateConv(ctx, id, bump); err != nil {
				return ConvUpdate{}, err
			}
		}
		return bump(old)
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || string(row.Data) != "3" {
		t.Fatalf("fn ran %d times, wrote %q; want 2 runs and 3 (both writes kept)", calls, row.Data)
	}
	if got, _ := s.GetConv(ctx, id); got == nil || string(got.Data) != "3" {
		t.Fatalf("stored %+v, want 3", got)
	}
	after, _, err := s.ConvCounters(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if d := after["race_writes"] - before["race_writes"]; d != 2 {
		t.Fatalf("counted %d writes, want 2", d)
	}
}
