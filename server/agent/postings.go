package agent

import (
	"maps"
	"slices"
)

// postings maps words to catalogue positions, all positions in one slice and the
// words one sorted list found by halves: a map of small slices costs a slice
// header and an allocation per word, a map of spans a slot and a string per word,
// and a 100k-product catalogue has hundreds of thousands of title words (plugin
// RSS is a goal, #18).
type postings struct {
	words wordList
	from  []uint32 // the positions of words.at(i) are ids[from[i]:from[i+1]]
	ids   []int32
}

// newPostings compacts byWord.
func newPostings(byWord map[string][]int32) *postings {
	keys := slices.Sorted(maps.Keys(byWord))
	p := &postings{words: newWordList(keys), from: make([]uint32, len(keys)+1)}
	n := 0
	for _, ids := range byWord {
		n += len(ids)
	}
	p.ids = make([]int32, 0, n)
	for i, k := range keys {
		p.ids = append(p.ids, byWord[k]...)
		p.from[i+1] = uint32(len(p.ids)) //nolint:gosec // a catalogue's postings are far below 2^32
	}
	return p
}

// of is the positions carrying word, in catalogue order.
func (p *postings) of(word string) []int32 {
	i, ok := p.words.find(word)
	if !ok {
		return nil
	}
	return p.ids[p.from[i]:p.from[i+1]]
}

func (p *postings) has(word string) bool { return p.words.has(word) }

// wordCounts are numbers kept per word, 0 for a word without: those of a word
// list's words in an array aligned with it, the few others in a map.
type wordCounts struct {
	words wordList
	n     []int32
	rest  map[string]int32
}

// newWordCounts keeps counts (none 0) along words.
func newWordCounts(words wordList, counts map[string]int) *wordCounts {
	c := &wordCounts{words: words, n: make([]int32, words.len()), rest: map[string]int32{}}
	for w, n := range counts {
		if i, ok := words.find(w); ok {
			c.n[i] = int32(n) //nolint:gosec // counts of products, far below 2^31
		} else {
			c.rest[w] = int32(n) //nolint:gosec // as above
		}
	}
	return c
}

func (c *wordCounts) of(word string) int {
	if i, ok := c.words.find(word); ok {
		return int(c.n[i])
	}
	return int(c.rest[word])
}

// update replaces each count but 0 by what f makes of it.
func (c *wordCounts) update(f func(word string, n int) int) {
	for i, n := range c.n {
		if n != 0 {
			c.n[i] = int32(f(c.words.at(i), int(n))) //nolint:gosec // as above
		}
	}
	for w, n := range c.rest {
		c.rest[w] = int32(f(w, int(n))) //nolint:gosec // as above
	}
}
