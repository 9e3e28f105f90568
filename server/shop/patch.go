package shop

import (
	"context"
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/store"
)

// Order changes made by the plugin itself (a refunded deposit, refunded lines) are
// kept as one small record per order on top of the imported document, so that a
// refund rewrites a few hundred bytes rather than the whole orders blob. A new
// /orders import is the shop's fresh truth and clears them.
//
// A patch names the generation of the orders it was made on: one left behind by an
// import that failed to clear it, or written from a copy of the orders older than
// the stored ones, is never laid over another generation's order.

// orderPatch is the stored record: the whole changed order and its generation.
type orderPatch struct {
	Order
	Gen string `json:"patch_gen,omitempty"` // "" in patches written before generations were named
}

// appliesTo reports whether the patch was made on generation gen. A patch without a
// generation predates them; imports cleared every older one, so it is current.
func (p *orderPatch) appliesTo(gen string) bool { return p.Gen == "" || p.Gen == gen }

// UpdateOrder changes one order atomically. fn sees a copy; returning an error leaves
// the order unchanged. It holds the orders lock (see Repo), works on the stored
// generation (reloading first when another node imported since this one loaded)
// and then tells OnOrderChanged.
func (r *Repo) UpdateOrder(ctx context.Context, orderID string, fn func(*Order) error) (*Order, error) {
	unlock, err := r.lockOrders(ctx)
	if err != nil {
		return nil, err
	}
	updated, err := r.updateOrderLocked(ctx, orderID, fn)
	unlock()
	if err != nil {
		return nil, err
	}
	if r.OnOrderChanged != nil {
		r.OnOrderChanged(orderID)
	}
	return updated, nil
}

func (r *Repo) updateOrderLocked(ctx context.Context, orderID string, fn func(*Order) error) (*Order, error) {
	base, err := r.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("update order %s: %w", orderID, err)
	}
	idx, ok := base.orderIdx[orderID]
	if !ok {
		return nil, fmt.Errorf("order %s not found", orderID)
	}
	gen := base.OrdersGen
	// The snapshot's order is the imported one with this generation's patch, if any.
	imported := base.Orders.Orders[idx]
	patch, err := store.Update(r.kv, orderPatchPfx+orderID, func(p *orderPatch, exists bool) (bool, error) {
		if !exists || !p.appliesTo(gen) {
			*p = orderPatch{Order: cloneOrder(imported)}
		}
		p.Gen = gen
		return true, fn(&p.Order)
	})
	if err != nil {
		return nil, fmt.Errorf("update order %s: %w", orderID, err)
	}
	r.setOrder(gen, patch.Order)
	return &patch.Order, nil
}

// current is the snapshot, first reloaded when its orders are not the stored
// generation (another node imported, and its cluster event has not come yet).
func (r *Repo) current(ctx context.Context) (*Snapshot, error) {
	var ptr Pointer
	if _, err := store.GetJSON(r.kv, ordersPtrKey, &ptr); err != nil {
		return nil, err
	}
	if snap := r.Snapshot(); snap.OrdersGen == ptr.Gen {
		return snap, nil
	}
	if err := r.Load(ctx); err != nil {
		return nil, err
	}
	return r.Snapshot(), nil
}

// setOrder puts o in the served snapshot if that holds generation gen.
func (r *Repo) setOrder(gen string, o Order) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cur := r.snap.Load()
	if i, ok := cur.orderIdx[o.ID]; ok && cur.OrdersGen == gen {
		r.snap.Store(cur.withOrder(i, o))
	}
}

// ReloadOrder serves the stored state of one order that another node changed (its
// cluster event), so that every node shows a refund at once, not after the next
// import. A node whose orders are not the stored generation reloads them all.
func (r *Repo) ReloadOrder(ctx context.Context, orderID string) error {
	// The semaphore alone: a refund on this node must not be overtaken by this older
	// read; other nodes' writes are ordered by the cluster lock and announced anew.
	select {
	case r.ordersSem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-r.ordersSem }()
	snap, err := r.current(ctx)
	if err != nil {
		return fmt.Errorf("reload order %s: %w", orderID, err)
	}
	var p orderPatch
	ok, err := store.GetJSON(r.kv, orderPatchPfx+orderID, &p)
	if err != nil {
		return fmt.Errorf("reload order %s: %w", orderID, err)
	}
	if ok && p.appliesTo(snap.OrdersGen) {
		r.setOrder(snap.OrdersGen, p.Order)
	}
	return nil
}

func cloneOrder(o Order) Order {
	o.Items = append([]Item(nil), o.Items...)
	if o.Deposit != nil {
		d := *o.Deposit
		o.Deposit = &d
	}
	return o
}

// applyPatches lays generation gen's patches over its freshly loaded orders.
func (r *Repo) applyPatches(ord *Orders, gen string) error {
	keys, err := store.KeysWithPrefix(r.kv, orderPatchPfx)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	idx := make(map[string]int, len(ord.Orders))
	for i := range ord.Orders {
		idx[ord.Orders[i].ID] = i
	}
	for _, k := range keys {
		var p orderPatch
		if _, err := store.GetJSON(r.kv, k, &p); err != nil {
			return err
		}
		if i, ok := idx[strings.TrimPrefix(k, orderPatchPfx)]; ok && p.appliesTo(gen) {
			ord.Orders[i] = p.Order
		}
	}
	return nil
}

// clearPatches deletes every patch; the caller holds the orders lock and has just
// published a new generation, so none of them is of it.
func (r *Repo) clearPatches() error {
	keys, err := store.KeysWithPrefix(r.kv, orderPatchPfx)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := r.kv.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
