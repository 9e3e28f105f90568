package shop

import (
	"io"
	"runtime"
	"sync/atomic"
	"testing"
)

// retainedCatalog decodes a generated catalog of n products streamed through a pipe
// (the text is never in memory as a whole) and indexes it, returning the heap the
// result keeps alive after a full collection and the document's size in bytes.
func retainedCatalog(tb testing.TB, n int) (heap, doc uint64) {
	tb.Helper()
	var docBytes atomic.Int64
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(writeLargeCatalog(&countingWriter{w: pw, n: &docBytes}, n))
	}()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cat, err := DecodeCatalog(pr)
	if err != nil {
		tb.Fatal(err)
	}
	snap := NewSnapshot(cat, nil)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if p := snap.Product("p-1"); p == nil || len(p.SKUs) != 3 {
		tb.Fatalf("product p-1: %+v", p)
	}
	runtime.KeepAlive(snap)
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc), uint64(docBytes.Load())
}

// TestDecodedCatalogHeap bounds what a decoded, indexed catalog keeps in memory
// relative to its JSON: SPEC §6 allows a 256 MiB import, and the snapshot lives for
// as long as the catalog is current.
func TestDecodedCatalogHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("large document")
	}
	const n = 30_000
	heap, doc := retainedCatalog(t, n)
	ratio := float64(heap) / float64(doc)
	t.Logf("%d products: document %.1f MiB, retained %.1f MiB = %d B/product, %.2f× the JSON",
		n, mib(doc), mib(heap), heap/n, ratio)
	// About 0.92× here: 1.25× with the product and sku indexes as maps and every
	// product's own tag list and size chart, 3× with a map per sku and every
	// repeated string allocated anew. The bound leaves room for the allocator, not
	// for the index maps again.
	if ratio > 1.1 {
		t.Fatalf("a decoded catalog takes %.2f× its JSON size, want at most 1.1×", ratio)
	}
}

// BenchmarkDecodedCatalogHeap100k reports the retained heap of a decoded, indexed
// 100,000-product catalog per product and as a multiple of the JSON size.
// go test -run '^$' -bench DecodedCatalogHeap100k -benchtime 1x ./server/shop
func BenchmarkDecodedCatalogHeap100k(b *testing.B) {
	const n = 100_000
	var heap, doc uint64
	for b.Loop() {
		heap, doc = retainedCatalog(b, n)
	}
	b.ReportMetric(float64(heap)/n, "B/product")
	b.ReportMetric(float64(heap)/float64(doc), "x-json")
	b.ReportMetric(mib(heap), "retained-MiB")
}
