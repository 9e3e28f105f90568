package agent

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/tool"
)

// "卸妆油能卸防水睫毛膏吗", "does it charge wirelessly?": a yes-no question about
// one product is answered yes or no first, as a person would, then with the
// sentence of its description that says so. No when the description negates what
// is asked ("不支持无线充电", "not waterproof"), yes when it states it plainly;
// no lead at all when the question itself is negative or the sentence is only a
// near match — the sentence then speaks for itself.

var (
	yesNoAsk  = anyOf(lang.Regexps("yes_no_ask"))
	canAsk    = cues("can_ask")
	hasAsk    = cues("has_ask")
	negations = cues("negation")
	fitsAsk   = cues("fits_ask")
)

// minLeadScore: the sentence shares at least two words with the question.
const minLeadScore = 2

// maxNegationGap: how many runes before an asked word a negation still negates it
// ("不支持无线充电": 不 is three runes before 无线).
const maxNegationGap = 4

// yesNoLead is "可以的，" / "不行哦，" / "Yes — " / "No — " for the fact sentence
// answering the turn's yes-no question about the product named by name (its
// title and the first clause of its description, which says what it is), "" when
// no lead is safe.
func (s *session) yesNoLead(name, sentence string) string {
	title := name
	line := strings.ToLower(s.lastLine())
	_, rest := withoutANotA(line)
	if !s.asksYesNo() {
		return ""
	}
	// "能不能", "带防摔套不" ask; "不能…吗" is a negative question, left alone.
	if negations.in(yesNoTail.ReplaceAllString(rest, "")) {
		return ""
	}
	yes, no := "agent.fact.yes", "agent.fact.no"
	switch {
	case s.saysLast(canAsk):
		yes, no = "agent.fact.can", "agent.fact.cannot"
	case s.saysLast(hasAsk):
		yes, no = "agent.fact.has", "agent.fact.hasnt"
	}
	// "门才35mm厚 装得上吗" of "适用门厚40–120mm": the figure answers, outside the
	// range stated in its unit or within it, whatever words they share.
	if s.saysLast(canAsk) || s.saysLast(fitsAsk) {
		switch in, out := rangeVerdict(line, strings.ToLower(sentence)); {
		case in:
			return s.t("agent.fact.in_range")
		case out:
			return s.t("agent.fact.out_of_range")
		}
	}
	terms := withoutTitleWords(s.questionTermsOf(s.lastLine(), title), title)
	low := strings.ToLower(sentence)
	if terms.score(low) < minLeadScore || !terms.sharesWord(low) {
		return "" // a near match of characters or translations is no yes or no
	}
	if negatedIn(low, terms) {
		return s.t(no)
	}
	return s.t(yes)
}

// yesNoAnswer is the yes or no and the description's sentences saying so; when the
// turn asks a yes-no question of the product that its description does not speak
// of at all, that it does not say (no guess); "" otherwise.
// answered is false for the "does not say" note, which the description follows.
func (s *session) yesNoAnswer(info tool.ProductInfo) (text string, answered bool) {
	facts := s.factSentences(info.Title, localDescription(info.Description, s.lang))
	if len(facts) == 0 {
		// "Does not say" only when no word of the question is in the description
		// (a character alone, "电" of 无线充电 in 电池, is no sign of an answer;
		// two, a near match, made factSentences quote it).
		// Not about the customer's own purchase ("is my tracker on its way?"): the
		// order answers that, not the product page.
		if s.asksYesNo() && s.asksSomethingSpecific(info.Title) && !s.talksOfAnOrder() && !s.says(mineWords) && !s.asksAnAttrOf(info) &&
			!s.questionTermsOf(s.lastLine(), info.Title).touches(strings.ToLower(info.Description)) {
			return s.t("agent.fact.unknown"), false
		}
		return "", false
	}
	name := info.Title + "\n" + firstClause(localDescription(info.Description, s.lang))
	lead := ""
	for _, f := range facts {
		if lead = s.yesNoLead(name, f); lead != "" {
			break
		}
	}
	if lead == "" {
		return "", false
	}
	sep := s.t("agent.sentence_sep")
	return lead + strings.Join(facts, sep) + strings.TrimSpace(sep), true
}

