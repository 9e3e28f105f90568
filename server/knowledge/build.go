package knowledge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/shop"
)

// batchSize is the number of documents per bleve batch: large enough that scorch
// analyses a batch on all cores and writes few segments, small enough to keep the
// memory of one batch modest and to check ctx often.
const batchSize = 1000

// Kinds of documents.
type Kind string

const (
	KindProduct Kind = "product"
	KindFAQ     Kind = "faq"
	KindPolicy  Kind = "policy"
)

// Rebuild indexes snap into a new directory and then swaps it in; searches keep
// using the previous index until the swap. Rebuilds run one at a time (a second
// call waits, or gives up when ctx ends). With the Chinese dictionary still
// loading, Rebuild waits for it.
func (ix *Index) Rebuild(ctx context.Context, snap *shop.Snapshot) error {
	if snap == nil {
		return errors.New("knowledge: rebuild: nil snapshot")
	}
	select {
	case ix.build <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("knowledge: rebuild: %w", ctx.Err())
	}
	defer func() { <-ix.build }()
	ix.setBuilding(true)
	defer ix.setBuilding(false)
	err := ix.rebuild(ctx, snap)
	ix.setErr(err)
	if err != nil {
		return fmt.Errorf("knowledge: rebuild: %w", err)
	}
	ix.stateMu.Lock()
	ix.lastSnap = snap
	ix.stateMu.Unlock()
	return nil
}

func (ix *Index) setBuilding(b bool) {
	ix.stateMu.Lock()
	ix.building = b
	ix.stateMu.Unlock()
}

func (ix *Index) rebuild(ctx context.Context, snap *shop.Snapshot) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("indexing panicked: %v", r)
		}
	}()
	ix.mu.RLock()
	closed := ix.closed
	ix.mu.RUnlock()
	if closed {
		return ErrClosed
	}
	t0 := time.Now()
	if ix.prof.usesDict() {
		if _, err := ix.prof.segmenter().wait(ctx); err != nil {
			if ctx.Err() != nil {
				return err
			}
			// Without the dictionary Chinese is indexed as bigrams only: less
			// precise, still found. Better than no index.
			ix.log.LogError("knowledge: Chinese dictionary failed to load; indexing without it", "error", err.Error())
		}
	}
	im, err := buildMapping(ix.prof)
	if err != nil {
		return err
	}
	name := genPrefix + strconv.FormatInt(time.Now().UnixNano(), 36)
	path := filepath.Join(ix.dir, name)
	idx, err := bleve.New(path, im)
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	swapped := false
	defer func() {
		if !swapped {
			_ = idx.Close()
			_ = os.RemoveAll(path)
		}
	}()
	if err := indexSnapshot(ctx, idx, snap, ix.prof); err != nil {
		return err
	}
	if err := mergeToOne(ctx, idx); err != nil {
		return err
	}
	n, err := idx.DocCount()
	if err != nil {
		return fmt.Errorf("counting documents: %w", err)
	}
	m := meta{MappingVersion: MappingVersion, Fingerprint: ix.fp, Docs: n, BuiltAt: time.Now().UTC(),
		BuildMS: time.Since(t0).Milliseconds(), CatalogAt: snap.CatalogAt, AvgLen: fieldLengths(im, snap, ix.prof)}
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := idx.SetInternal(metaKey, raw); err != nil {
		return fmt.Errorf("writing metadata: %w", err)
	}
	if idx, err = reopen(idx, path); err != nil {
		return err
	}

	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return ErrClosed
	}
	if err := writeCurrent(ix.dir, name); err != nil {
		ix.mu.Unlock()
		return err
	}
	old := ix.cur
	ix.cur = &generation{idx: idx, name: name, meta: m}
	swapped = true
	ix.mu.Unlock()

	// No search holds the old index any more: they hold mu for reading while
	// they use it, and the swap above waited for them.
	if old != nil {
		if err := old.idx.Close(); err != nil {
			ix.log.LogWarn("knowledge: closing the previous index", "error", err.Error())
		}
		_ = os.RemoveAll(filepath.Join(ix.dir, old.name))
	}
	ix.log.LogInfo("knowledge: index built", "docs", n, "ms", m.BuildMS)
	return nil
}

// mergeToOne merges the index into one segment: it is written once and then
// only read, and one segment answers a query with one term lookup per term
// instead of one per segment.
func mergeToOne(ctx context.Context, idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		if err := sc.ForceMerge(ctx, nil); err != nil {
			return fmt.Errorf("merging segments: %w", err)
		}
	}
	return ctx.Err()
}

// reopen closes and reopens the index, which guarantees that everything,
// metadata included, is on disk before CURRENT points at it.
func reopen(idx bleve.Index, path string) (bleve.Index, error) {
	if err := idx.Close(); err != nil {
		return idx, fmt.Errorf("closing the new index: %w", err)
	}
	reopened, err := bleve.Open(path)
	if err != nil {
		return idx, fmt.Errorf("reopening the new index: %w", err)
	}
	return reopened, nil
}

// writeCurrent points CURRENT at name atomically (write a temp file, then rename).
func writeCurrent(dir, name string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("writing index pointer: %w", err)
	}
	_, err = f.WriteString(name + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, currentFile))
	}
	if err != nil {
		return fmt.Errorf("writing index pointer: %w", err)
	}
	return nil
}

