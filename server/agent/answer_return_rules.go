package agent

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Whether something can still be returned in a given state ("戒指刻了字还能退不",
// "床垫塑封拆了 还能七天无理由吗"): the shop states its exceptions as sentences of its
// return policy or of an FAQ about the thing ("刻字商品不支持7天无理由退货"),
// while the search finds the document about returning in general. The sentence
// that says no return of what the customer names is the answer.

// howLong: a question of a period ("几天内", "how long").
var howLong = cues("how_long")

// returnRefusal: the words a shop refuses or limits a return in.
var returnRefusal = cues("return_refusal")

// minRuleScore: how closely an exception must speak of what the customer names.
const minRuleScore = minFactScore

// maxRuleSentences: one exception answers; two when both are as close.
const maxRuleSentences = 2

// returnExceptions are the sentences of the shop's FAQs and policies, in the
// customer's language, that refuse or limit a return and speak of what the turn
// names besides returning; nil when none does clearly.
func (s *session) returnExceptions() []string {
	// "还能退吗" asks whether; "几天内可以退" asks how long, which the rule's period answers.
	if !s.asksYesNo() || s.says(howLong) {
		return nil
	}
	terms := s.questionTermsOf(withoutWords(s.low, returnWords.phrases), "")
	if terms.empty() {
		return nil
	}
	var hits []ruleSentence
	for _, f := range s.snap.Catalog.FAQs {
		if langOf(f.Lang, f.Question) == s.lang {
			hits = append(hits, refusals(f.Answer, terms)...)
		}
	}
	for _, p := range s.snap.Catalog.Policies {
		if langOf(p.Lang, p.Title) == s.lang {
			hits = append(hits, refusals(p.Body, terms)...)
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	var out []string
	for _, h := range hits {
		if len(out) == maxRuleSentences || h.score < hits[0].score || contains(out, h.text) {
			break
		}
		out = append(out, h.text)
	}
	return out
}

// speaksCloser: a sentence of the answer found speaks of what the turn names
// besides returning at least as closely as the exception does ("退货运费谁出" is
// answered by the FAQ on return shipping, not by another FAQ's "已发货的不能改地址，
// 可拒收按退货处理").
func (s *session) speaksCloser(answer, exception string) bool {
	terms := s.questionTermsOf(withoutWords(s.low, returnWords.phrases), "")
	score := func(sent string) float64 {
		return terms.score(withoutWords(strings.ToLower(sent), returnWords.phrases))
	}
	ex := score(exception)
	for _, sent := range sentenceEnd.Split(answer, -1) {
		if score(sent) > ex {
			return true
		}
	}
	return false
}

// ruleSentence is a sentence of the shop's text and how closely it speaks of
// what the customer names.
type ruleSentence struct {
	text  string
	score float64
}

// refusals are the sentences of text that refuse or limit a return and share the
// question's terms besides returning.
func refusals(text string, terms questionTerms) []ruleSentence {
	var out []ruleSentence
	for _, sent := range sentenceEnd.Split(text, -1) {
		sent = strings.TrimRight(strings.TrimSpace(sent), ".。;；!！?？ ")
		low := strings.ToLower(sent)
		if utf8.RuneCountInString(sent) < 4 || !returnWords.in(low) || !returnRefusal.in(low) {
			continue
		}
		if sc := terms.score(withoutWords(low, returnWords.phrases)); sc >= minRuleScore {
			out = append(out, ruleSentence{sent, sc})
		}
	}
	return out
}
