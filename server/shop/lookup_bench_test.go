package shop

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkSnapshotLookup100k times Snapshot.Product and Snapshot.SKU on a decoded
// 100,000-product catalog, ids asked in a random order (a hit per call) and ids
// that are not there.
// go test -run '^$' -bench SnapshotLookup100k ./server/shop
func BenchmarkSnapshotLookup100k(b *testing.B) {
	const n = 100_000
	cat, err := DecodeCatalog(bytes.NewReader(largeCatalog(b, n)))
	if err != nil {
		b.Fatal(err)
	}
	snap := NewSnapshot(cat, nil)
	r := rand.New(rand.NewPCG(1, 2))
	colors := []string{"black", "white", "blue"}
	pids, sids, miss := make([]string, 4096), make([]string, 4096), make([]string, 4096)
	for i := range pids {
		k := r.IntN(n)
		pids[i] = fmt.Sprintf("p-%d", k)
		sids[i] = fmt.Sprintf("s-%d-%s", k, colors[r.IntN(len(colors))])
		miss[i] = fmt.Sprintf("s-%d-red", k)
	}
	b.Run("Product", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if snap.Product(pids[i&4095]) == nil {
				b.Fatal("missing product")
			}
			i++
		}
	})
	b.Run("SKU", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if k, _ := snap.SKU(sids[i&4095]); k == nil {
				b.Fatal("missing sku")
			}
			i++
		}
	})
	b.Run("SKUMiss", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if k, _ := snap.SKU(miss[i&4095]); k != nil {
				b.Fatal("found a sku that is not there")
			}
			i++
		}
	})
	b.Run("Index", func(b *testing.B) {
		for b.Loop() {
			NewSnapshot(cat, nil)
		}
	})
}
