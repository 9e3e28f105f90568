package agent

import (
	"maps"
	"slices"
	"strings"
)

// wordList is a sorted set of words kept in one string end to end, found by
// halves: the word tables of a 100k-product catalogue hold hundreds of thousands
// of words for as long as the catalogue is current, and a map of them cost a
// string and a slot each, several times their bytes (#18).
type wordList struct {
	text string
	ends []uint32 // ends[i] is where word i ends in text (it starts at ends[i-1])
}

// newWordList keeps words, which are sorted and each once.
func newWordList(words []string) wordList {
	size := 0
	for _, w := range words {
		size += len(w)
	}
	var text strings.Builder
	text.Grow(size)
	ends := make([]uint32, len(words))
	for i, w := range words {
		text.WriteString(w)
		ends[i] = uint32(text.Len()) //nolint:gosec // a catalogue's words are far below 4 GiB
	}
	return wordList{text: text.String(), ends: ends}
}

// wordListOf is the list of the words of set.
func wordListOf(set map[string]bool) wordList { return newWordList(slices.Sorted(maps.Keys(set))) }

func (l wordList) len() int { return len(l.ends) }

// at is the i-th word.
func (l wordList) at(i int) string {
	from := uint32(0)
	if i > 0 {
		from = l.ends[i-1]
	}
	return l.text[from:l.ends[i]]
}

// find is where word is, or where it would go, and whether it is there.
func (l wordList) find(word string) (int, bool) {
	lo, hi := 0, len(l.ends)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.at(m) < word {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(l.ends) && l.at(lo) == word
}

func (l wordList) has(word string) bool {
	_, ok := l.find(word)
	return ok
}
