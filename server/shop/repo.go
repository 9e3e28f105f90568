package shop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

// Locker serialises writers across the cluster (pluginapi's cluster.Mutex).
type Locker interface {
	LockWithContext(ctx context.Context) error
	Unlock()
}

// Repo keeps the shop's data in the KV store and serves the current Snapshot.
//
// Atomicity: a document is validated in full first, then written as a blob under a
// fresh generation key; only then does one compare-and-set on the pointer key make it
// current. A failure at any point before that leaves the old pointer, so the stored
// data is either all old or all new. Old generations are deleted afterwards.
type Repo struct {
	kv   store.KV
	lock Locker // catalog imports, across the cluster
	// Orders imports and order updates (refunds) hold the orders lock across the
	// cluster, and ordersSem on this node first (so that two refunds here queue
	// without polling the cluster lock): an order is never changed from a copy read
	// before an import, and an import never clears a change made after it.
	ordersLock Locker
	ordersSem  chan struct{}
	// OnOrderChanged, when set (before serving), is told of every order UpdateOrder
	// changed, so that other nodes can reload it (ReloadOrder).
	OnOrderChanged func(orderID string)
	snap           atomic.Pointer[Snapshot]
	// mu orders this node's own reload/import swaps.
	mu sync.Mutex
	// newID makes generation ids; replaceable in tests.
	newID func() string
	// loaded closes when the first Load has finished (well or not): until then the
	// snapshot is empty only because nobody has read the store yet, and readers that
	// would draw conclusions from it ("you have no orders") wait instead.
	loaded     chan struct{}
	loadedOnce sync.Once
}

// Pointer is what the pointer key of a document holds.
type Pointer struct {
	Gen        string         `json:"gen"`
	Blob       store.BlobMeta `json:"blob"`
	ImportedAt time.Time      `json:"imported_at"`
	Counts     map[string]int `json:"counts"`
}

const (
	catalogPtrKey = "shop/catalog/ptr"
	ordersPtrKey  = "shop/orders/ptr"
	orderPatchPfx = "shop/orders/patch/"
)

func blobPrefix(kind, gen string) string { return "shop/" + kind + "/g/" + gen }

// NewRepo makes a repo; call Load before serving.
func NewRepo(kv store.KV, lock Locker, newID func() string) *Repo {
	r := &Repo{kv: kv, lock: lock, ordersLock: lock, ordersSem: make(chan struct{}, 1), newID: newID, loaded: make(chan struct{})}
	r.snap.Store(NewSnapshot(nil, nil))
	return r
}

// SetOrdersLock gives orders imports and refunds a cluster lock of their own, so that
// a refund does not wait for a catalog import (call before serving).
func (r *Repo) SetOrdersLock(l Locker) { r.ordersLock = l }

// lockOrders takes the orders lock; the returned func releases it.
func (r *Repo) lockOrders(ctx context.Context) (func(), error) {
	select {
	case r.ordersSem <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("lock orders: %w", ctx.Err())
	}
	if err := r.ordersLock.LockWithContext(ctx); err != nil {
		<-r.ordersSem
		return nil, fmt.Errorf("lock orders: %w", err)
	}
	return func() {
		r.ordersLock.Unlock()
		<-r.ordersSem
	}, nil
}

// Loaded closes once the first Load has finished.
func (r *Repo) Loaded() <-chan struct{} { return r.loaded }

// WaitLoaded blocks until the first Load has finished or ctx ends.
func (r *Repo) WaitLoaded(ctx context.Context) error {
	select {
	case <-r.loaded:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("shop data still loading: %w", ctx.Err())
	}
}

// Snapshot is the current data; never nil.
func (r *Repo) Snapshot() *Snapshot { return r.snap.Load() }

// Load reads the current generations from the KV store (at activation and when
// another node announces an import).
//
// The first Load marks the repo loaded even when it fails: the plugin then serves
// with no shop data (logged), and an import repairs it.
func (r *Repo) Load(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer r.loadedOnce.Do(func() { close(r.loaded) })
	cat, catPtr, err := loadDoc[Catalog](r.kv, "catalog", catalogPtrKey)
	if err != nil {
		return err
	}
	ord, ordPtr, err := loadDoc[Orders](r.kv, "orders", ordersPtrKey)
	if err != nil {
		return err
	}
	if ord != nil {
		if err := r.applyPatches(ord, ordPtr.Gen); err != nil {
			return err
		}
	}
	learned, err := r.learned()
	if err != nil {
		return err
	}
	if cat != nil || len(learned) > 0 {
		cat = withLearned(cat, learned)
	}
	s := NewSnapshot(cat, ord)
	if catPtr != nil {
		s.CatalogAt = catPtr.ImportedAt
	}
	if ordPtr != nil {
		s.OrdersAt, s.OrdersGen = ordPtr.ImportedAt, ordPtr.Gen
	}
	r.snap.Store(s)
	return nil
}

func loadDoc[T any](kv store.KV, kind, ptrKey string) (*T, *Pointer, error) {
	var ptr Pointer
	ok, err := store.GetJSON(kv, ptrKey, &ptr)
	if err != nil || !ok {
		return nil, nil, err
	}
	var doc T
	dec := json.NewDecoder(store.OpenBlob(kv, blobPrefix(kind, ptr.Gen), ptr.Blob))
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("load %s generation %s: %w", kind, ptr.Gen, err)
	}
	if c, ok := any(&doc).(*Catalog); ok {
		c.intern()
	}
	return &doc, &ptr, nil
}

