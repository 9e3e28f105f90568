package agent

import (
	"regexp"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/tool"
)

// maxVariantClauses: more clauses than this name the variant are no focused answer.
const maxVariantClauses = 2

// variantClauses answer a question about one variant from the sentence of the
// description that speaks of what was asked and lists the variants one by one
// ("0.8号约7公斤拉力，1.0号约9公斤，1.5号约11公斤" for "1.5号拉力多大"): the
// clauses from the variant's own to the next variant's ("60cm款：60×30×36cm，约65升"),
// not the neighbours' figures; "" when no such sentence names a variant the turn
// writes out.
func (s *session) variantClauses(info tool.ProductInfo) string {
	mine, all := s.writtenValueParts(info)
	if len(mine) == 0 {
		return ""
	}
	// The figures named are no words of the question; a word value named
	// ("<gradeB>") still is one.
	figures := slices.DeleteFunc(slices.Clone(mine), isHanWord)
	terms := s.questionTermsOf(withoutWords(s.low, figures), info.Title)
	// A sentence speaks of what was asked in its words beside the other variants'
	// values ("高度：<款A>…、<款B>…" of "<款A>多高": its own value's word counts).
	others := slices.DeleteFunc(slices.Clone(all), func(p string) bool { return slices.Contains(mine, p) })
	vs := variantSentences{mine: mine, all: all, others: others, attrOf: valuePartAttrs(info)}
	var out, listed []string
	for _, sent := range sentenceEnd.Split(localDescription(info.Description, s.lang), -1) {
		low := strings.ToLower(sent)
		if terms.score(withoutWords(low, others)) < minFactScore {
			// A sentence that says nothing of what was asked — unless nothing
			// else answers and it goes through the variants one by one.
			if vs.listsVariants(low) {
				listed = append(listed, sent)
			}
			continue
		}
		out = vs.addClauses(out, sent)
	}
	if len(out) == 0 && len(listed) == 1 {
		// "那<grade B>的一只多大" of "<grade A>即单只约<w1>g，<grade B>即单只约<w2>g，…":
		// the one sentence that goes through the variants answers for the one named
		// with a figure of its own ("<flavour A>为中辣" tells no amount the question may ask).
		if cs := vs.addClauses(nil, listed[0]); slices.ContainsFunc(cs, vs.statesFigure) {
			out = cs
		}
	}
	if len(out) == 0 || len(out) > maxVariantClauses {
		return ""
	}
	var b strings.Builder
	for i, c := range out {
		if i > 0 {
			// Inside brackets the clauses were a list of their own ("（侧睡、肩宽）").
			if prev := b.String(); strings.Count(prev, "（") > strings.Count(prev, "）") {
				b.WriteString("、")
			} else {
				b.WriteString(s.t("agent.list_sep"))
			}
		}
		b.WriteString(c)
	}
	return b.String() + strings.TrimSpace(s.t("agent.sentence_sep"))
}

// variantSentences reads a description's sentences for the variant of the value
// parts mine (all, others: the values' parts, those not named; attrOf: each part's
// attribute).
type variantSentences struct {
	mine, all, others []string
	attrOf            map[string]string
}

