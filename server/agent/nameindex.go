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
	byKey map[string][]titleKey
	lens  map[string][]int // first two runes → the byte lengths of the keys, ascending
	n     int32            // names added, for their order
}

func newNameIndex(size int) *nameIndex {
	return &nameIndex{byKey: make(map[string][]titleKey, size), lens: map[string][]int{}}
}

// add records key (two runes or more) as a name of p.
func (x *nameIndex) add(key string, p *shop.Product) {
	r := []rune(key)
	if len(r) < 2 {
		return
	}
	first := string(r[:2])
	x.byKey[key] = append(x.byKey[key], titleKey{key: key, prod: p, seq: x.n})
	x.n++
	if ls := x.lens[first]; !slices.Contains(ls, len(key)) {
		ls = append(ls, len(key))
		slices.Sort(ls)
		x.lens[first] = ls
	}
}

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
			for _, t := range x.byKey[rest[:l]] {
				out = append(out, titleHit{pos: at, key: t.key, prod: t.prod, seq: t.seq})
			}
		}
		slices.SortStableFunc(out[from:], func(a, b titleHit) int { return int(a.seq - b.seq) })
	}
	return out
}
