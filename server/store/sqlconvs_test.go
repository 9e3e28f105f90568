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
