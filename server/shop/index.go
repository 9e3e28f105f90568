package shop

import (
	"cmp"
	"slices"
	"strings"
)

// The product and sku indexes are positions sorted by id, searched by halving,
// rather than maps from id to position: at 100,000 products (300,000 skus) the maps
// kept about 17 MiB alive for as long as the catalog is current — buckets, a copy of
// every id's string header and room to grow — where the sorted positions take 4 and
// 8 bytes an entry (under 3 MiB). A lookup reads a few more cache lines (a dozen or
// so comparisons instead of one hash), which no request does often enough to notice.
//
// Duplicate ids keep what the maps did: the last product (or sku) with an id is the
// one found. A validated catalog has none; a catalog built in code may.

type skuRef struct{ product, sku int32 }

// indexProducts returns the positions of ps sorted by id, one per id: the last.
func indexProducts(ps []Product) []int32 {
	idx := make([]int32, len(ps))
	for i := range idx {
		idx[i] = int32(i)
	}
	id := func(i int32) string { return ps[i].ID }
	slices.SortFunc(idx, func(a, b int32) int { return byIDThenPos(id(a), id(b), a, b) })
	return lastOfEachID(idx, id)
}

// indexSKUs returns the places of every sku of ps sorted by sku id, one per id:
// the last in document order.
func indexSKUs(ps []Product) []skuRef {
	idx := make([]skuRef, 0, skuCount(ps))
	for i := range ps {
		for j := range ps[i].SKUs {
			idx = append(idx, skuRef{int32(i), int32(j)})
		}
	}
	id := func(r skuRef) string { return ps[r.product].SKUs[r.sku].ID }
	slices.SortFunc(idx, func(a, b skuRef) int {
		// Document order is product first, then sku within it.
		return byIDThenPos(id(a), id(b), int64(a.product)<<32|int64(a.sku), int64(b.product)<<32|int64(b.sku))
	})
	return lastOfEachID(idx, id)
}

// byIDThenPos orders by id, then by position, so that equal ids stay in document
// order and the last of them is the last of its run.
func byIDThenPos[P cmp.Ordered](idA, idB string, posA, posB P) int {
	if c := strings.Compare(idA, idB); c != 0 {
		return c
	}
	return cmp.Compare(posA, posB)
}

// lastOfEachID keeps, of every run of entries with equal ids in sorted idx, the last.
func lastOfEachID[E any](idx []E, id func(E) string) []E {
	w := 0
	for i := range idx {
		if i+1 < len(idx) && id(idx[i]) == id(idx[i+1]) {
			continue
		}
		idx[w] = idx[i]
		w++
	}
	if w < len(idx) { // duplicates: do not keep the spare room alive
		return slices.Clone(idx[:w])
	}
	return idx
}

func skuCount(ps []Product) int {
	n := 0
	for i := range ps {
		n += len(ps[i].SKUs)
	}
	return n
}

// findByID returns the entry of sorted idx with that id.
func findByID[E any](idx []E, id string, idOf func(E) string) (E, bool) {
	i, ok := slices.BinarySearchFunc(idx, id, func(e E, id string) int { return strings.Compare(idOf(e), id) })
	if !ok {
		var zero E
		return zero, false
	}
	return idx[i], true
}

// Product returns the product with that id, or nil.
func (s *Snapshot) Product(id string) *Product {
	ps := s.Catalog.Products
	if i, ok := findByID(s.productIdx, id, func(i int32) string { return ps[i].ID }); ok {
		return &ps[i]
	}
	return nil
}

// SKU returns the sku and the product it belongs to, or nils.
func (s *Snapshot) SKU(id string) (*SKU, *Product) {
	ps := s.Catalog.Products
	if r, ok := findByID(s.skuIdx, id, func(r skuRef) string { return ps[r.product].SKUs[r.sku].ID }); ok {
		p := &ps[r.product]
		return &p.SKUs[r.sku], p
	}
	return nil, nil
}