// indexSnapshot adds every product, FAQ and policy, in batches. Batches are
// written by indexWorkers goroutines: bleve analyses a batch on all cores but
// then builds its segment on the calling goroutine alone, so two writers keep
// both halves busy.
func indexSnapshot(ctx context.Context, idx bleve.Index, snap *shop.Snapshot, p profile) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	batches := make(chan *bleve.Batch)
	// persisted counts batches not yet on disk: the index must be complete on
	// disk before it is compacted and swapped in.
	persisted := newCounter()
	var wg sync.WaitGroup
	for range indexWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A panic fails this build (the old index keeps serving), not the plugin:
			// the cancelled ctx stops feedBatches, and the caller logs the error.
			defer recovery.Guard(nil, "", func(v any) {
				cancel(fmt.Errorf("index worker panicked: %v\n%s", v, debug.Stack()))
			})
			for b := range batches {
				// Backpressure: bleve accepts batches faster than it writes them
				// out, and unwritten segments stay in memory.
				if err := persisted.wait(ctx, maxUnpersisted); err != nil {
					cancel(err)
					continue
				}
				persisted.add()
				b.SetPersistedCallback(func(err error) {
					if err != nil {
						cancel(fmt.Errorf("persisting batch: %w", err))
					}
					persisted.done()
				})
				if err := idx.Batch(b); err != nil {
					persisted.done()
					cancel(fmt.Errorf("writing batch: %w", err))
				}
			}
		}()
	}
	err := feedBatches(ctx, idx, snap, p, batches)
	close(batches)
	wg.Wait()
	if err == nil {
		err = persisted.wait(ctx, 0)
	}
	if cause := context.Cause(ctx); cause != nil && err == nil {
		err = cause
	}
	return err
}

// maxUnpersisted bounds the batches written but not yet on disk (each holds an
// in-memory segment).
var maxUnpersisted int64 = 4

// counter counts batches not yet persisted; wait polls it, so that a build given
// up (ctx) leaves no goroutine behind waiting for callbacks that never come.
type counter struct{ n atomic.Int64 }

func newCounter() *counter { return &counter{} }
func (c *counter) add()    { c.n.Add(1) }
func (c *counter) done()   { c.n.Add(-1) }

// wait returns when at most limit batches are outstanding.
func (c *counter) wait(ctx context.Context, limit int64) error {
	for c.n.Load() > limit {
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func indexWorkers() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// batchFed is called after each batch is handed to the writers: a test cancels
// a rebuild there, half-way on purpose rather than by a deadline it hopes the
// build outlasts.
var batchFed = func(context.Context) {}

// feedBatches turns the snapshot into batches of batchSize documents.
func feedBatches(ctx context.Context, idx bleve.Index, snap *shop.Snapshot, p profile, out chan<- *bleve.Batch) error {
	b := idx.NewBatch()
	send := func() error {
		select {
		case out <- b:
			b = idx.NewBatch()
			batchFed(ctx)
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	add := func(kind Kind, id string, d document) error {
		d.Kind = string(kind)
		if err := b.Index(docID(kind, id), d); err != nil {
			return fmt.Errorf("indexing %s %s: %w", kind, id, err)
		}
		if b.Size() < batchSize {
			return nil
		}
		return send()
	}
	if err := eachDoc(snap, p, add); err != nil {
		return err
	}
	if b.Size() > 0 {
		return send()
	}
	return nil
}

// refresh runs once after Open when there is a Source: it rebuilds when the index is
// missing or older than the shop data.
func (ix *Index) refresh(ctx context.Context) {
	snap, err := ix.source(ctx)
	if err != nil || snap == nil {
		if ctx.Err() == nil {
			ix.log.LogWarn("knowledge: cannot read the shop data to check the index", "error", fmt.Sprint(err))
		}
		return
	}
	ix.mu.RLock()
	g := ix.cur
	ix.mu.RUnlock()
	if g != nil && g.meta.CatalogAt.Equal(snap.CatalogAt) {
		ix.stateMu.Lock()
		ix.lastSnap = snap
		ix.stateMu.Unlock()
		return
	}
	ix.log.LogInfo("knowledge: building the index", "reason", map[bool]string{true: "missing", false: "stale"}[g == nil])
	if err := ix.Rebuild(ctx, snap); err != nil && ctx.Err() == nil {
		ix.log.LogError("knowledge: index build failed", "error", err.Error())
	}
}

// scheduleRepair rebuilds in the background after a search failed in a way that
// suggests a damaged index. At most one repair is queued at a time.
func (ix *Index) scheduleRepair(cause error) {
	ix.stateMu.Lock()
	if ix.repair {
		ix.stateMu.Unlock()
		return
	}
	ix.repair = true
	snap := ix.lastSnap
	ix.stateMu.Unlock()
	ix.log.LogWarn("knowledge: search failed; rebuilding the index", "error", cause.Error())
	ix.background(func(ctx context.Context) {
		defer func() {
			ix.stateMu.Lock()
			ix.repair = false
			ix.stateMu.Unlock()
		}()
		if ix.source != nil {
			if s, err := ix.source(ctx); err == nil && s != nil {
				snap = s
			}
		}
		if snap == nil {
			ix.log.LogError("knowledge: no shop data to repair the index from")
			return
		}
		if err := ix.Rebuild(ctx, snap); err != nil && ctx.Err() == nil {
			ix.log.LogError("knowledge: index repair failed", "error", err.Error())
		}
	})
}
