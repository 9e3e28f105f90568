package agent

import (
	"strings"
	"time"
)

// "最近有啥活动", "any deals on?", "双十一那个7折还有吗": the shop's promotions —
// those running now, those about to start, and those just ended, each with its date,
// so an ended or future offer is never applied by mistake.

// recentlyEnded: how long an ended promotion is still worth naming.
const recentlyEnded = 30 * 24 * time.Hour

func (s *session) answerPromotions() section {
	now := s.d.now()
	var live, soon, ended []string
	for i := range s.snap.Catalog.Promotions {
		pr := &s.snap.Catalog.Promotions[i]
		switch {
		case pr.ActiveAt(now):
			if pr.Ends != nil {
				live = append(live, s.t("agent.promos.until", pr.DisplayTitle(), day(*pr.Ends)))
			} else {
				live = append(live, pr.DisplayTitle())
			}
		case pr.Starts != nil && now.Before(*pr.Starts):
			soon = append(soon, s.t("agent.promos.from", pr.DisplayTitle(), day(*pr.Starts)))
		case pr.Ends != nil && !now.Before(*pr.Ends) && now.Sub(*pr.Ends) <= recentlyEnded && sharesWords(s.low, pr.DisplayTitle()):
			// An ended offer is named only when the customer asks about it.
			ended = append(ended, s.t("agent.promos.ended_on", pr.DisplayTitle(), day(*pr.Ends)))
		}
	}
	var parts []string
	if len(live) > 0 {
		parts = append(parts, s.t("agent.promos.live")+"\n"+bullet(live))
	} else {
		parts = append(parts, s.t("agent.promos.none"))
	}
	if len(soon) > 0 {
		parts = append(parts, s.t("agent.promos.soon")+"\n"+bullet(soon))
	}
	if len(ended) > 0 {
		parts = append(parts, s.t("agent.promos.ended")+"\n"+bullet(ended))
	}
	return section{text: strings.Join(parts, "\n\n")}
}

// asksPromotions: a question about the shop's offers, not one product's.
func (s *session) asksPromotions() bool {
	if !s.says(offerWords) || s.says(howTo) || len(s.namedProducts(s.text)) > 0 || len(s.orderIDs()) > 0 ||
		len(s.words.categoryMentions(s.low)) > 0 {
		return false // how to use an offer, or one product's or category's offers
	}
	kb, _ := s.knowledge()
	return kb == ""
}

// sharesWords: text and title have a word (two letters or two characters) in common.
func sharesWords(low, title string) bool {
	t := []rune(strings.ToLower(title))
	for i := 0; i+2 <= len(t); i++ {
		pair := string(t[i : i+2])
		if strings.ContainsFunc(pair, isWordRune) && !strings.ContainsAny(pair, " \t") && strings.Contains(low, pair) {
			return true
		}
	}
	return false
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// howTo: the customer asks how something works, not what is on.
var howTo = cues("how_to")
