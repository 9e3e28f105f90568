package agent

import (
	"regexp"
	"slices"
	"strings"

	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/tool"
)

// An FAQ answer often sets some places apart after its rule ("满99元包邮，不满收8元。
// 新疆、西藏、青海每单另加30元。港澳台暂不发货。"). A customer who names none of them
// asks the rule: the sentences about those places would read as the answer to
// them, so they are left out — as a person answering would.

// placeConcepts are the words of each concept of places a shop sets apart
// (remote areas, overseas), read once.
var placeConcepts = []phrases{phrases(knowledge.ConceptPhrases("remote")), phrases(knowledge.ConceptPhrases("overseas"))}

// exceptionPlaces: the concepts' words, which mark a sentence about places set apart.
var exceptionPlaces = slices.Concat(placeConcepts...)

// shippingWords are the knowledge's words of sending a parcel and its fee, and 寄.
var shippingWords = phrases(append(append([]string{"寄"}, knowledge.ConceptPhrases("delivery")...), knowledge.ConceptPhrases("shipfee")...))

// placeHitsLooked: how many of the best hits placeFAQ looks at.
const placeHitsLooked = 4

// placeFAQ is, when the turn names a place set apart ("寄新疆包邮不", "地址在乌鲁木齐"),
// the one FAQ among the best hits whose own question names such a place: it, not
// the shipping FAQ that sets those places apart in passing, is the answer.
func (s *session) placeFAQ(hits []tool.SearchItem) (tool.SearchItem, bool) {
	if !shippingWords.in(s.low) {
		return tool.SearchItem{}, false // "带去美国能用么" asks of the product, not the parcel
	}
	for _, words := range placeConcepts {
		if !words.in(s.low) {
			continue
		}
		var found []tool.SearchItem
		for i, h := range hits {
			if i == placeHitsLooked {
				break
			}
			if h.Kind == string(knowledge.KindFAQ) && words.in(strings.ToLower(h.Title)) && !slices.ContainsFunc(found, func(f tool.SearchItem) bool { return sameTopic(f, h) }) {
				found = append(found, h)
			}
		}
		if len(found) == 1 {
			return pickHit(found, s.lang), true
		}
	}
	return tool.SearchItem{}, false
}

// answerPiece: a sentence or a semicolon clause of an answer, with its end mark.
var answerPiece = regexp.MustCompile(`[^。；;！!]+[。；;！!]?`)

// withoutExceptions is answer without its sentences about places set apart (see
// aboutPlaces) when
// the turn names none of them; answer itself when nothing would be left, or none is.
func (s *session) withoutExceptions(answer string) string {
	if placeIn(s.low) {
		return answer
	}
	pieces := answerPiece.FindAllString(answer, -1)
	var kept []string
	for _, p := range pieces {
		if !aboutPlaces(p) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 || len(kept) == len(pieces) {
		return answer
	}
	return strings.TrimSpace(strings.Join(kept, ""))
}

func placeIn(low string) bool { return exceptionPlaces.in(low) }

// aboutPlaces: the piece is said of places set apart — it starts with one
// ("新疆、西藏…另加30元", "港澳台暂不发货"), not a rule that mentions one in passing.
func aboutPlaces(piece string) bool {
	low := strings.ToLower(strings.TrimSpace(piece))
	for _, p := range exceptionPlaces {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}
