package knowledge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/shop"
)

// Logger is what the index reports through. Its methods have the shape of the
// Mattermost plugin API's (LogInfo(msg, "key", value, ...)), so p.API fits as is.
type Logger interface {
	LogInfo(msg string, keyValuePairs ...any)
	LogWarn(msg string, keyValuePairs ...any)
	LogError(msg string, keyValuePairs ...any)
}

// Source returns the current shop data. The index calls it to rebuild itself when
// the copy on disk is missing, corrupt, of another version or older than the data.
type Source func(ctx context.Context) (*shop.Snapshot, error)

var (
	// ErrNotReady: there is no usable index yet (first build or repair under way).
	ErrNotReady = errors.New("knowledge: index not ready")
	// ErrClosed: the index was closed.
	ErrClosed = errors.New("knowledge: index closed")
)

// Status describes the index for the staff and the logs.
type Status struct {
	Ready          bool          `json:"ready"` // an index is open and searchable
	Docs           uint64        `json:"docs"`
	MappingVersion int           `json:"mapping_version"`
	Fingerprint    string        `json:"fingerprint"`
	BuiltAt        time.Time     `json:"built_at"`
	BuildDuration  time.Duration `json:"build_duration"`
	CatalogAt      time.Time     `json:"catalog_at"` // CatalogAt of the snapshot indexed
	Building       bool          `json:"building"`
	Dictionary     string        `json:"dictionary"` // "loading", "ready" or "failed"
	LastError      string        `json:"last_error,omitempty"`
}

// meta is stored in the index's internal storage; it says how the index was built.
type meta struct {
	MappingVersion int       `json:"mapping_version"`
	Fingerprint    string    `json:"fingerprint"`
	Docs           uint64    `json:"docs"`
	BuiltAt        time.Time `json:"built_at"`
	BuildMS        int64     `json:"build_ms"`
	CatalogAt      time.Time `json:"catalog_at"`
	// AvgLen is the average number of terms per text field (for BM25).
	AvgLen map[string]float64 `json:"avg_len"`
}

var metaKey = []byte("concierge.meta")

// currentFile names the generation in use. A rebuild writes a new generation
// directory and then replaces this file (write + rename), so a crash at any moment
// leaves either the old or the new index, never half of one.
const currentFile = "CURRENT"

const genPrefix = "idx-"

type generation struct {
	idx  bleve.Index
	name string
	meta meta
}

// Index is the knowledge index: a cache on local disk of the shop data that lives
// in the KV store. All methods are safe for concurrent use.
type Index struct {
	dir    string
	log    Logger
	source Source
	prof   profile
	fp     string

	mu     sync.RWMutex // guards cur and closed; searches hold it for reading
	cur    *generation
	closed bool

	build chan struct{} // one rebuild at a time (a semaphore that respects ctx)

	stateMu  sync.Mutex
	building bool
	lastErr  string
	lastSnap *shop.Snapshot // what to repair from when there is no Source
	repair   bool           // a background repair is queued or running
	stopping bool           // Close has begun: no new background work

	bg   context.Context // background work; cancelled by Close
	stop context.CancelFunc
	wg   sync.WaitGroup
}

// Open opens the index in dir (created if needed) and returns at once: the
// dictionary loads in the background, and when the index on disk is missing,
// unreadable, of another mapping version or fingerprint, or older than the data
// (source != nil), it is rebuilt in the background from source. Until then Search
// returns ErrNotReady. source may be nil: the caller then calls Rebuild.
func Open(ctx context.Context, dir string, logger Logger, source Source) (*Index, error) {
	return openProfile(ctx, dir, logger, source, production)
}

func openProfile(ctx context.Context, dir string, logger Logger, source Source, p profile) (*Index, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("knowledge: creating %s: %w", dir, err)
	}
	fp, err := fingerprint(p)
	if err != nil {
		return nil, fmt.Errorf("knowledge: %w", err)
	}
	bg, stop := context.WithCancel(context.Background())
	ix := &Index{dir: dir, log: logger, source: source, prof: p, fp: fp, build: make(chan struct{}, 1), bg: bg, stop: stop}
	if p.usesDict() {
		p.segmenter().start()
	}
	ix.cur = ix.openCurrent()
	ix.removeStale()
	if source != nil {
		ix.background(func(ctx context.Context) { ix.refresh(ctx) })
	}
	return ix, nil
}

