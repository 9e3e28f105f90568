package shop

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/concierge-shop/concierge/server/store"
)

type testLock struct{ sync.Mutex }

func (l *testLock) LockWithContext(context.Context) error { l.Lock(); return nil }

func newTestRepo(kv store.KV) *Repo {
	n := 0
	r := NewRepo(kv, &testLock{}, func() string { n++; return "g" + strconv.Itoa(n) })
	if err := r.Load(context.Background()); err != nil {
		panic(err)
	}
	return r
}

// An import of orders on a node that has not loaded yet waits for the first load
// (it validates against the stored catalog). In a synctest bubble: the import with
// a deadline gives up exactly at it, and the one without is still blocked when
// nothing else can happen (synctest.Wait), then succeeds once Load runs.
func TestRepoOrdersImportWaitsForTheFirstLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		kv := store.NewMemory()
		if _, err := newTestRepo(kv).ImportCatalog(ctx, strings.NewReader(repoCatalog)); err != nil {
			t.Fatal(err)
		}
		// A restarted node: the catalog is stored but not read yet.
		r := NewRepo(kv, &testLock{}, func() string { return "g9" })
		short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		start := time.Now()
		if _, err := r.ImportOrders(short, strings.NewReader(repoOrders)); err == nil || !strings.Contains(err.Error(), "still loading") {
			t.Fatalf("import before the first load: %v", err)
		}
		if took := time.Since(start); took != 20*time.Millisecond {
			t.Errorf("import gave up after %v, want at its 20ms deadline", took)
		}
		select {
		case <-r.Loaded():
			t.Fatal("loaded before Load")
		default:
		}
		done := make(chan error, 1)
		go func() {
			_, err := r.ImportOrders(ctx, strings.NewReader(repoOrders))
			done <- err
		}()
		synctest.Wait()
		select {
		case err := <-done:
			t.Fatalf("import finished before the first load: %v", err)
		default:
		}
		if err := r.Load(ctx); err != nil {
			t.Fatal(err)
		}
		// Validated against the stored catalog (s1 exists there), so it succeeds.
		if err := <-done; err != nil {
			t.Fatalf("import after load: %v", err)
		}
		if len(r.Snapshot().OrdersOf("alice")) != 1 {
			t.Fatal("orders not served")
		}
	})
}

func TestRepoFailedFirstLoadStillCountsAsLoaded(t *testing.T) {
	kv := store.NewMemory()
	if err := kv.Set(catalogPtrKey, []byte(`{"gen":"gone","blob":{"chunks":1,"size":10}}`)); err != nil {
		t.Fatal(err)
	}
	r := NewRepo(kv, &testLock{}, func() string { return "g1" })
	if err := r.Load(context.Background()); err == nil {
		t.Fatal("want an error for a pointer to a missing blob")
	}
	// Serving with no data beats waiting forever; an import repairs it.
	if err := r.WaitLoaded(context.Background()); err != nil {
		t.Fatal(err)
	}
}

const repoCatalog = `{"currency":"CNY","products":[{"id":"p1","title":"Runner","category":"running-shoes",
 "skus":[{"id":"s1","price":59900,"stock":3}]}],
 "faqs":[{"id":"f1","question":"Q?","answer":"A."}]}`

const repoOrders = `{"customers":[{"user":"alice","tier":"vip"}],
 "orders":[{"id":"O1","user":"alice","status":"deposit_paid","items":[{"sku_id":"s1","qty":1,"unit_price":59900}],
 "deposit":{"amount":5000,"refundable":true}}]}`

func TestRepoImportReloadAndAtomicity(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	r := newTestRepo(kv)
	counts, err := r.ImportCatalog(ctx, strings.NewReader(repoCatalog))
	if err != nil {
		t.Fatal(err)
	}
	if counts.Products != 1 || counts.SKUs != 1 || counts.FAQs != 1 {
		t.Fatalf("counts %+v", counts)
	}
	if _, err := r.ImportOrders(ctx, strings.NewReader(repoOrders)); err != nil {
		t.Fatal(err)
	}

	// A bad document changes nothing.
	_, err = r.ImportCatalog(ctx, strings.NewReader(`{"currency":"CNY","products":[{"id":"","title":"x","skus":[]}]}`))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want ValidationError, got %v", err)
	}
	if r.Snapshot().Product("p1") == nil {
		t.Fatal("bad import replaced the catalog")
	}

	// A storage failure half-way leaves the old generation current.
	kv.FailSet = func(key string) bool { return strings.HasPrefix(key, "shop/catalog/g/g4") || key == catalogPtrKey }
	if _, err := r.ImportCatalog(ctx, strings.NewReader(strings.Replace(repoCatalog, `"p1"`, `"p2"`, 1))); err == nil {
		t.Fatal("want storage error")
	}
	kv.FailSet = nil
	r2 := newTestRepo(kv)
	if err := r2.Load(ctx); err != nil {
		t.Fatal(err)
	}
	s := r2.Snapshot()
	if s.Product("p1") == nil || s.Product("p2") != nil || s.OrderOf("alice", "O1") == nil {
		t.Fatalf("reloaded data wrong: %+v", s.Catalog.Products)
	}
	// Only the current generation's chunks remain.
	keys, _ := store.KeysWithPrefix(kv, "shop/catalog/g/")
	if len(keys) != 1 {
		t.Fatalf("stale generations left: %v", keys)
	}
}

func TestRepoUpdateOrderPatch(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	r := newTestRepo(kv)
	if _, err := r.ImportCatalog(ctx, strings.NewReader(repoCatalog)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ImportOrders(ctx, strings.NewReader(repoOrders)); err != nil {
		t.Fatal(err)
	}
	before := r.Snapshot()
	if _, err := r.UpdateOrder(ctx, "O1", func(o *Order) error { o.Status = StatusRefunded; return nil }); err != nil {
		t.Fatal(err)
	}
	after := r.Snapshot()
	if got := after.OrderOf("alice", "O1").Status; got != StatusRefunded {
		t.Fatalf("status %s", got)
	}
	// Snapshots are immutable: a reader holding the old one still sees the old order.
	if got := before.OrderOf("alice", "O1").Status; got != StatusDepositPaid {
		t.Fatalf("the old snapshot changed under its reader: %s", got)
	}
	// A refund re-indexes nothing: the catalog and its index are shared.
	if after.Catalog != before.Catalog || reflect.ValueOf(after.skuIdx).Pointer() != reflect.ValueOf(before.skuIdx).Pointer() ||
		after.CatalogAt != before.CatalogAt || after.OrdersAt != before.OrdersAt {
		t.Fatal("an order update rebuilt the catalog's index or lost the import times")
	}
	// A failing change leaves the order as it was.
	if _, err := r.UpdateOrder(ctx, "O1", func(o *Order) error { o.Status = StatusPaid; return errors.New("no") }); err == nil {
		t.Fatal("want error")
	}
	r2 := newTestRepo(kv)
	if err := r2.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if got := r2.Snapshot().OrderOf("alice", "O1").Status; got != StatusRefunded {
		t.Fatalf("patch lost on reload: %s", got)
	}
	// A re-import is the shop's truth again.
	if _, err := r2.ImportOrders(ctx, strings.NewReader(repoOrders)); err != nil {
		t.Fatal(err)
	}
	if got := r2.Snapshot().OrderOf("alice", "O1").Status; got != StatusDepositPaid {
		t.Fatalf("reimport status %s", got)
	}
	if _, err := r2.UpdateOrder(ctx, "nope", func(*Order) error { return nil }); err == nil {
		t.Fatal("unknown order updated")
	}
}
