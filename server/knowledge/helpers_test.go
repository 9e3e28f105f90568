package knowledge

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// testLogger records what the index logs, so tests can assert on it.
type testLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLogger) add(level, msg string, kv ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level+" "+msg+" "+fmt.Sprint(kv...))
}

func (l *testLogger) LogInfo(msg string, kv ...any)  { l.add("INFO", msg, kv...) }
func (l *testLogger) LogWarn(msg string, kv ...any)  { l.add("WARN", msg, kv...) }
func (l *testLogger) LogError(msg string, kv ...any) { l.add("ERROR", msg, kv...) }

func (l *testLogger) contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

var (
	fixtureOnce sync.Once
	fixtureCat  *shop.Catalog
	fixtureErr  error
)

// fixtureCatalog is testdata/fixture.json, parsed once (callers must not modify it).
func fixtureCatalog(tb testing.TB) *shop.Catalog {
	tb.Helper()
	fixtureOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("testdata", "fixture.json"))
		if err != nil {
			fixtureErr = err
			return
		}
		var c shop.Catalog
		fixtureErr = json.Unmarshal(b, &c)
		fixtureCat = &c
	})
	if fixtureErr != nil {
		tb.Fatalf("fixture: %v", fixtureErr)
	}
	return fixtureCat
}

func fixtureSnapshot(tb testing.TB) *shop.Snapshot {
	s := shop.NewSnapshot(fixtureCatalog(tb), nil)
	s.CatalogAt = time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	return s
}

type question struct {
	Q      string   `json:"q"`
	Expect []string `json:"expect"`
	Cat    string   `json:"cat"`
}

func loadQuestions(tb testing.TB) []question { return loadQuestionsFile(tb, "questions.json") }

func loadQuestionsFile(tb testing.TB, name string) []question {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	var qs []question
	if err := json.Unmarshal(b, &qs); err != nil {
		tb.Fatal(err)
	}
	return qs
}

// buildIndex opens an index of profile p in a temp dir and builds it from snap.
func buildIndex(tb testing.TB, p profile, snap *shop.Snapshot) *Index {
	tb.Helper()
	ctx := context.Background()
	ix, err := openProfile(ctx, tb.TempDir(), &testLogger{}, nil, p)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	if err := ix.Rebuild(ctx, snap); err != nil {
		tb.Fatal(err)
	}
	return ix
}

// evalResult is recall@3 and MRR (over the first 10 hits) on a question set.
type evalResult struct {
	recall3, mrr float64
	misses       []string
}

func evaluate(tb testing.TB, ix *Index, qs []question) evalResult {
	tb.Helper()
	var found, rr float64
	var res evalResult
	for _, q := range qs {
		hits, err := ix.Search(context.Background(), q.Q, SearchOptions{Limit: 10})
		if err != nil {
			tb.Fatalf("search %q: %v", q.Q, err)
		}
		rank := 0
		for i, h := range hits {
			if contains(q.Expect, h.ID) {
				rank = i + 1
				break
			}
		}
		if rank > 0 {
			rr += 1 / float64(rank)
		}
		if rank > 0 && rank <= 3 {
			found++
			continue
		}
		var got []string
		for i, h := range hits {
			if i == 3 {
				break
			}
			got = append(got, h.ID)
		}
		res.misses = append(res.misses, fmt.Sprintf("[%s] %q want %v got %v (rank %d)", q.Cat, q.Q, q.Expect, got, rank))
	}
	res.recall3 = found / float64(len(qs))
	res.mrr = rr / float64(len(qs))
	return res
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