// asksYesNo: the turn's last line is a yes-no question.
func (s *session) asksYesNo() bool {
	line := strings.ToLower(s.lastLine())
	asking, _ := withoutANotA(line)
	if asking || yesNoAsk.MatchString(line) || yesNoTail.MatchString(line) {
		return true
	}
	// A yes-no clause before another question ("会缩水吗 缩多少").
	for _, c := range askedClause.FindAllString(line, -1) {
		if c = strings.TrimSpace(c); yesNoAsk.MatchString(c) || yesNoTail.MatchString(c) {
			return true
		}
	}
	return false
}

// askedClause: a clause up to its question mark or 吗.
var askedClause = regexp.MustCompile(`[^吗?？。，,]+(?:吗|\?|？)`)

// asksSomethingSpecific: besides the product's name and words of asking, the
// question has a word of its own (not single characters alone).
func (s *session) asksSomethingSpecific(title string) bool {
	t := s.questionTermsOf(s.lastLine(), title)
	return len(t.words)+len(t.bigrams) > 0
}

// firstClause is a description's opening clause ("10% niacinamide brightening
// serum"): what the product is, which the customer may name it by — unless it
// negates something ("不支持App控制"), when it is a fact, not a name.
func firstClause(desc string) string {
	c := desc
	if i := strings.IndexAny(desc, ",，.。;；"); i >= 0 {
		c = desc[:i]
	}
	if negations.in(strings.ToLower(c)) {
		return ""
	}
	return c
}

// sharesWord: low has one of the question's own words or two-character runs.
func (t questionTerms) sharesWord(low string) bool {
	for _, w := range append(append([]string{}, t.words...), t.bigrams...) {
		if strings.Contains(low, w) || isASCII(w) && strings.Contains(low, stem(w)) {
			return true
		}
	}
	return false
}

// withoutTitleWords drops the question's words the product's title has ("单人" of
// "单人帐篷"): the sentence sharing the name says nothing of what is asked.
func withoutTitleWords(t questionTerms, title string) questionTerms {
	low := strings.ToLower(title)
	keep := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if !strings.Contains(low, w) {
				out = append(out, w)
			}
		}
		return out
	}
	t.words, t.bigrams, t.chars = keep(t.words), keep(t.bigrams), keep(t.chars)
	return t
}

// negatedIn: a negation stands just before one of the asked words in low (the
// asked words themselves aside: "无" of "无线" negates nothing).
func negatedIn(low string, terms questionTerms) bool {
	asked := append(append([]string{}, terms.words...), terms.bigrams...)
	for _, w := range asked {
		for from := 0; ; {
			i := strings.Index(low[from:], w)
			if i < 0 {
				break
			}
			i += from
			if negations.in(withoutWords(windowBefore(low, i, isASCII(w)), asked)) {
				return true
			}
			from = i + len(w)
		}
	}
	return false
}

// windowBefore is what precedes byte i of low that may negate the word there: the
// last three words of English, the last few runes of Chinese.
func windowBefore(low string, i int, latin bool) string {
	if latin {
		ws := strings.Fields(low[:i])
		return strings.Join(ws[max(0, len(ws)-3):], " ")
	}
	rs := []rune(low[:i])
	return string(rs[max(0, len(rs)-maxNegationGap):])
}

// withoutANotA finds "能不能", "是不是", "有没有" — a Chinese yes-no question, not a
// negation — and returns line without them.
func withoutANotA(line string) (found bool, rest string) {
	rs := []rune(line)
	var out []rune
	for i := 0; i < len(rs); i++ {
		if i+2 < len(rs) && (rs[i+1] == '不' || rs[i+1] == '没') && rs[i] == rs[i+2] && unicode.Is(unicode.Han, rs[i]) {
			found = true
			i += 2
			continue
		}
		out = append(out, rs[i])
	}
	return found, string(out)
}
