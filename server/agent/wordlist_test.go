package agent

import (
	"slices"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

func TestWordListFindsItsWordsAndWhereOthersGo(t *testing.T) {
	words := []string{"", "a", "ab", "b", "z3", "星河"}
	l := newWordList(words)
	if l.len() != len(words) {
		t.Fatalf("len = %d, want %d", l.len(), len(words))
	}
	for i, w := range words {
		if l.at(i) != w {
			t.Errorf("at(%d) = %q, want %q", i, l.at(i), w)
		}
		if j, ok := l.find(w); !ok || j != i {
			t.Errorf("find(%q) = %d, %v, want %d, true", w, j, ok, i)
		}
	}
	for _, w := range []string{"aa", "abc", "c", "z", "星"} {
		want, _ := slices.BinarySearch(words, w)
		if i, ok := l.find(w); ok || i != want || l.has(w) {
			t.Errorf("find(%q) = %d, %v, want %d, false", w, i, ok, want)
		}
	}
	set := wordListOf(map[string]bool{"nova": true, "z3": true})
	if !set.has("nova") || !set.has("z3") || set.has("nov") || set.len() != 2 {
		t.Errorf("wordListOf kept %q", set.text)
	}
	if (wordList{}).has("a") {
		t.Error("an empty list has a word")
	}
}

// Counts of the list's words sit in the array beside it, others in the map; update
// sees each count but 0 once, wherever it is kept.
func TestWordCountsKeepCountsOfListedAndOtherWords(t *testing.T) {
	c := newWordCounts(newWordList([]string{"alpha", "beta", "gamma"}), map[string]int{"alpha": 1, "gamma": 3, "xyz": 1})
	for w, want := range map[string]int{"alpha": 1, "beta": 0, "gamma": 3, "xyz": 1, "zzz": 0} {
		if got := c.of(w); got != want {
			t.Errorf("of(%s) = %d, want %d", w, got, want)
		}
	}
	var seen []string
	c.update(func(w string, n int) int {
		seen = append(seen, w)
		if n == 1 {
			return 2
		}
		return n
	})
	slices.Sort(seen)
	if want := []string{"alpha", "gamma", "xyz"}; !slices.Equal(seen, want) {
		t.Errorf("update saw %v, want %v", seen, want)
	}
	if c.of("alpha") != 2 || c.of("xyz") != 2 || c.of("gamma") != 3 || c.of("beta") != 0 {
		t.Errorf("after update: alpha %d xyz %d gamma %d beta %d", c.of("alpha"), c.of("xyz"), c.of("gamma"), c.of("beta"))
	}
}

// Compacted, each list keeps its products and order, and an append to one does
// not write into the next.
func TestCompactListsKeepsEachListApart(t *testing.T) {
	ps := make([]shop.Product, 4)
	m := map[string][]*shop.Product{"a": {&ps[0], &ps[1]}, "b": {&ps[2]}, "c": {&ps[3], &ps[0]}}
	want := map[string][]*shop.Product{}
	for k, l := range m {
		want[k] = slices.Clone(l)
	}
	compactLists(m)
	for k, l := range want {
		if !slices.Equal(m[k], l) || cap(m[k]) != len(l) {
			t.Errorf("%s = %v (cap %d), want %v", k, m[k], cap(m[k]), l)
		}
	}
	_ = append(m["a"], &ps[3])
	for k, l := range want {
		if !slices.Equal(m[k], l) {
			t.Errorf("after an append to a: %s = %v, want %v", k, m[k], l)
		}
	}
}
