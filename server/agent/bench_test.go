package agent

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
)

// bigSnapshot is the demo catalog copied to n products (ids and titles made unique),
// with the demo orders: what a large shop costs the planner per turn.
func bigSnapshot(n int) *shop.Snapshot {
	base := demoSnap.Catalog.Products
	cat := *demoSnap.Catalog
	cat.Products = make([]shop.Product, 0, n)
	cat.Products = append(cat.Products, base...)
	for i := len(base); i < n; i++ {
		p := base[i%len(base)]
		p.ID = fmt.Sprintf("%s-%d", p.ID, i)
		p.Title = fmt.Sprintf("%s 款%d Model %d", p.Title, i, i)
		skus := make([]shop.SKU, len(p.SKUs))
		for j, k := range p.SKUs {
			k.ID = fmt.Sprintf("%s-%d", k.ID, i)
			skus[j] = k
		}
		p.SKUs = skus
		cat.Products = append(cat.Products, p)
	}
	return shop.NewSnapshot(&cat, demoSnap.Orders)
}

type noSearch struct{}

func (noSearch) Search(context.Context, string, knowledge.SearchOptions) ([]knowledge.Hit, error) {
	return nil, nil
}

func BenchmarkBuildWords100k(b *testing.B) {
	snap := bigSnapshot(100_000)
	b.ResetTimer()
	for b.Loop() {
		buildWords(snap)
	}
}

// BenchmarkCatalogWordsHeap100k reports the heap a 100k-product catalogue's words
// keep alive: they live as long as the catalogue, and the plugin's settled RSS is a
// goal. go test -tags ne -run '^$' -bench CatalogWordsHeap100k -benchtime 1x ./server/agent
func BenchmarkCatalogWordsHeap100k(b *testing.B) {
	snap := bigSnapshot(100_000)
	var heap uint64
	for b.Loop() {
		heap = retainedWords(snap)
	}
	b.ReportMetric(float64(heap)/(1<<20), "retained-MiB")
}

// retainedWords is the heap snap's words keep alive after a full collection.
func retainedWords(snap *shop.Snapshot) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	w := buildWords(snap)
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(w)
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
}

// BenchmarkPlanTurn100k: one price turn on a 100k-product catalog, words cached.
func BenchmarkPlanTurn100k(b *testing.B) {
	snap := bigSnapshot(100_000)
	d := Deps{Search: noSearch{}, Shop: fixedShop{snap}, Now: func() time.Time { return demoNow }}
	tr := turn("alice", "我平时穿38码皮鞋，疾风缓震跑鞋买多大，多少钱")
	wordsFor(snap)
	b.ResetTimer()
	for b.Loop() {
		newSession(context.Background(), d, tr).plan()
	}
}

// BenchmarkPlanGeneratedTitles100k: the loadtest's kinds of question on a 100k
// catalogue whose titles share their words (FAQs, and a price asked by a whole
// generated title): per kind, what a turn costs the planner.
func BenchmarkPlanGeneratedTitles100k(b *testing.B) {
	snap := bigSnapshot(100_000)
	d := Deps{Search: noSearch{}, Shop: fixedShop{snap}, Now: func() time.Time { return demoNow }}
	wordsFor(snap)
	qs := map[string]string{
		"faq-zh": "多久发货？几天能到？", "faq-en": "Can I return an item within 7 days for any reason?",
		"title-low": strings.ToLower(snap.Catalog.Products[54_321].Title) + " 多少钱？",
		"title":     snap.Catalog.Products[7_321].Title + " 多少钱？",
	}
	for _, name := range slices.Sorted(maps.Keys(qs)) {
		b.Run(name, func(b *testing.B) {
			tr := turn("alice", qs[name])
			for b.Loop() {
				newSession(context.Background(), d, tr).plan()
			}
		})
	}
}

// BenchmarkByModelShared: a product name whose Latin words thousands of titles
// share ("Model", a generated catalogue's series words), as the loadtest asks:
// the scores of every product carrying them, per message.
func BenchmarkByModelShared(b *testing.B) {
	snap := bigSnapshot(100_000)
	w := wordsFor(snap)
	low := strings.ToLower(snap.Catalog.Products[54_321].Title + " 多少钱？")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.byModel(low)
	}
}
