package agent

import (
	"fmt"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// When the offline planner is not sure, it asks — the likeliest readings from the
// knowledge base as suggestions, or what it can help with — instead of paging staff.
// Staff are paged on an explicit request, anger, a limit, or a second miss in a row.

// maxSuggestions bounds the readings offered (猜你想问).
const maxSuggestions = 3

// clarify answers a turn nothing else answered; a second miss in a row hands off.
func (s *session) clarify() *Reply {
	if s.missedBefore() {
		return s.handOff(s.t("agent.unsure"), s.t("agent.handoff.reason.unsure"))
	}
	sug, guess := s.suggestions()
	if guess != nil {
		return &Reply{Text: s.t("agent.kb.guess", strings.TrimSpace(guess.Question), s.withoutExceptions(s.focusList(strings.TrimSpace(guess.Answer))))}
	}
	var text string
	if len(sug) > 0 {
		lines := make([]string, len(sug))
		for i, t := range sug {
			lines[i] = fmt.Sprintf("%d. %s", i+1, t)
		}
		text = s.t("agent.clarify", strings.Join(lines, "\n"))
	}
	switch {
	case s.says(sellAsk):
		// "你们卖油漆吗" and nothing of the shop is found for it: said so, before
		// the nearest readings.
		return &Reply{Text: joinNonEmpty(s.t("agent.not_sold"), text)}
	case text != "":
		return &Reply{Text: text}
	}
	return &Reply{Text: s.t("agent.clarify.none")}
}

// sellAsk: see sell_ask in the language data.
var sellAsk = cues("sell_ask")

// suggestions are the titles of the best knowledge hits for the turn, in the
// customer's language where the shop has them, each once — or, instead, the FAQ
// to offer as the one likely reading (guessable).
func (s *session) suggestions() ([]string, *shop.FAQ) {
	q := strings.TrimSpace(otherSenses.ReplaceAllString(stripFiller(s.text), " "))
	if !strings.ContainsFunc(q, isWordRune) {
		return nil, nil
	}
	var res tool.SearchResult
	if e := s.call(tool.SearchKnowledge, map[string]string{"query": q}, &res); e != nil {
		return nil, nil
	}
	// The first reading, when it is an FAQ that matches well enough, is answered
	// as a guess instead of listed.
	if len(res.Results) > 0 && res.Results[0].Kind == "faq" {
		if f := s.faqIn(pickHit(res.Results, s.lang).ID); f != nil && s.guessable(q, res.Results[0]) && coversConcepts(f.Question+" "+f.Answer, q) {
			return nil, f
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, h := range res.Results {
		if len(out) == maxSuggestions {
			break
		}
		t := strings.TrimSpace(h.Title)
		if t == "" || seen[t] || (h.Kind != "product" && langOf(h.Lang, h.Title) != s.lang) {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out, nil
}

// missedBefore: the bot's last message in this conversation was a clarifying question.
func (s *session) missedBefore() bool {
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		m := s.turn.History[i]
		if m.FromCustomer {
			continue
		}
		return isClarify(m.Text)
	}
	return false
}

func isClarify(text string) bool {
	for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
		head, _, _ := strings.Cut(i18n.T(l, "agent.clarify", "\x00"), "\x00")
		if strings.HasPrefix(text, head) || text == i18n.T(l, "agent.clarify.none") {
			return true
		}
	}
	return false
}

// explicitHuman: the customer asks for a person, not who they are talking to.
var explicitHuman = cues("explicit_human")

// strongComplaint: words that are a complaint whatever else the message asks.
var strongComplaint = cues("strong_complaint")

// defectWords: what arrived is damaged, spoilt, wrong or missing.
var defectWords = cues("defect")

// productQuestion: an angry-sounding word inside a question about a product
// ("带不带垃圾袋", "damn these look sick, got a 44?") is not a complaint; anger at
// what arrived broken or spoilt is, whatever it asks ("漏了一地 怎么包装的？").
func (s *session) productQuestion() bool {
	// The customer's latest words: a follow-up read in context ("<the product>\n
	// seriously?? second time") is angry though the earlier line named a product.
	line := s.lastLine()
	low := strings.ToLower(line)
	if strongComplaint.in(withoutWords(s.low, figurativeWords.phrases)) || s.says(defectWords) || !(isQuestion(low) || strings.ContainsAny(line, "?？")) {
		return false
	}
	return len(s.namedProducts(line)) > 0 || stockWords.in(low) || stockTail.MatchString(strings.TrimSpace(low)) ||
		s.saysLast(sizeAsk) || s.saysLast(priceWords) || len(s.searchProducts(line, nil, false)) > 0
}

// minGuessScore: an FAQ the search ranks first, not confident enough to answer
// outright, is still the likeliest reading when its own match scores half a
// confident one and it speaks of every matter the question does (coversConcepts):
// offered as a guess with its answer ("您是想问“…”吗？"), it settles what a list of
// readings would make the customer pick. Measured on the in-process sets: without
// the matters, seventeen questions more were answered, but the knowledge eval's
// wrong answers rose past its ceiling ("退的钱几天回到支付宝" got the payment FAQ,
// an out-of-scope request the sizes FAQ); with them, seven, and none wrong.
const minGuessScore = minConfidentScore / 2

// guessable: best, the search's first hit for q, matches q well enough to be
// offered as the one reading (see minGuessScore).
func (s *session) guessable(q string, best tool.SearchItem) bool {
	for _, h := range s.confidenceHits(q) {
		if sameTopic(asItem(h), best) && h.Score >= minGuessScore {
			return true
		}
	}
	return false
}

// coversConcepts: question names a concept of every matter q speaks of, and q
// speaks of one at least.
func coversConcepts(question, q string) bool {
	ms := knowledge.Mentions(q)
	if len(ms) == 0 {
		return false // no matter of the shop's said: out of scope, or a product's
	}
	has := knowledge.Concepts(question)
	for _, m := range ms {
		if !slices.ContainsFunc(m, func(c string) bool { return slices.Contains(has, c) }) {
			return false
		}
	}
	return true
}
