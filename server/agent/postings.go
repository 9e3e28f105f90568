package agent

// postings maps words to catalogue positions, all positions in one slice: a map of
// small slices costs a slice header and an allocation per word, and a 100k-product
// catalogue has hundreds of thousands of title words (plugin RSS is a goal).
type postings struct {
	span map[string]uint64 // word → offset<<32 | count in ids
	ids  []int32
}

// newPostings compacts byWord, keyed in the order keys gives.
func newPostings(byWord map[string][]int32, keys []string) *postings {
	p := &postings{span: make(map[string]uint64, len(byWord))}
	n := 0
	for _, ids := range byWord {
		n += len(ids)
	}
	p.ids = make([]int32, 0, n)
	for _, k := range keys {
		ids := byWord[k]
		p.span[k] = uint64(len(p.ids))<<32 | uint64(len(ids))
		p.ids = append(p.ids, ids...)
	}
	return p
}

// of is the positions carrying word, in catalogue order.
func (p *postings) of(word string) []int32 {
	s, ok := p.span[word]
	if !ok {
		return nil
	}
	off, n := s>>32, s&(1<<32-1)
	return p.ids[off : off+n]
}

func (p *postings) has(word string) bool {
	_, ok := p.span[word]
	return ok
}
