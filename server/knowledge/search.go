package knowledge

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Hit is one search result.
type Hit struct {
	Kind  Kind    `json:"kind"`
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
	// OnSubject (with SearchOptions.IgnoreUnknownWords only): the query matches
	// the document's title, tags, ids or attributes, what it is about, and not
	// only a word of its body.
	OnSubject bool `json:"-"`
}

// SearchOptions narrow a search. Zero values mean all kinds and DefaultLimit hits.
type SearchOptions struct {
	Kinds []Kind
	Limit int
	// IgnoreUnknownWords scores hits for judging whether the best one answers the
	// question rather than for ranking (confidence.go): words that no document
	// contains (filler, chat, a typo nothing rescues) are left out of the query,
	// so a long chatty question scores like its short form; numbers alone find
	// nothing; hits are marked OnSubject. By default every word of the query
	// counts in the coordination, which ranks alike but scores long questions low.
	IgnoreUnknownWords bool
}

const (
	DefaultLimit = 5
	MaxLimit     = 50
	// maxQueryRunes bounds the work one query can cause; customers' questions are
	// far shorter, and a pasted essay is still searched by its beginning.
	maxQueryRunes = 200
)

// Search finds the products, FAQs and policies that best answer q, best first.
// It never panics (a panic inside bleve is returned as an error and schedules a
// repair). Before the first build it returns ErrNotReady. While the Chinese
// dictionary is still loading, it searches with bigrams only (the index holds
// them next to the words): a little less precise, never blocked.
func (ix *Index) Search(ctx context.Context, q string, opts SearchOptions) (hits []Hit, err error) {
	defer func() {
		if r := recover(); r != nil {
			hits, err = nil, fmt.Errorf("knowledge: search panicked: %v", r)
			ix.scheduleRepair(err)
		}
	}()
	q = truncateRunes(strings.TrimSpace(q), maxQueryRunes)
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, ErrClosed
	}
	g := ix.cur
	if g == nil {
		return nil, ErrNotReady
	}
	if q == "" {
		return nil, nil
	}
	bq, subject, err := ix.buildQuery(ctx, g, q, opts.Kinds, opts.IgnoreUnknownWords)
	if err != nil || bq == nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{fieldDisplay}
	// Ties broken by id: segment order differs from build to build, and the same
	// question must get the same answer (and the same suggestions) every time.
	req.SortBy([]string{"-_score", "_id"})
	if ix.prof.bm25 {
		req.PreSearchData = map[string]interface{}{search.BM25PreSearchDataKey: bm25Stats(g.meta)}
	}
	res, err := g.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("knowledge: search: %w", ctx.Err())
		}
		ix.scheduleRepair(err)
		return nil, fmt.Errorf("knowledge: search: %w", err)
	}
	hits = make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		kind, id := splitDocID(h.ID)
		title, _ := h.Fields[fieldDisplay].(string)
		hits = append(hits, Hit{Kind: kind, ID: id, Title: title, Score: h.Score})
	}
	if subject != nil && len(res.Hits) > 0 {
		if err := ix.markOnSubject(ctx, g, subject, res.Hits, hits); err != nil {
			return nil, err
		}
	}
	return hits, nil
}

// markOnSubject sets OnSubject on the hits that the subject clauses match.
func (ix *Index) markOnSubject(ctx context.Context, g *generation, subject query.Query, found search.DocumentMatchCollection, hits []Hit) error {
	ids := make([]string, len(found))
	for i, h := range found {
		ids[i] = h.ID
	}
	// A conjunction, not a filter: the few ids drive it, where a filter would
	// run the subject clauses over every document they match.
	q := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), subject})
	res, err := g.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(ids), 0, false))
	if err != nil {
		return fmt.Errorf("knowledge: search: %w", err)
	}
	on := make(map[string]bool, len(res.Hits))
	for _, h := range res.Hits {
		on[h.ID] = true
	}
	for i, h := range found {
		hits[i].OnSubject = on[h.ID]
	}
	return nil
}

// bm25Stats gives bleve the real average field lengths (see fieldLengths). Bleve
// takes an average length as "cardinality ÷ documents", rounded up.
func bm25Stats(m meta) *search.BM25Stats {
	n := max(m.Docs, 1)
	card := map[string]int{}
	// "*" is what bleve asks for a filter clause that scores nothing.
	for _, f := range []string{fieldKind, fieldTitle, fieldTags, fieldBody, fieldIDs, fieldAttrs, "*"} {
		avg := m.AvgLen[f]
		if avg < 1 {
			avg = 1 // keyword fields: one term per value
		}
		card[f] = int(avg * float64(n))
	}
	return &search.BM25Stats{DocCount: float64(n), FieldCardinality: card}
}

func truncateRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
