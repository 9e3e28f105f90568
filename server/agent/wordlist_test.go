package agent

import (
	"slices"
	"testing"
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
