package agent

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/tool"
)

// maxClauseTopics: how far down the whole message's hits a clause's answer may be.
const maxClauseTopics = 3

// minClauseRunes: a clause shorter than this ("好吗") asks nothing of its own.
const minClauseRunes = 4

// knowledgeByClause answers a message of several questions ("鞋码买错了能换不
// 来回运费谁出", "which courier do you use, and how soon do you ship?") that no one
// document answers with confidence: when two clauses or more are each answered with
// confidence by an FAQ or policy, those answers together. Products are
// left to the product answers.
func (s *session) knowledgeByClause(q string) (string, knowledge.Kind, tool.SearchItem) {
	clauses := clausesOf(q)
	if len(clauses) < 2 {
		return "", "", tool.SearchItem{}
	}
	// A clause's answer must be among the best few for the whole message: a clause
	// read alone ("怕买一大包不合适") may find what the message is not about.
	whole := s.confidenceHits(q)
	if len(whole) > maxClauseTopics {
		whole = whole[:maxClauseTopics]
	}
	var texts []string
	var first tool.SearchItem
	kind := knowledge.Kind("")
	answered := 0
	for _, c := range clauses {
		text, k, item, ok := s.knowledgeFor(c)
		if !ok || k == knowledge.KindProduct ||
			!slices.ContainsFunc(whole, func(h knowledge.Hit) bool { return h.OnSubject && sameTopic(asItem(h), item) }) {
			continue
		}
		answered++
		if contains(texts, text) {
			continue
		}
		if kind == "" {
			kind, first = k, item
		}
		texts = append(texts, text)
	}
	// One clause answered alone is not a message of several questions: the other
	// clauses were its context, which the answer would ignore. Two clauses or more
	// answered by one document (the courier and the dispatch time, both in the
	// shipping FAQ) are: that document answers the message.
	if len(texts) == 0 || len(texts) == 1 && answered < 2 {
		return "", "", tool.SearchItem{}
	}
	return strings.Join(texts, "\n\n"), kind, first
}

// clausesOf splits q at its clause separators and at the spaces between Chinese
// phrases, keeping the clauses long enough to ask something.
func clausesOf(q string) []string {
	var out []string
	for _, part := range clauseSep.Split(q, -1) {
		for _, c := range splitHanSpaces(part) {
			if c = strings.TrimSpace(c); utf8.RuneCountInString(c) >= minClauseRunes {
				out = append(out, c)
			}
		}
	}
	return out
}

// splitHanSpaces cuts text at each space between two Chinese characters: there
// a space separates phrases, as a comma would.
func splitHanSpaces(text string) []string {
	rs := []rune(text)
	var out []string
	start := 0
	for i := 1; i < len(rs)-1; i++ {
		if !unicode.IsSpace(rs[i]) || !unicode.Is(unicode.Han, rs[i-1]) {
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
			out = append(out, string(rs[start:i]))
			start = j
		}
		i = j - 1
	}
	return append(out, string(rs[start:]))
}
