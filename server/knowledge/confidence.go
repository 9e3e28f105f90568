package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Scoring for confidence (SearchOptions.IgnoreUnknownWords). A search ranks by
// coordination: a document's score is divided by the number of query words it
// lacks, which is right for ranking (the more words a document explains, the
// better) but makes the score useless as a measure of how well the best hit
// answers: a long, chatty question scores low whatever it asks ("公司报销要开专
// 票 能开不" 0.05, "开专票吗" 0.5). For confidence the query is built so that
//   - words no document contains in any field are left out: they cannot tell
//     documents apart, and they are what customers add (filler, chat, typos
//     nothing rescues). A word some document has, even in another field, stays;
//   - a misspelt English word is rescued by fuzzy matching only when something in
//     the index is near it, and only from minFuzzyConfident letters: one edit
//     from a short word is more often another word than a typo (mean → men,
//     life → lift);
//   - numbers and the question words (aspectTerms) only add to the
//     score of documents the other words find: a quantity (1, 99, 42) or "how
//     much", "how long" is not what a question is about ("1+1等于几", "多少钱？"
//     find nothing; "价保多少天" finds price protection);
//   - the hits are marked OnSubject when the query matches their title, tags,
//     ids or attributes, what they are about, and not only a word their body
//     mentions in passing ("推荐个好看的电影" finds the size FAQ that "recommends"
//     a size).
// The ranking is much the same; the scores of long and short questions compare.

const minFuzzyConfident = 5

// aspectTerms are the terms of the concepts (synonyms.go) that ask something
// about a subject rather than name one: when (多久, how long), price (多少钱,
// price, how much). The concept tokens, the stems of their English words and
// their Chinese phrases and bigrams: "what's the price?" names no subject, even
// though the price-protection FAQ has "price" in its title.
var aspectTerms = func() map[string]bool {
	out := map[string]bool{}
	for _, c := range []string{"when", "price"} {
		out[conceptPrefix+c] = true
		for _, p := range conceptGroups[c] {
			p = fold(p)
			if r, _ := utf8.DecodeRuneInString(p); classify(r) != classHan {
				for _, w := range strings.Fields(p) {
					if !enStop[w] {
						out[stem(w)] = true
					}
				}
				continue
			}
			out[p] = true
			out = addBigrams(out, p)
		}
	}
	return out
}()

func addBigrams(set map[string]bool, han string) map[string]bool {
	rs := []rune(han)
	for i := 0; i+1 < len(rs); i++ {
		set[string(rs[i:i+2])] = true
	}
	return set
}

// addRare adds must clauses on field; with skipUnknown, the clauses not on a
// body are also subject clauses.
func (b *queryBuilder) addRare(field string, qs ...query.Query) {
	b.rare = append(b.rare, qs...)
	if b.skipUnknown && field != fieldBody {
		b.subject = append(b.subject, qs...)
	}
}

// subjectQuery matches the documents whose title, tags, ids or attributes have
// a term of the query (common ones included); nil without skipUnknown.
func (b *queryBuilder) subjectQuery() query.Query {
	if !b.skipUnknown {
		return nil
	}
	qs := b.subject
	for _, c := range b.common {
		if c.field != fieldBody {
			qs = appendTerms(qs, c.field, []string{c.term}, c.boost)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(qs)
}

// keep sorts a term of field (in n documents there) for a confidence query: a
// term no document has in any text field is left out; a number only adds to the
// score; the rest is kept, and a term that is not a question word names what the
// question is about.
func (b *queryBuilder) keep(field, t string, n uint64, boost float64) (bool, error) {
	known := n > 0
	if !known && field != fieldAttrs {
		var err error
		if known, err = b.known(t); err != nil {
			return false, err
		}
	}
	switch {
	case !known:
		return false, nil
	case isNumber(t):
		if n > 0 {
			b.scoreOnly = appendTerms(b.scoreOnly, field, []string{t}, boost)
		}
		return false, nil
	}
	b.named = b.named || !aspectTerms[t]
	return true, nil
}

// known reports whether any document has term in a text field.
func (b *queryBuilder) known(term string) (bool, error) {
	for _, fb := range fieldBoosts {
		n, err := b.df(fb.field, term)
		if err != nil || n > 0 {
			return n > 0, err
		}
	}
	return false, nil
}

// fuzzyKnown reports whether any text field holds a term within fuzziness of w
// (with w's first letter, as the fuzzy queries require).
func (b *queryBuilder) fuzzyKnown(w string, fuzziness int) (bool, error) {
	r, err := b.reader()
	if err != nil {
		return false, err
	}
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return true, nil // cannot tell: keep the fuzzy clauses
	}
	for _, fb := range fieldBoosts {
		if found, err := anyTerm(fr.FieldDictFuzzy(fb.field, w, fuzziness, w[:1])); err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// isNumber: a term made of digits (and a decimal point) only.
func isNumber(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) && t[i] != '.' {
			return false
		}
	}
	return true
}
