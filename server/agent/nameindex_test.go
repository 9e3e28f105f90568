package agent

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

func TestNameIndexFindsEveryNameInTextOrder(t *testing.T) {
	ps := []shop.Product{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	x := newNameIndex(0)
	x.add("甲乙丙", &ps[0])
	x.add("甲乙", &ps[1])
	x.add("乙丙丁", &ps[2])
	x.add("甲", &ps[2]) // one rune: no name
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

func TestKeysForIgnoresAStartThatTooManyWordsShare(t *testing.T) {
	latin := map[string][]int32{"series": {0}, "serial": {1}}
	for i := range maxPrefixKeys + 1 {
		latin[fmt.Sprintf("series%d", i)] = []int32{int32(i)}
	}
	w := &catalogWords{latinKeys: slices.Sorted(maps.Keys(latin))}
	w.latin = newPostings(latin, w.latinKeys)
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
	p := newPostings(byWord, slices.Sorted(maps.Keys(byWord)))
	for w, want := range byWord {
		if got := p.of(w); !slices.Equal(got, want) || !p.has(w) {
			t.Errorf("of(%s) = %v, want %v", w, got, want)
		}
	}
	if p.has("d") || p.of("d") != nil {
		t.Error("a word never added is found")
	}
}
