package agent

import (
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
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
	sug := s.suggestions()
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
// customer's language where the shop has them, each once.
func (s *session) suggestions() []string {
	q := strings.TrimSpace(otherSenses.ReplaceAllString(stripFiller(s.text), " "))
	if !strings.ContainsFunc(q, isWordRune) {
		return nil
	}
	var res tool.SearchResult
	if e := s.call(tool.SearchKnowledge, map[string]string{"query": q}, &res); e != nil {
		return nil
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
	return out
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
	if s.says(strongComplaint) || s.says(defectWords) || !(isQuestion(low) || strings.ContainsAny(line, "?？")) {
		return false
	}
	return len(s.namedProducts(line)) > 0 || stockWords.in(low) || stockTail.MatchString(strings.TrimSpace(low)) ||
		s.saysLast(sizeAsk) || s.saysLast(priceWords) || len(s.searchProducts(line, nil, false)) > 0
}
