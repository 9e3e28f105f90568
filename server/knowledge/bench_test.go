package knowledge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/go-ego/gse"

	"github.com/concierge-shop/concierge/server/shop"
)

// The comparison profiles: bleve's cjk analyzer (bigrams, no dictionary), our
// pipeline with bigrams instead of words, and our pipeline with gse's full zh_s
// dictionary instead of the trimmed one.
var (
	cjkProfile    = profile{name: "bleve cjk", text: cjk.AnalyzerName}
	bigramProfile = profile{name: "ours, bigram words", text: "gram", bm25: true, fuzzy: true, extras: true}
	fullProfile   = profile{name: "ours, gse full zh_s", text: "zh", bm25: true, fuzzy: true, extras: true, wordDict: "full", bigrams: true}
)

func init() {
	segmenters["full"] = newSegmenter("full", func(s *gse.Segmenter) error {
		if err := s.LoadDictEmbed("zh_s"); err != nil {
			return err
		}
		if s.Dict == nil || s.Dict.NumTokens() < 100000 {
			return errors.New("gse's zh_s is not embedded (built with -tags ne)")
		}
		return s.LoadDictStr(zhDomainDict)
	})
}

// BenchmarkKnowledge prints, in one run, the figures of the knowledge index:
//
//	go test -run '^$' -bench Knowledge -benchtime=1x ./server/knowledge/
//
// KB_PRODUCTS sets the size of the generated catalog (default 100000).
func BenchmarkKnowledge(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("KB_PRODUCTS")); err == nil && v > 0 {
		n = v
	}
	for i := 0; i < b.N; i++ {
		runBench(b, n)
	}
}

func runBench(b *testing.B, n int) {
	ctx := context.Background()
	qs := loadQuestions(b)
	fmt.Printf("\n== knowledge benchmark: %d generated products + fixture, %d labelled questions, GOMAXPROCS=%d, load average %s\n",
		n, len(qs), runtime.GOMAXPROCS(0), loadAverage())
	fmt.Println("   (wall-clock figures depend on what else runs on the machine; docs/cpu-s does not)")

	// 1. Dictionary load, before anything else is in memory.
	trim, err := measureDict(segmenters["trim"])
	if err != nil {
		b.Fatal(err)
	}

	// 2. Build, latency and recall on the big catalog: ours vs standard.
	big := bigSnapshot(b, n)
	docs := len(big.Catalog.Products) + len(big.Catalog.FAQs) + len(big.Catalog.Policies)
	held := loadHeldOut(b)
	fmt.Printf("\n%-22s %8s %11s %15s %8s %8s %8s %9s %7s %9s\n", fmt.Sprintf("%dk catalog", n/1000), "docs/s", "docs/cpu-s",
		"RSS→peak", "on disk", "p50", "p99", "recall@3", "MRR", "held-out")
	for _, p := range []profile{production, bigramProfile, standardProfile} {
		dir := b.TempDir()
		ix, err := openProfile(ctx, dir, &testLogger{}, nil, p)
		if err != nil {
			b.Fatal(err)
		}
		settle()
		base := currentRSS()
		resetPeakRSS()
		t0, c0 := time.Now(), cpuTime()
		if err := ix.Rebuild(ctx, big); err != nil {
			b.Fatal(err)
		}
		took, cpu := time.Since(t0), cpuTime()-c0
		peak := peakRSS()
		p50, p99 := latency(b, ix, benchQueries(qs, big))
		r, h := evaluate(b, ix, qs), evaluate(b, ix, held)
		printMisses(p, r)
		fmt.Printf("%-22s %8.0f %11.0f %6.0fM→%6.0fM %7.0fM %8s %8s %9.3f %7.3f %9.3f\n", p.name, float64(docs)/took.Seconds(),
			float64(docs)/cpu.Seconds(), float64(base)/(1<<20), float64(peak)/(1<<20), float64(dirSize(dir))/(1<<20),
			p50.Round(10*time.Microsecond), p99.Round(10*time.Microsecond), r.recall3, r.mrr, h.recall3)
		_ = ix.Close()
	}
	big = nil

	// 3. Recall on the fixture alone, for every analysis.
	full, err := measureDict(segmenters["full"])
	analyses := []profile{production, fullProfile, bigramProfile, cjkProfile, standardProfile}
	if err != nil {
		fmt.Println("\n(no full-dictionary comparison:", err.Error()+")")
		analyses = slices.DeleteFunc(analyses, func(p profile) bool { return p.wordDict == "full" })
	}
	fmt.Printf("\n%-22s %9s %7s   %s\n", "fixture only", "recall@3", "MRR", "recall@3 by category")
	for _, p := range analyses {
		ix := buildIndex(b, p, fixtureSnapshot(b))
		r := evaluate(b, ix, qs)
		fmt.Printf("%-22s %9.3f %7.3f   %s\n", p.name, r.recall3, r.mrr, byCategory(b, ix, qs))
		printMisses(p, r)
		_ = ix.Close()
	}
	if len(held) > 0 {
		fmt.Printf("\nheld-out questions, fixture only (%d, written after tuning)\n", len(held))
		for _, p := range analyses {
			ix := buildIndex(b, p, fixtureSnapshot(b))
			r := evaluate(b, ix, held)
			fmt.Printf("%-22s %9.3f %7.3f\n", p.name, r.recall3, r.mrr)
			printMisses(p, r)
			_ = ix.Close()
		}
	}

	fmt.Printf("\n%-22s %9s %10s %9s\n", "dictionary", "load", "heap", "peak RSS")
	for _, d := range []dictStats{trim, full} {
		if d.name == "" {
			continue
		}
		fmt.Printf("%-22s %9s %9.0fM %8.0fM\n", d.name, d.took.Round(time.Millisecond), float64(d.heap)/(1<<20), float64(d.peak)/(1<<20))
	}
	fmt.Println()
}