// Status describes what is stored.
type Status struct {
	Catalog *Pointer `json:"catalog,omitempty"`
	Orders  *Pointer `json:"orders,omitempty"`
}

func (r *Repo) Status() (Status, error) {
	var st Status
	for key, dst := range map[string]**Pointer{catalogPtrKey: &st.Catalog, ordersPtrKey: &st.Orders} {
		var p Pointer
		ok, err := store.GetJSON(r.kv, key, &p)
		if err != nil {
			return st, err
		}
		if ok {
			*dst = &p
		}
	}
	return st, nil
}

// CatalogCounts is the /catalog response (SPEC §6).
type CatalogCounts struct {
	Products   int `json:"products"`
	SKUs       int `json:"skus"`
	FAQs       int `json:"faqs"`
	Policies   int `json:"policies"`
	Promotions int `json:"promotions"`
}

// OrdersCounts is the /orders response.
type OrdersCounts struct {
	Customers int `json:"customers"`
	Orders    int `json:"orders"`
}

// ImportCatalog validates and stores a catalog, replacing the previous one.
func (r *Repo) ImportCatalog(ctx context.Context, body io.Reader) (*CatalogCounts, error) {
	cat, err := DecodeCatalog(body)
	if err != nil {
		return nil, err
	}
	counts := &CatalogCounts{Products: len(cat.Products), FAQs: len(cat.FAQs), Policies: len(cat.Policies), Promotions: len(cat.Promotions)}
	for i := range cat.Products {
		counts.SKUs += len(cat.Products[i].SKUs)
	}
	if err := r.lock.LockWithContext(ctx); err != nil {
		return nil, fmt.Errorf("lock catalog import: %w", err)
	}
	defer r.lock.Unlock()
	learned, err := r.learned()
	if err != nil {
		return nil, err
	}
	err = r.replace("catalog", catalogPtrKey, cat, map[string]int{
		"products": counts.Products, "skus": counts.SKUs, "faqs": counts.FAQs, "policies": counts.Policies, "promotions": counts.Promotions,
	}, func(s *Snapshot, p Pointer) *Snapshot {
		// The stored document stays the shop's own; the learnt FAQs are laid over it.
		n := s.withCatalog(withLearned(cat, learned))
		n.CatalogAt = p.ImportedAt
		return n
	})
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// ImportOrders validates (sku ids against the current catalog) and stores orders.
// Patches from refunds of the previous import are dropped: the shop's new document
// is the truth now. The refund ledger lives elsewhere and is kept.
func (r *Repo) ImportOrders(ctx context.Context, body io.Reader) (*OrdersCounts, error) {
	// Orders are checked against the catalog: it must be the stored one, not the
	// empty snapshot of a plugin still starting.
	if err := r.WaitLoaded(ctx); err != nil {
		return nil, err
	}
	ord, err := DecodeOrders(body, r.Snapshot())
	if err != nil {
		return nil, err
	}
	counts := &OrdersCounts{Customers: len(ord.Customers), Orders: len(ord.Orders)}
	// Held until the old patches are gone: a refund either comes before (on the old
	// orders, which this import replaces) or after (on the new ones, and kept).
	unlock, err := r.lockOrders(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	err = r.replace("orders", ordersPtrKey, ord, map[string]int{"customers": counts.Customers, "orders": counts.Orders},
		func(s *Snapshot, p Pointer) *Snapshot {
			n := s.withOrders(ord)
			n.OrdersAt, n.OrdersGen = p.ImportedAt, p.Gen
			return n
		})
	if err != nil {
		return nil, err
	}
	// Patches left by a failure here are of an old generation, which Load ignores.
	if err := r.clearPatches(); err != nil {
		return counts, fmt.Errorf("orders imported, but old refund patches remain: %w", err)
	}
	return counts, nil
}

// replace stores doc as the new generation of its kind; the caller holds its lock.
func (r *Repo) replace(kind, ptrKey string, doc any, counts map[string]int, next func(*Snapshot, Pointer) *Snapshot) error {
	oldRaw, err := r.kv.Get(ptrKey)
	if err != nil {
		return fmt.Errorf("read %s pointer: %w", kind, err)
	}
	gen := r.newID()
	prefix := blobPrefix(kind, gen)
	// Encode straight into the chunk writer: one copy of the document as JSON text
	// is never held in memory, only a chunk at a time.
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(json.NewEncoder(pw).Encode(doc)) }()
	meta, err := store.PutBlob(r.kv, prefix, pr)
	_ = pr.CloseWithError(err)
	if err != nil {
		_ = store.DeleteBlob(r.kv, prefix, meta)
		return fmt.Errorf("write %s: %w", kind, err)
	}
	ptr := Pointer{Gen: gen, Blob: meta, ImportedAt: time.Now().UTC(), Counts: counts}
	newRaw, err := json.Marshal(ptr)
	if err != nil {
		return err
	}
	ok, err := r.kv.CompareAndSet(ptrKey, oldRaw, newRaw)
	if err != nil || !ok {
		_ = store.DeleteBlob(r.kv, prefix, meta)
		if err == nil {
			err = errors.New("another import changed it meanwhile")
		}
		return fmt.Errorf("publish %s: %w", kind, err)
	}
	r.mu.Lock()
	r.snap.Store(next(r.snap.Load(), ptr))
	r.mu.Unlock()
	if oldRaw != nil {
		var old Pointer
		if json.Unmarshal(oldRaw, &old) == nil {
			_ = store.DeleteBlob(r.kv, blobPrefix(kind, old.Gen), old.Blob) // garbage only; the pointer moved
		}
	}
	return nil
}
