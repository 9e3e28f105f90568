package agent

import (
	"slices"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/shop"
)

// nameIndex finds the product names (folded title keys, unique tags) that occur
// in a folded message. Names are kept by their whole key, and per first two runes
// the lengths such names have: a message is read by looking each of its positions
// up once per length, not by testing every name that starts like it (a generated
// catalogue's thousands of titles share their first word, and a scan of them per
// position was most of a price question's time at 100k products).
type nameIndex struct {
	entries []titleKey       // in the order added
	first   map[string]int32 // key → its first entry; titleKey.next links the rest
	lens    map[string][]int // first two runes → the byte lengths of the keys, ascending
}

func newNameIndex(size int) *nameIndex {
	return &nameIndex{first: make(map[string]int32, size), lens: map[string][]int{}}
}

// add records key (two runes or more) as a name of p.
func (x *nameIndex) add(key string, p *shop.Product) {
	r := []rune(key)
	if len(r) < 2 {
		return
	}
	n := int32(len(x.entries)) //nolint:gosec // a catalogue is far below 2^31 names
	x.entries = append(x.entries, titleKey{key: key, prod: p, next: -1})
	if i, ok := x.first[key]; ok {
		for x.entries[i].next >= 0 {
			i = x.entries[i].next
		}
		x.entries[i].next = n
	} else {
		x.first[key] = n
	}
	first := string(r[:2])
	if ls := x.lens[first]; !slices.Contains(ls, len(key)) {
		ls = append(ls, len(key))
		slices.Sort(ls)
		x.lens[first] = ls
	}
}

// seal drops the spare capacity the entries grew with: the index lives as long
// as its catalogue.
func (x *nameIndex) seal() { x.entries = slices.Clone(x.entries) }

// in is every name in folded with where it starts, in text order and, at one
// position, in the order the names were added.
func (x *nameIndex) in(folded string) []titleHit {
	var out []titleHit
	for at := range folded {
		rest := folded[at:]
		_, n1 := utf8.DecodeRuneInString(rest)
		if n1 >= len(rest) {
			continue
		}
		_, n2 := utf8.DecodeRuneInString(rest[n1:])
		second := n1 + n2 // the end of rest's first two runes
		from := len(out)
		for _, l := range x.lens[rest[:second]] {
			if l > len(rest) {
				break
			}
			i, ok := x.first[rest[:l]]
			for ; ok && i >= 0; i = x.entries[i].next {
				t := &x.entries[i]
				out = append(out, titleHit{pos: at, key: t.key, prod: t.prod, seq: i})
			}
		}
		slices.SortStableFunc(out[from:], func(a, b titleHit) int { return int(a.seq - b.seq) })
	}
	return out
}
