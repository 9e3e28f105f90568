package knowledge

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Field weights: a word in a title says more about what the document is than the
// same word in a tag, and more than in the body. Bleve honours a boost on a term,
// prefix or fuzzy query only (a disjunction's is ignored), so every term carries
// its field's. A term's score is proportional to its boost, and BM25 already
// favours short fields (titles, tags), so the weights are mild. Measured
// (README.md): any title weight costs the 100k catalog a little MRR (0.916 →
// 0.908), from 1.5 the agent hands off more questions, from 2 the fixture loses
// recall. FAQ titles are questions (会不会, how long): a heavy title lifts the
// FAQs that share a question's phrasing over the one that shares its subject.
var fieldBoosts = []struct {
	field string
	boost float64
}{{fieldTitle, 1.2}, {fieldTags, 1.1}, {fieldBody, 1}}

const (
	// An id (product or SKU) names what the customer means: it outweighs words.
	// A prefix of ids weighs half (several SKUs share it).
	idBoost = 10.0
	// An attribute value (white, 42) is a hint, weaker than a word of the body.
	attrBoost  = 0.5
	fuzzyBoost = 0.6

	// A term found in more than commonShare of the documents (and in more than
	// commonMin) is "common" in that field: 容量, 手机, the concept of a whole
	// category. Its postings are long and its weight small, so it only adds to
	// the score of documents that match a rarer term, the way Lucene's
	// CommonTermsQuery does. Without this a question on a 100k-product shop reads
	// hundreds of thousands of postings (p99 40 ms instead of 7 ms), and the
	// common words drown the rare one that says what the question is about.
	// A shop with fewer than commonMin documents never has common terms.
	commonShare        = 0.01
	commonMin   uint64 = 500
)

// buildQuery ORs, per field, the query's terms in that field (bleve's
// coordination factor then favours documents that match more of them). Common
// terms only score documents that the rare terms found. It returns nil when the
// query has no searchable term (only punctuation or stop words).
//
// With skipUnknown (SearchOptions.IgnoreUnknownWords, see confidence.go) the
// words no document contains are left out, and buildQuery also returns the
// query's subject clauses (title, tags, ids, attributes), which tell the hits
// found by what they are about from those found by a word of their body.
// Otherwise, on a shop too small to have common terms, every term is kept and
// the ones that match nothing lower every document's coordination alike.
func (ix *Index) buildQuery(ctx context.Context, g *generation, q string, kinds []Kind, skipUnknown bool) (top, subject query.Query, err error) {
	p := ix.prof
	im := g.idx.Mapping()
	analyzer, titleAnalyzer := p.text, p.titleAnalyzer()
	if p.usesDict() && !p.segmenter().isReady() && p.bigrams {
		// The text fields hold bigrams next to the words.
		analyzer, titleAnalyzer = "gram", "gram_title"
	}
	q = dropContractions(q)
	words := dropSingleHan(analyze(im, analyzer, q))
	titleWords := dropSingleHan(analyze(im, titleAnalyzer, q))

	b := &queryBuilder{ctx: ctx, g: g, cutoff: max(commonMin, uint64(commonShare*float64(g.meta.Docs))), skipUnknown: skipUnknown}
	defer b.close()
	for _, fb := range fieldBoosts {
		terms := words
		if fb.field == fieldTitle {
			terms = titleWords
		}
		if err := b.addTerms(fb.field, terms, fb.boost); err != nil {
			return nil, nil, err
		}
	}
	if p.fuzzy {
		if err := b.addFuzzy(words); err != nil {
			return nil, nil, err
		}
	}
	if p.extras {
		folded := fold(q)
		ids := idCandidates(folded)
		if err := b.addIDs(ids); err != nil {
			return nil, nil, err
		}
		b.named = b.named || len(ids) > 0
		if err := b.addTerms(fieldAttrs, attrCandidates(folded, words), attrBoost); err != nil {
			return nil, nil, err
		}
	}
	if top = b.query(); top == nil || skipUnknown && !b.named {
		return nil, nil, nil
	}
	subject = b.subjectQuery()
	if len(kinds) == 0 {
		return top, subject, nil
	}
	ks := make([]query.Query, len(kinds))
	for i, k := range kinds {
		t := query.NewTermQuery(string(k))
		t.SetField(fieldKind)
		ks[i] = t
	}
	filtered := query.NewBooleanQuery([]query.Query{top}, nil, nil)
	filtered.AddFilter(query.NewDisjunctionQuery(ks))
	return filtered, subject, nil
}

