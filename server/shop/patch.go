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

// UpdateOrder changes one order atomically. fn sees a copy; returning an error leaves
// the order unchanged.
func (r *Repo) UpdateOrder(ctx context.Context, orderID string, fn func(*Order) error) (*Order, error) {
	base := r.Snapshot()
	idx, ok := base.orderIdx[orderID]
	if !ok {
		return nil, fmt.Errorf("order %s not found", orderID)
	}
	imported := base.Orders.Orders[idx]
	updated, err := store.Update(r.kv, orderPatchPfx+orderID, func(o *Order, exists bool) (bool, error) {
		if !exists {
			*o = cloneOrder(imported)
		}
		return true, fn(o)
	})
	if err != nil {
		return nil, fmt.Errorf("update order %s: %w", orderID, err)
	}
	r.mu.Lock()
	cur := r.snap.Load()
	if i, ok := cur.orderIdx[orderID]; ok {
		r.snap.Store(cur.withOrder(i, updated))
	}
	r.mu.Unlock()
	return &updated, nil
}

func cloneOrder(o Order) Order {
	o.Items = append([]Item(nil), o.Items...)
	if o.Deposit != nil {
		d := *o.Deposit
		o.Deposit = &d
	}
	return o
}

func (r *Repo) applyPatches(ord *Orders) error {
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
		var o Order
		if _, err := store.GetJSON(r.kv, k, &o); err != nil {
			return err
		}
		if i, ok := idx[strings.TrimPrefix(k, orderPatchPfx)]; ok {
			ord.Orders[i] = o
		}
	}
	return nil
}

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
