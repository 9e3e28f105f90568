package agent

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/shop"
)

func TestNameIndexFindsEveryNameInTextOrder(t *testing.T) {
	ps := []shop.Product{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	x := newNameIndex(ps, 0)
	x.add("甲乙丙", 0)
	x.add("甲乙", 1)
	x.add("乙丙丁", 2)
	x.add("甲", 2) // one rune: no name
	x.seal()
	got := ""
	for _, h := range x.in("说甲乙丙丁吧") {
		got += fmt.Sprintf("%d:%s:%s ", h.pos, h.key, h.prod.ID)
	}
	// At one position the names come in the order they were added, not by length.
	if want := "3:甲乙丙:a 3:甲乙:b 6:乙丙丁:c "; got != want {
		t.Fatalf("hits = %q, want %q", got, want)
	}
	if hits := x.in("甲"); len(hits) != 0 {
		t.Fatalf("a text shorter than any name found %v", hits)
	}
}

// Equal keys keep the order they were added in, and at one position names of all
// lengths come in that order too: the sealed index sorts by key, stably.
func TestNameIndexKeepsTheOrderAddedAcrossEqualKeys(t *testing.T) {
	ps := []shop.Product{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	x := newNameIndex(ps, 0)
	x.add("星河", 3)
	x.add("星河臻选", 0)
	x.add("星河", 1)
	x.add("星河臻选", 2)
	x.seal()
	got := ""
	for _, h := range x.in("星河臻选") {
		got += fmt.Sprintf("%s:%s ", h.key, h.prod.ID)
	}
	if want := "星河:d 星河臻选:a 星河:b 星河臻选:c "; got != want {
		t.Fatalf("hits = %q, want %q", got, want)
	}
}

// The sealed index finds what a scan of every name at every position finds, in
// the same order, over keys that share long starts (the search for a longer key
// starts where the shorter one's ended, and stops when no key starts as the text).
func TestNameIndexFindsWhatAScanFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	word := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = []rune("甲乙丙ab")[rng.IntN(5)]
		}
		return string(rs)
	}
	ps := make([]shop.Product, 50)
	for i := range ps {
		ps[i].ID = fmt.Sprint(i)
	}
	x := newNameIndex(ps, 0)
	var keys []titleKey
	for range 300 {
		k := titleKey{key: word(1 + rng.IntN(6)), prod: rng.IntN(len(ps))}
		x.add(k.key, k.prod)
		if utf8.RuneCountInString(k.key) >= 2 {
			keys = append(keys, k)
		}
	}
	x.seal()
	for range 200 {
		text := word(rng.IntN(12))
		var want []string
		for at := range text {
			for _, k := range keys {
				if strings.HasPrefix(text[at:], k.key) {
					want = append(want, fmt.Sprintf("%d:%s:%d", at, k.key, k.prod))
				}
			}
		}
		var got []string
		for _, h := range x.in(text) {
			got = append(got, fmt.Sprintf("%d:%s:%s", h.pos, h.key, h.prod.ID))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("in(%s) = %v, want %v", text, got, want)
		}
	}
}

func TestNameIndexReadOnlySealed(t *testing.T) {
	x := newNameIndex(nil, 0)
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", what)
			}
		}()
		f()
	}
	mustPanic("a read before seal", func() { x.in("甲乙") })
	x.seal()
	mustPanic("an add after seal", func() { x.add("甲乙", 0) })
	if hits := x.in("甲乙"); len(hits) != 0 {
		t.Errorf("an empty index found %v", hits)
	}
}

func TestKeysForIgnoresAStartThatTooManyWordsShare(t *testing.T) {
	latin := map[string][]int32{"series": {0}, "serial": {1}}
	for i := range maxPrefixKeys + 1 {
		latin[fmt.Sprintf("series%d", i)] = []int32{int32(i)}
	}
	w := &catalogWords{latin: newPostings(latin)}
	if got := w.keysFor("series"); len(got) != 1 || got[0] != "series" {
		t.Fatalf("keysFor(series) = %d keys, want only itself", len(got))
	}
	if got := w.keysFor("seria"); len(got) != 1 || got[0] != "serial" {
		t.Fatalf("keysFor(seria) = %v, want [serial]", got)
	}
}

// A description's capitalised word is a name it mentions ("fits the Beta"): it does
// not spread the name; written in lower case, a word counts.
func TestLatinSpreadCountsOnlyNameWordsAcrossTitleTagsAndDescription(t *testing.T) {
	ps := []shop.Product{
		{Title: "Alpha Runner", Description: "light and quick, fits the Beta"},
		{Title: "Beta Walker", Tags: []string{"runner"}, Description: "quick, alpha grade"},
	}
	names := map[string]bool{"alpha": true, "runner": true, "beta": true}
	got := latinSpread(ps, func(w string) bool { return names[w] })
	want := map[string]int{"alpha": 2, "runner": 2, "beta": 1}
	for w, n := range want {
		if got[w] != n {
			t.Errorf("spread[%s] = %d, want %d", w, got[w], n)
		}
	}
	if n, ok := got["quick"]; ok {
		t.Errorf("a description word no name has is kept (%d)", n)
	}
}

func TestPostingsKeepEachWordsPositions(t *testing.T) {
	byWord := map[string][]int32{"a": {0, 2}, "b": {1}, "c": {0, 1, 2}}
	p := newPostings(byWord)
	for w, want := range byWord {
		if got := p.of(w); !slices.Equal(got, want) || !p.has(w) {
			t.Errorf("of(%s) = %v, want %v", w, got, want)
		}
	}
	if p.has("d") || p.of("d") != nil {
		t.Error("a word never added is found")
	}
}