// queryBuilder sorts clauses into rare and common ones, looking document
// frequencies up on one reader for the whole query.
type queryBuilder struct {
	ctx         context.Context
	g           *generation
	cutoff      uint64
	skipUnknown bool
	r           index.IndexReader
	rare        []query.Query
	common      []termClause
	fuzzy       []query.Query // may match nothing, so never the only must clause
	// With skipUnknown: clauses that only add to the score (numbers), and the
	// clauses on what a document is about (all but the body's).
	scoreOnly []query.Query
	subject   []query.Query
	named     bool // a known term other than a number or a question word
}

type termClause struct {
	field, term string
	boost       float64
	df          uint64
}

func (b *queryBuilder) close() {
	if b.r != nil {
		_ = b.r.Close()
	}
}

// reader opens the index reader the whole query's lookups share.
func (b *queryBuilder) reader() (index.IndexReader, error) {
	if b.r == nil {
		adv, err := b.g.idx.Advanced()
		if err != nil {
			return nil, fmt.Errorf("knowledge: %w", err)
		}
		if b.r, err = adv.Reader(); err != nil {
			return nil, fmt.Errorf("knowledge: opening reader: %w", err)
		}
	}
	return b.r, nil
}

// df is the number of documents with term in field.
func (b *queryBuilder) df(field, term string) (uint64, error) {
	if _, err := b.reader(); err != nil {
		return 0, err
	}
	tfr, err := b.r.TermFieldReader(b.ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("knowledge: term lookup: %w", err)
	}
	n := tfr.Count()
	_ = tfr.Close()
	return n, nil
}

func (b *queryBuilder) addTerms(field string, terms []string, boost float64) error {
	if b.g.meta.Docs <= b.cutoff && !b.skipUnknown { // nothing can be common: skip the lookups
		b.rare = appendTerms(b.rare, field, terms, boost)
		return nil
	}
	var rare []string
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		n, err := b.df(field, t)
		if err != nil {
			return err
		}
		if b.skipUnknown {
			keep, err := b.keep(field, t, n, boost)
			if err != nil {
				return err
			}
			if !keep {
				continue
			}
			if n == 0 { // known in another field: counts against this one
				rare = append(rare, t)
				continue
			}
		}
		switch {
		case n == 0: // matches nothing: no clause at all
		case n > b.cutoff:
			b.common = append(b.common, termClause{field: field, term: t, boost: boost, df: n})
			// In the body a common word is weak evidence that costs as much as
			// any other to score: it helps pick the must term but never scores.
		default:
			rare = append(rare, t)
		}
	}
	b.addRare(field, appendTerms(nil, field, rare, boost)...)
	return nil
}

// query: rare clauses must match (any of them) and common ones add to the score.
// A query made of common terms only ("大容量 电饭煲") must match its least common
// term, in any field, instead: still a few thousand documents, not all of them.
func (b *queryBuilder) query() query.Query {
	must, common := b.rare, b.common
	if len(must) == 0 && len(common) > 0 {
		picked := leastCommon(common, mustTerms)
		var rest []termClause
		for _, c := range common {
			if picked[c.term] {
				must = appendTerms(must, c.field, []string{c.term}, c.boost)
			} else {
				rest = append(rest, c)
			}
		}
		common = rest
	}
	must = append(must, b.fuzzy...)
	should := b.scoreOnly
	for _, fb := range []struct {
		field string
		boost float64
	}{{fieldTitle, 0}, {fieldTags, 0}} {
		var terms []string
		boost := 0.0
		for _, c := range common {
			if c.field == fb.field {
				terms = append(terms, c.term)
				boost = c.boost
			}
		}
		should = appendTerms(should, fb.field, terms, boost)
	}
	switch {
	case len(must) == 0:
		return nil
	case len(should) == 0:
		return query.NewDisjunctionQuery(must)
	}
	return query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(must)},
		[]query.Query{query.NewDisjunctionQuery(should)}, nil)
}

