package shop

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/concierge-shop/concierge/server/store"
)

// clusterLock is the cluster mutex two nodes share; it says when someone has to
// wait for it, so a test can tell "blocked" from "not there yet" without sleeping.
type clusterLock struct {
	mu        sync.Mutex
	contended chan struct{}
}

func newClusterLock() *clusterLock { return &clusterLock{contended: make(chan struct{}, 1)} }

func (l *clusterLock) LockWithContext(context.Context) error {
	if l.mu.TryLock() {
		return nil
	}
	select {
	case l.contended <- struct{}{}:
	default:
	}
	l.mu.Lock()
	return nil
}

func (l *clusterLock) Unlock() { l.mu.Unlock() }

// hookKV is the in-memory KV with a hook run once, on the first key listing after
// the orders pointer moved: in an import, the moment between publishing the new
// orders and clearing the old refund patches.
type hookKV struct {
	*store.Memory
	mu        sync.Mutex
	published bool
	hook      func()
}

func (k *hookKV) CompareAndSet(key string, oldValue, newValue []byte) (bool, error) {
	ok, err := k.Memory.CompareAndSet(key, oldValue, newValue)
	if ok && key == ordersPtrKey {
		k.mu.Lock()
		k.published = true
		k.mu.Unlock()
	}
	return ok, err
}

func (k *hookKV) KeysWithPrefix(prefix string) ([]string, error) {
	k.mu.Lock()
	hook := k.hook
	if !k.published {
		hook = nil
	}
	if hook != nil {
		k.hook = nil
	}
	k.mu.Unlock()
	if hook != nil {
		hook()
	}
	return k.Memory.KeysWithPrefix(prefix)
}

// The same order, re-imported with a changed deposit: the mark of the new document.
var reimportedOrders = strings.Replace(repoOrders, `"amount":5000`, `"amount":4000`, 1)

func isReimported(o *Order) bool { return o != nil && o.Deposit != nil && o.Deposit.Amount == 4000 }

