package knowledge

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// idCandidates are the runs of the query that look like product or SKU ids
// (letters, digits and - _ . /, with a digit or a dash): matched whole, heavily
// boosted, so "S-RUN-1-38 还有吗" finds that product first.
func idCandidates(folded string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(folded, func(r rune) bool {
		return !(r < utf8.RuneSelf && (classify(r) != classSep || strings.ContainsRune("-_./", r)))
	}) {
		f = strings.Trim(f, "-_./")
		if len(f) >= 3 && strings.ContainsAny(f, "-0123456789") {
			out = append(out, f)
		}
	}
	return out
}

// addIDs adds the id candidates that some document has, whole or as the start
// of a longer id: a partial SKU id finds its product ("s-run-1-42" for the SKUs
// s-run-1-42-white and s-run-1-42-black).
//
// Candidates that match nothing (a number like 300, an order id) are left out:
// an id clause weighs idBoost, and bleve counts a clause that matches nothing in
// the query norm all the same (a prefix that matches nothing becomes a term
// query on the prefix itself). The ranking would not change, but every score of
// "满300减50" or "O-1001 包邮吗" would fall to a third, and the agent compares
// the scores with thresholds.
func (b *queryBuilder) addIDs(ids []string) error {
	var exact []string
	var prefixes []query.Query
	for _, id := range ids {
		n, err := b.df(fieldIDs, id)
		if err != nil {
			return err
		}
		if n > 0 {
			exact = append(exact, id)
		}
		// Short candidates are left out: a prefix like "p-1" would expand to
		// thousands of ids.
		if len(id) < 6 || !strings.Contains(id, "-") {
			continue
		}
		found, err := b.hasPrefix(fieldIDs, id+"-")
		if err != nil {
			return err
		}
		if found {
			pq := query.NewPrefixQuery(id + "-")
			pq.SetField(fieldIDs)
			pq.SetBoost(idBoost / 2)
			prefixes = append(prefixes, pq)
		}
	}
	qs := appendTerms(nil, fieldIDs, exact, idBoost)
	if len(prefixes) > 0 {
		qs = append(qs, query.NewDisjunctionQuery(prefixes))
	}
	b.addRare(fieldIDs, qs...)
	return nil
}

// hasPrefix reports whether some term of field starts with prefix.
func (b *queryBuilder) hasPrefix(field, prefix string) (bool, error) {
	r, err := b.reader()
	if err != nil {
		return false, err
	}
	return anyTerm(r.FieldDictPrefix(field, []byte(prefix)))
}

// anyTerm reports whether a term dictionary (as opened, with its error) holds
// any term, and closes it.
func anyTerm(d index.FieldDict, err error) (bool, error) {
	if err != nil {
		return false, fmt.Errorf("knowledge: term dictionary: %w", err)
	}
	e, err := d.Next()
	_ = d.Close()
	if err != nil {
		return false, fmt.Errorf("knowledge: term dictionary: %w", err)
	}
	return e != nil, nil
}
