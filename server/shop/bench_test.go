package shop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// writeLargeCatalog writes a valid catalog of n products shaped like a real shop's:
// bilingual titles and descriptions, tags, three skus with attributes, and a size
// chart on every fifth product (about 650 bytes a product).
func writeLargeCatalog(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprint(bw, `{"currency":"CNY","products":[`)
	colors := []string{"black", "white", "blue"}
	for i := range n {
		if i > 0 {
			_ = bw.WriteByte(',') // bufio keeps the first error; Flush reports it
		}
		fmt.Fprintf(bw, `{"id":"p-%d","title":"轻量透气跑步鞋 第%d款 Lightweight Runner %d","brand":"疾风 Gale","category":"cat-%d",`+
			`"description":"网面鞋面，回弹中底，适合日常慢跑与通勤。Breathable mesh upper and a responsive midsole for daily runs.",`+
			`"tags":["跑鞋","running","透气"],"lang":"zh","membership_eligible":true,"subsidy_eligible":%t,`,
			i, i, i, i%40, i%7 == 0)
		if i%5 == 0 {
			fmt.Fprint(bw, `"size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":240},{"size":"39","foot_mm":245},{"size":"40","foot_mm":250}]},`)
		}
		fmt.Fprint(bw, `"skus":[`)
		for j, c := range colors {
			if j > 0 {
				_ = bw.WriteByte(',')
			}
			fmt.Fprintf(bw, `{"id":"s-%d-%s","price":%d,"stock":%d,"attributes":{"color":"%s","size":"%d"}}`, i, c, 19900+i%500*100, i%50, c, 38+j)
		}
		fmt.Fprint(bw, `]}`)
	}
	fmt.Fprint(bw, `],"promotions":[{"id":"pr-1","type":"item_discount","percent_off":10,"product_ids":["p-0","p-1"]}]}`)
	return bw.Flush()
}

func largeCatalog(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := writeLargeCatalog(&b, n); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// BenchmarkDecodeCatalog100k decodes and validates a 100,000-product catalog.
// go test -run '^$' -bench DecodeCatalog100k -benchtime 3x ./server/shop
func BenchmarkDecodeCatalog100k(b *testing.B) {
	doc := largeCatalog(b, 100_000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cat, err := DecodeCatalog(bytes.NewReader(doc))
		if err != nil {
			b.Fatal(err)
		}
		if len(cat.Products) != 100_000 {
			b.Fatalf("%d products", len(cat.Products))
		}
	}
	b.ReportMetric(float64(len(doc))/(1<<20), "doc-MiB")
}

// BenchmarkUnmarshalWhole100k is the yardstick: encoding/json on the whole text
// already in memory, with no validation and no paths.
func BenchmarkUnmarshalWhole100k(b *testing.B) {
	doc := largeCatalog(b, 100_000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var c Catalog
		if err := json.Unmarshal(doc, &c); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeLargeCatalogMemory streams a large catalog from a generator (the
// text never exists in memory as a whole) and samples the heap while decoding: the
// peak must stay near what the decoded catalog itself needs, not several copies of
// the document.
func TestDecodeLargeCatalogMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("large document")
	}
	const n = 30_000 // ~19 MiB; BenchmarkDecodeCatalog100k has the full size
	var docBytes atomic.Int64
	pr, pw := io.Pipe()
	go func() {
		cw := &countingWriter{w: pw, n: &docBytes}
		pw.CloseWithError(writeLargeCatalog(cw, n))
	}()

	// With a low GC target the sampled heap is what decoding really keeps, not
	// garbage the collector was allowed to leave (by default up to the live size).
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	base := heapObjects()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // sample the heap every millisecond while decoding
		defer close(done)
		for {
			if h := heapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	start := time.Now()
	cat, err := DecodeCatalog(pr)
	elapsed := time.Since(start)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	live := heapObjects() - base
	runtime.KeepAlive(cat)

	doc := uint64(docBytes.Load())
	pk := peak.Load() - base
	t.Logf("document %.1f MiB, decoded in %v; live after decode %.1f MiB, sampled peak heap %.1f MiB",
		mib(doc), elapsed.Round(time.Millisecond), mib(live), mib(pk))
	if len(cat.Products) != n {
		t.Fatalf("%d products", len(cat.Products))
	}
	// What decoding needs beyond its result is the products array twice at the end
	// (the chunks and the joined slice), the decoder's buffer and one element's
	// bytes, plus the 10% the GC may leave; holding the text (or a token tree, or a
	// generic map) besides the result would add at least the document's size.
	if extra := pk - min(pk, live); extra >= doc {
		t.Fatalf("peak heap %.1f MiB is %.1f MiB above the decoded result (%.1f MiB) for a %.1f MiB document",
			mib(pk), mib(extra), mib(live), mib(doc))
	}
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