// addClauses adds to out the clauses of sent about the variant, once each.
func (vs variantSentences) addClauses(out []string, sent string) []string {
	for _, c := range vs.clausesOf(sent) {
		if !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// listsVariants: the sentence names a value named and two values of that
// attribute not named — it goes through the variants one by one.
func (vs variantSentences) listsVariants(low string) bool {
	for _, m := range vs.mine {
		if !strings.Contains(low, m) {
			continue
		}
		n := 0
		for _, o := range vs.others {
			if vs.attrOf[o] == vs.attrOf[m] && strings.Contains(low, o) {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// statesFigure: the clause has a figure besides the values' ("约50-60g" of
// "<grade B>即单只约<w2>g").
func (vs variantSentences) statesFigure(c string) bool {
	return strings.ContainsAny(withoutWords(strings.ToLower(c), vs.all), "0123456789")
}

// namesAnother: the clause names another value of an attribute the turn named a
// value of, and not the one named ("<d1>mm约<n1>个/<w>斤" when "<d2>的<w>斤" is asked:
// its "<w>斤" is every clause's).
func (vs variantSentences) namesAnother(lc string) bool {
	for _, o := range vs.others {
		if !strings.Contains(lc, o) {
			continue
		}
		sameAttr := false
		for _, m := range vs.mine {
			if vs.attrOf[m] != vs.attrOf[o] {
				continue
			}
			if strings.Contains(lc, m) {
				return false
			}
			sameAttr = true
		}
		if sameAttr {
			return true
		}
	}
	return false
}

// clausesOf are the clauses of sent about the variant: from a clause naming one of
// its value parts up to the next naming another value's.
func (vs variantSentences) clausesOf(sent string) []string {
	mine, all, others := vs.mine, vs.all, vs.others
	var out []string
	in := false
	for _, c := range descClause.Split(sent, -1) {
		c = strings.TrimSpace(c)
		lc := strings.ToLower(c)
		switch {
		case slices.ContainsFunc(others, func(p string) bool { return isHanWord(p) && strings.Contains(lc, p) }):
			in = false // another variant's word ("<gradeA>…" beside "<gradeB>" asked)
		case vs.namesAnother(lc):
			in = false // another variant's figure, beside a figure every clause has
		case slices.ContainsFunc(mine, func(p string) bool { return strings.Contains(lc, p) }):
			in = true
		case slices.ContainsFunc(all, func(p string) bool { return strings.Contains(lc, p) }):
			in = false // the next variant's clause
		}
		if in && c != "" {
			out = append(out, c)
		}
	}
	return out
}

// writtenValueParts: the parts of the product's variant values that state a figure
// ("1.5号", "60cm"), those the turn writes out as they are, and all of them.
func (s *session) writtenValueParts(info tool.ProductInfo) (mine, all []string) {
	mine, all = s.writtenFigures(info)
	mine, all = s.namedWordValues(info, mine, all)
	return ownFigures(info, mine), all
}

// writtenFigures: the figure parts of the values, and those the turn writes.
func (s *session) writtenFigures(info tool.ProductInfo) (mine, all []string) {
	for _, k := range info.SKUs {
		for _, a := range k.Attributes {
			for _, part := range valueParts(a.Value) {
				if !strings.ContainsAny(part, "0123456789") || contains(all, part) {
					continue // a word would be found in too many clauses
				}
				all = append(all, part)
				if strings.Contains(s.low, part) || writesRangeOf(s.low, part) {
					mine = append(mine, part)
				} else if m := leadingHan.FindStringSubmatch(part); m != nil && len(info.SKUs) > 1 && strings.Contains(s.low, m[1]) {
					mine = append(mine, part) // "<款>" of <款>12/14cm
				}
			}
		}
	}
	return mine, all
}

// namedWordValues adds the word values of an attribute the turn names one of
// ("<gradeB>" of <gradeA>/<gradeB>): its clause is the named one's, a clause of the other word
// another variant's.
func (s *session) namedWordValues(info tool.ProductInfo, mine, all []string) ([]string, []string) {
	words := map[string][]string{}
	for _, k := range info.SKUs {
		for _, a := range k.Attributes {
			for _, part := range valueParts(a.Value) {
				if isHanWord(part) && !contains(words[a.Name], part) {
					words[a.Name] = append(words[a.Name], part)
				}
			}
		}
	}
	for _, ws := range words {
		if len(ws) < 2 || !slices.ContainsFunc(ws, func(w string) bool { return strings.Contains(s.low, w) }) {
			continue
		}
		for _, w := range ws {
			if !contains(all, w) {
				all = append(all, w)
			}
			if strings.Contains(s.low, w) && !contains(mine, w) {
				mine = append(mine, w)
			}
		}
	}
	return mine, all
}

// ownFigures adds to mine the figures of a value whose word is named ("约<n>只" of
// "<size> <volume>（约<n>只）" asked as "<size>").
func ownFigures(info tool.ProductInfo, mine []string) []string {
	for _, k := range info.SKUs {
		for _, a := range k.Attributes {
			parts := valueParts(a.Value)
			if !slices.ContainsFunc(parts, func(p string) bool { return isHanWord(p) && contains(mine, p) }) {
				continue
			}
			for _, p := range parts {
				if !contains(mine, p) {
					mine = append(mine, p)
				}
			}
		}
	}
	return mine
}

// rangeHead is a value part's figures before its unit when they are a range or a
// decimal ("80-85" of "80-85mm", "1.5" of "1.5kg"): distinct enough to be named alone.
var rangeHead = regexp.MustCompile(`^(\d+(?:[.\-~～]\d+)+)[^\d.\-~～]`)

// writesRangeOf: the turn writes the part's range without its unit ("80-85的" of
// "80-85mm"), as a figure of its own (not inside "180-850").
func writesRangeOf(low, part string) bool {
	m := rangeHead.FindStringSubmatch(part)
	return m != nil && occursBounded(low, m[1], continuesFigure)
}

// continuesFigure: a rune that would make a range part of a longer figure.
func continuesFigure(r rune) bool { return isDigitOrPoint(r) || r == '-' || r == '~' }

// valuePartAttrs maps each part of the product's variant values to its attribute.
func valuePartAttrs(info tool.ProductInfo) map[string]string {
	out := map[string]string{}
	for _, k := range info.SKUs {
		for _, a := range k.Attributes {
			for _, part := range valueParts(a.Value) {
				out[part] = a.Name
			}
		}
	}
	return out
}
