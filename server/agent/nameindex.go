package agent

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/shop"
)

// nameIndex finds the product names (folded title keys, unique tags) that occur
// in a folded message. Names are kept by their whole key, and per first two runes
// the lengths such names have: a message is read by looking each of its positions
// up once per length, not by testing every name that starts like it (a generated
// catalogue's thousands of titles share their first word, and a scan of them per
// position was most of a price question's time at 100k products).
//
// Once sealed, the names are one sorted array searched by halves, their keys one
// string end to end and their products catalogue positions: the index lives as
// long as its catalogue, and a map of 300k keys to slots, a string per key and a
// pointer per name took 29 MiB of a 100k-product catalogue's words (#18).
type nameIndex struct {
	ps    []shop.Product // the catalogue the names' positions are in
	added []titleKey     // while building: the names in the order added
	text  string         // sealed: the keys, sorted, end to end
	names []nameEntry    // sealed: by key, equal keys in the order added
	// starts are, per first two runes, the keys that start with them.
	starts map[string]nameStart
}

// nameStart is what the keys starting with two runes are: their byte lengths,
// ascending, and once sealed the names holding them, names[lo:hi].
type nameStart struct {
	lens   []int
	lo, hi int32
}

// nameEntry is a sealed name: its key is text[the previous entry's end:end].
type nameEntry struct {
	end  uint32 // where the key ends in text
	prod int32  // the product's position in ps
	seq  int32  // the order the name was added in
}

// titleKey is a product name as customers write it: the Chinese and the English
// part of a bilingual title, folded (lower case, no spaces or punctuation), and the
// position of its product in the catalogue.
type titleKey struct {
	key  string
	prod int
}

func newNameIndex(ps []shop.Product, size int) *nameIndex {
	return &nameIndex{ps: ps, added: make([]titleKey, 0, size), starts: map[string]nameStart{}}
}

// add records key (two runes or more) as a name of ps[prod]; an index takes no
// names once sealed.
func (x *nameIndex) add(key string, prod int) {
	if x.added == nil {
		panic("agent: a name added to a sealed name index")
	}
	r := []rune(key)
	if len(r) < 2 {
		return
	}
	x.added = append(x.added, titleKey{key: key, prod: prod})
	first := string(r[:2])
	if s := x.starts[first]; !slices.Contains(s.lens, len(key)) {
		s.lens = append(s.lens, len(key))
		slices.Sort(s.lens)
		x.starts[first] = s
	}
}

// seal sorts the names added by key for reading; equal keys stay in the order
// added, which in keeps.
func (x *nameIndex) seal() {
	if x.added == nil {
		return
	}
	order := make([]int32, len(x.added))
	size := 0
	for i, k := range x.added {
		order[i] = int32(i) //nolint:gosec // a catalogue is far below 2^31 names
		size += len(k.key)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(x.added[a].key, x.added[b].key) })
	var text strings.Builder
	text.Grow(size)
	x.names = make([]nameEntry, len(order))
	for i, seq := range order {
		k := x.added[seq]
		text.WriteString(k.key)
		x.names[i] = nameEntry{end: uint32(text.Len()), prod: int32(k.prod), seq: seq} //nolint:gosec // as above
	}
	x.text, x.added = text.String(), nil
	x.spanStarts()
}

// spanStarts records where the names of each start begin and end: the search
// for a key reads only those.
func (x *nameIndex) spanStarts() {
	for i := 0; i < len(x.names); {
		first := firstTwoRunes(x.key(i))
		j := i + 1
		for j < len(x.names) && strings.HasPrefix(x.key(j), first) {
			j++
		}
		s := x.starts[first]
		s.lo, s.hi = int32(i), int32(j) //nolint:gosec // a catalogue is far below 2^31 names
		x.starts[first] = s
		i = j
	}
}

// firstTwoRunes is the start of s its first two runes make.
func firstTwoRunes(s string) string {
	_, n1 := utf8.DecodeRuneInString(s)
	_, n2 := utf8.DecodeRuneInString(s[n1:])
	return s[:n1+n2]
}

// key is the key of the i-th sealed name.
func (x *nameIndex) key(i int) string {
	from := uint32(0)
	if i > 0 {
		from = x.names[i-1].end
	}
	return x.text[from:x.names[i].end]
}

// in is every name in folded with where it starts, in text order and, at one
// position, in the order the names were added.
func (x *nameIndex) in(folded string) []titleHit {
	if x.added != nil {
		panic("agent: a name index read before it is sealed")
	}
	var out []titleHit
	for at := range folded {
		rest := folded[at:]
		if at > 0 && isDigitByte(rest[0]) && isDigitByte(folded[at-1]) {
			continue // "5g" is no name inside "2.5g" (folded "25g"), nor "3" inside "13"
		}
		_, n1 := utf8.DecodeRuneInString(rest)
		if n1 >= len(rest) {
			continue
		}
		_, n2 := utf8.DecodeRuneInString(rest[n1:])
		s, ok := x.starts[rest[:n1+n2]]
		if !ok {
			continue
		}
		from := len(out)
		out = x.at(out, rest, at, s)
		slices.SortStableFunc(out[from:], func(a, b titleHit) int { return cmp.Compare(a.seq, b.seq) })
	}
	return out
}

// at appends the names rest starts with, of rest's start s, in the order of their
// keys. The keys that start rest[:l] follow each other from the first key not
// below it: the search for a longer one starts there, and ends when none does.
func (x *nameIndex) at(out []titleHit, rest string, pos int, s nameStart) []titleHit {
	lo, hi := int(s.lo), int(s.hi)
	for _, l := range s.lens {
		if l > len(rest) {
			break
		}
		want := rest[:l]
		lo = x.lowerBound(lo, hi, want)
		if lo == hi || !strings.HasPrefix(x.key(lo), want) {
			break
		}
		for i := lo; i < hi; i++ {
			k := x.key(i)
			if k != want {
				break
			}
			e := x.names[i]
			out = append(out, titleHit{pos: pos, key: k, prod: &x.ps[e.prod], seq: e.seq})
		}
	}
	return out
}

// lowerBound is the first name of names[lo:hi] whose key is not below want (hi
// if none), by halves.
func (x *nameIndex) lowerBound(lo, hi int, want string) int {
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x.key(m) < want {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