// openCurrent opens the generation named in CURRENT; any problem is logged and
// the broken generation deleted, so that the next build starts clean.
func (ix *Index) openCurrent() *generation {
	b, err := os.ReadFile(filepath.Join(ix.dir, currentFile))
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			ix.log.LogWarn("knowledge: cannot read the index pointer; rebuilding", "error", err.Error())
		}
		return nil
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) {
		ix.log.LogWarn("knowledge: bad index pointer; rebuilding", "name", name)
		return nil
	}
	g, err := ix.openGeneration(name)
	if err != nil {
		ix.log.LogWarn("knowledge: index unusable; it will be rebuilt", "dir", name, "error", err.Error())
		_ = os.RemoveAll(filepath.Join(ix.dir, name)) //nolint:gosec // name checked above: our prefix, no separator
		return nil
	}
	return g
}

func (ix *Index) openGeneration(name string) (g *generation, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("opening index panicked: %v", r)
		}
	}()
	// A bounded wait for the file lock: another process holding this index (an
	// old plugin process still shutting down) must not hang activation forever.
	idx, err := bleve.OpenUsing(filepath.Join(ix.dir, name), map[string]interface{}{"bolt_timeout": "2s"})
	if err != nil {
		return nil, err
	}
	m, err := checkGeneration(idx, ix.fp)
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	return &generation{idx: idx, name: name, meta: m}, nil
}

// checkGeneration reads the metadata and proves the index answers a query.
func checkGeneration(idx bleve.Index, fp string) (meta, error) {
	var m meta
	raw, err := idx.GetInternal(metaKey)
	if err != nil {
		return m, fmt.Errorf("reading metadata: %w", err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("metadata: %w", err)
	}
	if m.MappingVersion != MappingVersion {
		return m, fmt.Errorf("mapping version %d, want %d", m.MappingVersion, MappingVersion)
	}
	if m.Fingerprint != fp {
		return m, fmt.Errorf("analysis fingerprint %s, want %s", m.Fingerprint, fp)
	}
	n, err := idx.DocCount()
	if err != nil {
		return m, fmt.Errorf("counting documents: %w", err)
	}
	if n != m.Docs {
		return m, fmt.Errorf("%d documents, metadata says %d", n, m.Docs)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)
	if _, err := idx.Search(req); err != nil {
		return m, fmt.Errorf("probe search: %w", err)
	}
	return m, nil
}

// removeStale deletes generation directories other than the current one
// (left by a crash during a build or a swap).
func (ix *Index) removeStale() {
	entries, err := os.ReadDir(ix.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), genPrefix) {
			continue
		}
		if ix.cur != nil && e.Name() == ix.cur.name {
			continue
		}
		if err := os.RemoveAll(filepath.Join(ix.dir, e.Name())); err != nil {
			ix.log.LogWarn("knowledge: cannot remove an old index", "dir", e.Name(), "error", err.Error())
		}
	}
}

// Status reports the state of the index.
func (ix *Index) Status() Status {
	var s Status
	ix.mu.RLock()
	if g := ix.cur; g != nil && !ix.closed {
		s.Ready = true
		s.Docs = g.meta.Docs
		s.BuiltAt = g.meta.BuiltAt
		s.BuildDuration = time.Duration(g.meta.BuildMS) * time.Millisecond
		s.CatalogAt = g.meta.CatalogAt
	}
	ix.mu.RUnlock()
	s.MappingVersion = MappingVersion
	s.Fingerprint = ix.fp
	ix.stateMu.Lock()
	s.Building = ix.building
	s.LastError = ix.lastErr
	ix.stateMu.Unlock()
	s.Dictionary = "ready"
	if ix.prof.usesDict() {
		seg := ix.prof.segmenter()
		switch {
		case seg.isReady():
		case seg.failed():
			s.Dictionary = "failed"
		default:
			s.Dictionary = "loading"
		}
	}
	return s
}

// Close stops background work and closes the index. Searches after Close return
// ErrClosed.
func (ix *Index) Close() error {
	ix.stateMu.Lock()
	ix.stopping = true
	ix.stateMu.Unlock()
	ix.stop()
	ix.wg.Wait()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	if ix.cur == nil {
		return nil
	}
	err := ix.cur.idx.Close()
	ix.cur = nil
	if err != nil {
		return fmt.Errorf("knowledge: closing index: %w", err)
	}
	return nil
}

// background runs f in a goroutine that Close waits for.
func (ix *Index) background(f func(ctx context.Context)) {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	if ix.stopping {
		return
	}
	ix.wg.Add(1)
	go func() {
		defer ix.wg.Done()
		// Index builds run third-party code on shop data: a panic must not end the plugin.
		defer recovery.Guard(ix.log, "search index background work", func(v any) {
			ix.setErr(fmt.Errorf("panic: %v", v))
		})
		f(ix.bg)
	}()
}

func (ix *Index) setErr(err error) {
	ix.stateMu.Lock()
	defer ix.stateMu.Unlock()
	if err == nil {
		ix.lastErr = ""
		return
	}
	ix.lastErr = err.Error()
}