// printMisses lists the questions production got wrong, when KB_MISSES is set.
func printMisses(p profile, r evalResult) {
	if p.name != production.name || os.Getenv("KB_MISSES") == "" {
		return
	}
	for _, m := range r.misses {
		fmt.Println("   miss:", m)
	}
}

func byCategory(tb testing.TB, ix *Index, qs []question) string {
	cats := map[string][]question{}
	for _, q := range qs {
		cats[q.Cat] = append(cats[q.Cat], q)
	}
	names := make([]string, 0, len(cats))
	for c := range cats {
		names = append(names, c)
	}
	sort.Strings(names)
	var parts []string
	for _, c := range names {
		parts = append(parts, fmt.Sprintf("%s %.2f", c, evaluate(tb, ix, cats[c]).recall3))
	}
	return strings.Join(parts, "  ")
}

// bigSnapshot is the fixture plus n generated products.
func bigSnapshot(tb testing.TB, n int) *shop.Snapshot {
	fx := fixtureCatalog(tb)
	c := generateCatalog(n, 42)
	c.Products = append(c.Products, fx.Products...)
	c.FAQs, c.Policies = fx.FAQs, fx.Policies
	s := shop.NewSnapshot(c, nil)
	s.CatalogAt = time.Now()
	return s
}

// benchQueries: the labelled questions plus product-style queries (titles' words,
// SKU ids) drawn from the generated catalog.
func benchQueries(qs []question, snap *shop.Snapshot) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Q)
	}
	ps := snap.Catalog.Products
	for i := 0; i < 300; i++ {
		p := &ps[(i*7919)%len(ps)]
		words := strings.Fields(p.Title)
		switch i % 3 {
		case 0:
			out = append(out, strings.Join(words[len(words)-2:], " "))
		case 1:
			out = append(out, words[0]+" "+words[len(words)-1]+" 多少钱")
		default:
			out = append(out, p.SKUs[0].ID)
		}
	}
	return out
}

func latency(tb testing.TB, ix *Index, queries []string) (p50, p99 time.Duration) {
	ctx := context.Background()
	for _, q := range queries { // warm up caches and the OS page cache
		if _, err := ix.Search(ctx, q, SearchOptions{}); err != nil {
			tb.Fatal(err)
		}
	}
	var ds []time.Duration
	for round := 0; round < 3; round++ {
		for _, q := range queries {
			t0 := time.Now()
			if _, err := ix.Search(ctx, q, SearchOptions{}); err != nil {
				tb.Fatal(err)
			}
			ds = append(ds, time.Since(t0))
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], ds[len(ds)*99/100]
}

type dictStats struct {
	name       string
	took       time.Duration
	heap, peak uint64
}

func measureDict(s *segmenter) (dictStats, error) {
	settle()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	resetPeakRSS()
	t0 := time.Now()
	if _, err := s.wait(context.Background()); err != nil {
		return dictStats{}, err
	}
	took := time.Since(t0)
	peak := peakRSS()
	settle()
	runtime.ReadMemStats(&after)
	return dictStats{name: s.name, took: took, heap: after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc), peak: peak}, nil
}

// cpuTime is the CPU time this process has used (user + system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func settle() {
	runtime.GC()
	debug.FreeOSMemory()
}

// resetPeakRSS resets the kernel's high-water mark of this process (Linux).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM in bytes (0 where /proc is unavailable).
func peakRSS() uint64 { return procStatus("VmHWM:") }

// currentRSS is VmRSS in bytes.
func currentRSS() uint64 { return procStatus("VmRSS:") }

func procStatus(key string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// loadHeldOut reads the questions written after the analysis was tuned, if present.
func loadHeldOut(tb testing.TB) []question {
	if _, err := os.Stat(filepath.Join("testdata", "questions_heldout.json")); err != nil {
		return nil
	}
	return loadQuestionsFile(tb, "questions_heldout.json")
}
