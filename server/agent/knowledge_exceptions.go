package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/knowledge"
)

// An FAQ answer often sets some places apart after its rule ("满99元包邮，不满收8元。
// 新疆、西藏、青海每单另加30元。港澳台暂不发货。"). A customer who names none of them
// asks the rule: the sentences about those places would read as the answer to
// them, so they are left out — as a person answering would.

// exceptionPlaces: the concepts whose words mark a sentence about places set apart.
var exceptionPlaces = func() []string {
	var out []string
	for _, c := range []string{"remote", "overseas"} {
		out = append(out, knowledge.ConceptPhrases(c)...)
	}
	return out
}()

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

func placeIn(low string) bool { return phrases(exceptionPlaces).in(low) }

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