// mustTerms is how many of the least common terms pick the candidates of a
// query made of common terms only: two, so that one term the wanted document
// lacks ("Nova 12 续航" about a phone whose text says "battery") does not lose it.
const mustTerms = 2

// leastCommon returns the n distinct terms with the fewest documents (in their
// least common field).
func leastCommon(cs []termClause, n int) map[string]bool {
	best := map[string]uint64{}
	for _, c := range cs {
		if d, ok := best[c.term]; !ok || c.df < d {
			best[c.term] = c.df
		}
	}
	terms := make([]string, 0, len(best))
	for t := range best {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(i, j int) bool {
		if best[terms[i]] != best[terms[j]] {
			return best[terms[i]] < best[terms[j]]
		}
		return terms[i] < terms[j]
	})
	out := map[string]bool{}
	for _, t := range terms[:min(n, len(terms))] {
		out[t] = true
	}
	return out
}

// addFuzzy adds edit-distance matches for English words that no document
// contains ("warrenty", "refnd"). Known words are not expanded: a fuzzy search
// costs far more than a term lookup, and known words need no rescue.
func (b *queryBuilder) addFuzzy(words []string) error {
	seen := map[string]bool{}
	for _, w := range words {
		if seen[w] || utf8.RuneCountInString(w) < 4 || !isASCIIWord(w) {
			continue
		}
		seen[w] = true
		known := false
		for _, fb := range fieldBoosts {
			n, err := b.df(fb.field, w)
			if err != nil {
				return err
			}
			if n > 0 {
				known = true
				break
			}
		}
		if known {
			continue
		}
		fuzziness := 1
		if len(w) >= 8 {
			fuzziness = 2
		}
		if b.skipUnknown {
			if len(w) < minFuzzyConfident {
				continue
			}
			near, err := b.fuzzyKnown(w, fuzziness)
			if err != nil {
				return err
			}
			if !near {
				continue
			}
		}
		for _, fb := range fieldBoosts {
			fq := query.NewFuzzyQuery(w)
			fq.SetField(fb.field)
			fq.SetFuzziness(fuzziness)
			fq.SetPrefix(1)
			fq.SetBoost(fb.boost * fuzzyBoost)
			b.fuzzy = append(b.fuzzy, fq)
			b.named = true
			if b.skipUnknown && fb.field != fieldBody {
				b.subject = append(b.subject, fq)
			}
		}
	}
	return nil
}

func analyze(im mapping.IndexMapping, analyzer, text string) []string {
	a := im.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(text))
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = string(t.Term)
	}
	return out
}

// appendTerms adds one disjunction of term queries on field (duplicates merged),
// each with boost (bleve ignores a disjunction's own boost).
func appendTerms(qs []query.Query, field string, terms []string, boost float64) []query.Query {
	seen := make(map[string]bool, len(terms))
	var tqs []query.Query
	for _, t := range terms {
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		tq := query.NewTermQuery(t)
		tq.SetField(field)
		tq.SetBoost(boost)
		tqs = append(tqs, tq)
	}
	if len(tqs) == 0 {
		return qs
	}
	return append(qs, query.NewDisjunctionQuery(tqs))
}

// dropSingleHan removes one-character Chinese terms (发, 退, 大) from a query
// that has longer ones: alone a character means many things, the words and
// bigrams around it say which, and its idf is inflated (the index holds it only
// where the dictionary left it alone), so it would outweigh them.
func dropSingleHan(words []string) []string {
	longer := false
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); classify(r) == classHan && !singleHan(w) {
			longer = true
			break
		}
	}
	if !longer {
		return words
	}
	out := words[:0:0]
	for _, w := range words {
		if !singleHan(w) {
			out = append(out, w)
		}
	}
	return out
}

func singleHan(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && classify(r) == classHan
}

// attrCandidates are the query's words as written (not stemmed) for exact matches
// on attribute values (white, 42, 256gb, 白色).
func attrCandidates(folded string, words []string) []string {
	out := strings.FieldsFunc(folded, func(r rune) bool {
		c := classify(r)
		return c != classLetter && c != classDigit && r != '.'
	})
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); classify(r) == classHan {
			out = append(out, w)
		}
	}
	return out
}
