package knowledge

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/concierge-shop/concierge/server/shop"
)

// staticSource serves one snapshot and counts the calls.
type staticSource struct {
	mu    sync.Mutex
	snap  *shop.Snapshot
	calls int
}

func (s *staticSource) get(context.Context) (*shop.Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	return s.snap, nil
}

// settled waits for the index's background work (the check Open starts, a
// repair a failed search scheduled) to end, then checks cond: the work was
// registered before the call that started it returned, so this is a point after
// which its effects are all there, not a poll.
func settled(t *testing.T, ix *Index, what string, cond func() bool) {
	t.Helper()
	ix.wg.Wait()
	if !cond() {
		t.Fatalf("background work done, but not %s: %+v", what, ix.Status())
	}
}

func currentGen(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func expectTop(t *testing.T, ix *Index, q, want string) {
	t.Helper()
	hits, err := ix.Search(context.Background(), q, SearchOptions{Limit: 3})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	for _, h := range hits {
		if h.ID == want {
			return
		}
	}
	t.Fatalf("search %q: %s not in %+v", q, want, hits)
}

// openBuilt opens dir with a source and waits for the background build.
func openBuilt(t *testing.T, dir string, src *staticSource, lg *testLogger) *Index {
	t.Helper()
	ix, err := Open(context.Background(), dir, lg, src.get)
	if err != nil {
		t.Fatal(err)
	}
	settled(t, ix, "index ready", func() bool { st := ix.Status(); return st.Ready && !st.Building })
	return ix
}

// builtDir builds the fixture into a new dir through Open and closes it again.
func builtDir(t *testing.T) (dir string, src *staticSource, gen string) {
	dir = t.TempDir()
	src = &staticSource{snap: fixtureSnapshot(t)}
	ix := openBuilt(t, dir, src, &testLogger{})
	_ = ix.Close()
	return dir, src, currentGen(t, dir)
}

func TestOpenBuildsAndReopensWithoutRebuild(t *testing.T) {
	dir := t.TempDir()
	src := &staticSource{snap: fixtureSnapshot(t)}
	lg := &testLogger{}
	ix := openBuilt(t, dir, src, lg)
	st := ix.Status()
	want := uint64(len(src.snap.Catalog.Products) + len(src.snap.Catalog.FAQs) + len(src.snap.Catalog.Policies))
	if st.Docs != want || st.MappingVersion != MappingVersion || !st.CatalogAt.Equal(src.snap.CatalogAt) ||
		st.BuiltAt.IsZero() || st.Dictionary != "ready" {
		t.Errorf("status %+v, want %d docs", st, want)
	}
	expectTop(t, ix, "包邮吗", "f-free-ship")
	gen := currentGen(t, dir)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(context.Background(), "包邮", SearchOptions{}); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: err = %v", err)
	}

	// Same data: the index on disk is used as it is.
	lg2 := &testLogger{}
	ix2 := openBuilt(t, dir, src, lg2)
	defer ix2.Close()
	// openBuilt waited for the check Open started in the background, rebuild or
	// not: a positive point after which a wrong rebuild would show, not a pause.
	if got := currentGen(t, dir); got != gen || lg2.contains("index built") {
		t.Errorf("reopened fresh index was rebuilt (%s → %s)", gen, got)
	}
	expectTop(t, ix2, "包邮吗", "f-free-ship")
}

func TestOpenRebuildsStaleIndex(t *testing.T) {
	dir, src, gen := builtDir(t)
	newer := fixtureSnapshot(t)
	newer.CatalogAt = src.snap.CatalogAt.Add(time.Hour)
	src.snap = newer
	ix2 := openBuilt(t, dir, src, &testLogger{})
	defer ix2.Close()
	if st := ix2.Status(); !st.CatalogAt.Equal(newer.CatalogAt) {
		t.Errorf("stale index: catalog of %v, want %v", st.CatalogAt, newer.CatalogAt)
	}
	if currentGen(t, dir) == gen {
		t.Error("stale index not rebuilt")
	}
	// The old generation is deleted by the rebuild, just after the swap.
	if _, err := os.Stat(filepath.Join(dir, gen)); !os.IsNotExist(err) {
		t.Errorf("old generation %s still there: %v", gen, err)
	}
}

func TestCorruptIndexRepairsItself(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, dir, gen string)
	}{
		{"garbage in every file", func(t *testing.T, dir, gen string) {
			_ = filepath.Walk(filepath.Join(dir, gen), func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					if err := os.WriteFile(p, []byte("not an index"), 0o600); err != nil {
						t.Fatal(err)
					}
				}
				return nil
			})
		}},
		{"generation deleted", func(t *testing.T, dir, gen string) {
			if err := os.RemoveAll(filepath.Join(dir, gen)); err != nil {
				t.Fatal(err)
			}
		}},
		{"bad pointer", func(t *testing.T, dir, _ string) {
			if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("../../etc"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"metadata garbled", func(t *testing.T, dir, gen string) {
			idx, err := bleve.Open(filepath.Join(dir, gen))
			if err != nil {
				t.Fatal(err)
			}
			_ = idx.SetInternal(metaKey, []byte("{"))
			_ = idx.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, src, gen := builtDir(t)
			tt.corrupt(t, dir, gen)

			lg := &testLogger{}
			ix2 := openBuilt(t, dir, src, lg)
			defer ix2.Close()
			if !lg.contains("WARN") {
				t.Errorf("corruption not reported: %q", lg.lines)
			}
			expectTop(t, ix2, "国补怎么领", "f-subsidy")
		})
	}
}