// twoNodes sets up a cluster of two nodes on one KV store, with the catalog and the
// first orders imported by node a and loaded by node b.
func twoNodes(t *testing.T, kv store.KV) (a, b *Repo) {
	t.Helper()
	ctx := context.Background()
	lock := newClusterLock()
	a = NewRepo(kv, lock, nextID)
	b = NewRepo(kv, lock, nextID)
	for _, r := range []*Repo{a, b} {
		if err := r.Load(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.ImportCatalog(ctx, strings.NewReader(repoCatalog)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportOrders(ctx, strings.NewReader(repoOrders)); err != nil {
		t.Fatal(err)
	}
	if err := b.Load(ctx); err != nil {
		t.Fatal(err)
	}
	return a, b
}

var idN atomic.Int64

func nextID() string { return "g" + strconv.FormatInt(idN.Add(1), 10) }

// stored is what a node starting now would serve for O1.
func stored(t *testing.T, kv store.KV) Order {
	t.Helper()
	r := NewRepo(kv, newClusterLock(), nextID)
	if err := r.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return *r.Snapshot().OrderOf("alice", "O1")
}

// runUntilBlocked starts fn and returns once it has finished or is waiting for the
// cluster lock; fn's error arrives on the channel.
func runUntilBlocked(lock *clusterLock, fn func() error) <-chan error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done: // nothing held it back
		done <- err
	case <-lock.contended: // it waits for the lock holder
	}
	return done
}

func refund(o *Order) error {
	o.Status = StatusRefunded
	return nil
}

// A refund on node a while node b imports the orders: the refund's copy of the old
// order must not be written over the newly imported one.
func TestRefundDuringAnImportDoesNotRestoreTheOldOrder(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	a, b := twoNodes(t, kv)
	lock := a.lock.(*clusterLock)
	var imported <-chan error
	if _, err := a.UpdateOrder(ctx, "O1", func(o *Order) error {
		// The import runs now, between the refund reading the order and writing it.
		imported = runUntilBlocked(lock, func() error {
			_, err := b.ImportOrders(ctx, strings.NewReader(reimportedOrders))
			return err
		})
		return refund(o)
	}); err != nil {
		t.Fatal(err)
	}
	if err := <-imported; err != nil {
		t.Fatal(err)
	}
	if got := stored(t, kv); !isReimported(&got) || got.Status != StatusDepositPaid {
		t.Fatalf("stored O1 %+v: want the re-imported order, not the old one refunded", got)
	}
	if got := b.Snapshot().OrderOf("alice", "O1"); !isReimported(got) || got.Status != StatusDepositPaid {
		t.Fatalf("the importing node serves %+v", got)
	}
}

// A refund on node a in the moment after node b published new orders but before it
// cleared the old refund patches: the refund applies to the new order and is kept.
func TestImportKeepsARefundMadeAsItFinishes(t *testing.T) {
	ctx := context.Background()
	kv := &hookKV{Memory: store.NewMemory()}
	a, b := twoNodes(t, kv)
	lock := a.lock.(*clusterLock)
	var refunded <-chan error
	kv.mu.Lock()
	kv.published = false
	kv.hook = func() {
		refunded = runUntilBlocked(lock, func() error {
			_, err := a.UpdateOrder(ctx, "O1", refund)
			return err
		})
	}
	kv.mu.Unlock()
	if _, err := b.ImportOrders(ctx, strings.NewReader(reimportedOrders)); err != nil {
		t.Fatal(err)
	}
	if err := <-refunded; err != nil {
		t.Fatal(err)
	}
	if got := stored(t, kv); !isReimported(&got) || got.Status != StatusRefunded {
		t.Fatalf("stored O1 %+v: want the re-imported order, refunded", got)
	}
	if got := a.Snapshot().OrderOf("alice", "O1"); !isReimported(got) || got.Status != StatusRefunded {
		t.Fatalf("the refunding node serves %+v", got)
	}
}

// A refund on one node is announced, and another node serves it at once.
func TestAnotherNodeServesARefundAtOnce(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	a, b := twoNodes(t, kv)
	var announced []string
	a.OnOrderChanged = func(id string) { announced = append(announced, id) }
	if _, err := a.UpdateOrder(ctx, "O1", refund); err != nil {
		t.Fatal(err)
	}
	if len(announced) != 1 || announced[0] != "O1" {
		t.Fatalf("announced %v", announced)
	}
	if got := b.Snapshot().OrderOf("alice", "O1").Status; got != StatusDepositPaid {
		t.Fatalf("node b changed before the event: %s", got)
	}
	if err := b.ReloadOrder(ctx, "O1"); err != nil {
		t.Fatal(err)
	}
	if got := b.Snapshot().OrderOf("alice", "O1").Status; got != StatusRefunded {
		t.Fatalf("node b after the event: %s", got)
	}
	// A node that missed an import reloads everything rather than patch old orders.
	if _, err := a.ImportOrders(ctx, strings.NewReader(reimportedOrders)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UpdateOrder(ctx, "O1", refund); err != nil {
		t.Fatal(err)
	}
	if err := b.ReloadOrder(ctx, "O1"); err != nil {
		t.Fatal(err)
	}
	if got := b.Snapshot().OrderOf("alice", "O1"); !isReimported(got) || got.Status != StatusRefunded {
		t.Fatalf("node b after a missed import: %+v", got)
	}
}

// A patch left by an import that could not clear it is of an old generation: it is
// never laid over the new orders.
func TestStalePatchIsNotApplied(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	a, _ := twoNodes(t, kv)
	if _, err := a.UpdateOrder(ctx, "O1", refund); err != nil {
		t.Fatal(err)
	}
	var p orderPatch
	if _, err := store.GetJSON(kv, orderPatchPfx+"O1", &p); err != nil || p.Gen == "" {
		t.Fatalf("patch %+v (%v): want its generation", p, err)
	}
	if _, err := a.ImportOrders(ctx, strings.NewReader(reimportedOrders)); err != nil {
		t.Fatal(err)
	}
	if err := store.SetJSON(kv, orderPatchPfx+"O1", p); err != nil { // as if the clear failed
		t.Fatal(err)
	}
	if got := stored(t, kv); !isReimported(&got) || got.Status != StatusDepositPaid {
		t.Fatalf("stale patch applied: %+v", got)
	}
}