func TestCorruptIndexWithoutSource(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(context.Background(), dir, &testLogger{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Rebuild(context.Background(), fixtureSnapshot(t)); err != nil {
		t.Fatal(err)
	}
	_ = ix.Close()
	if err := os.RemoveAll(filepath.Join(dir, currentGen(t, dir))); err != nil {
		t.Fatal(err)
	}
	ix2, err := Open(context.Background(), dir, &testLogger{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if _, err := ix2.Search(context.Background(), "退货", SearchOptions{}); !errors.Is(err, ErrNotReady) {
		t.Errorf("err = %v, want ErrNotReady", err)
	}
	if err := ix2.Rebuild(context.Background(), fixtureSnapshot(t)); err != nil {
		t.Fatal(err)
	}
	expectTop(t, ix2, "退货退款政策", "pol-return")
}

// TestSearchFailureSchedulesRepair: an index that breaks under a running plugin
// (here: closed behind its back) is rebuilt from the last snapshot.
func TestSearchFailureSchedulesRepair(t *testing.T) {
	lg := &testLogger{}
	ix, err := Open(context.Background(), t.TempDir(), lg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(context.Background(), fixtureSnapshot(t)); err != nil {
		t.Fatal(err)
	}
	ix.mu.RLock()
	broken := ix.cur
	ix.mu.RUnlock()
	_ = broken.idx.Close()
	if _, err := ix.Search(context.Background(), "退货", SearchOptions{}); err == nil {
		t.Fatal("search on a broken index did not fail")
	}
	// Search scheduled the repair before it returned.
	settled(t, ix, "repaired", func() bool {
		ix.mu.RLock()
		defer ix.mu.RUnlock()
		return ix.cur != broken && !ix.Status().Building
	})
	expectTop(t, ix, "退货退款政策", "pol-return")
	if !lg.contains("rebuilding the index") {
		t.Errorf("repair not logged: %q", lg.lines)
	}
}

func TestVersionBumpRebuilds(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *meta)
		reason string
	}{
		{"mapping version", func(m *meta) { m.MappingVersion = MappingVersion - 1 }, "mapping version"},
		{"analysis fingerprint", func(m *meta) { m.Fingerprint = "0123456789abcdef" }, "fingerprint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, src, gen := builtDir(t)
			idx, err := bleve.Open(filepath.Join(dir, gen))
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := idx.GetInternal(metaKey)
			var m meta
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			tt.change(&m)
			raw, _ = json.Marshal(m)
			if err := idx.SetInternal(metaKey, raw); err != nil {
				t.Fatal(err)
			}
			_ = idx.Close()

			lg := &testLogger{}
			ix2 := openBuilt(t, dir, src, lg)
			defer ix2.Close()
			if !lg.contains(tt.reason) || currentGen(t, dir) == gen {
				t.Errorf("no rebuild for a changed %s: %q", tt.reason, lg.lines)
			}
			expectTop(t, ix2, "价保", "f-price-protect")
		})
	}
}

// TestSearchDuringRebuild: searches keep answering from the old index until the
// new one is swapped in.
func TestSearchDuringRebuild(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		var err error
		for i := 0; i < 3 && err == nil; i++ {
			err = ix.Rebuild(ctx, fixtureSnapshot(t))
		}
		done <- err
	}()
	searches := 0
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if searches == 0 {
				t.Fatal("no search ran during the rebuilds")
			}
			expectTop(t, ix, "发票抬头写错", "f-invoice-fix")
			return
		default:
		}
		expectTop(t, ix, "发票抬头写错", "f-invoice-fix")
		searches++
	}
}

func TestRebuildCancelledKeepsOldIndex(t *testing.T) {
	ix := buildIndex(t, production, fixtureSnapshot(t))
	big := shop.NewSnapshot(generateCatalog(20000, 7), nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Given up half-way: after the second of its twenty batches.
	fed := 0
	batchFed = func(context.Context) {
		if fed++; fed == 2 {
			cancel()
		}
	}
	t.Cleanup(func() { batchFed = func(context.Context) {} })
	if err := ix.Rebuild(ctx, big); !errors.Is(err, context.Canceled) {
		t.Fatalf("rebuild cancelled half-way: %v", err)
	}
	if fed < 2 || fed >= 20 {
		t.Errorf("%d batches fed, want the build given up after the second", fed)
	}
	if st := ix.Status(); st.Docs != 85 || !st.Ready || st.LastError == "" {
		t.Errorf("status after a cancelled rebuild: %+v", st)
	}
	expectTop(t, ix, "发票抬头写错", "f-invoice-fix")
	entries, _ := os.ReadDir(ix.dir)
	gens := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), genPrefix) {
			gens++
		}
	}
	if gens != 1 {
		t.Errorf("%d generations on disk after a cancelled rebuild, want 1", gens)
	}
}
