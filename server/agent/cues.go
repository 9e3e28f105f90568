package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// cueList is one of the lexicon's word lists (server/lang/intents.json), named so
// that a shop's own words for it (its catalogue's vocabulary.intents) can join in.
type cueList struct {
	id string
	phrases
}

// cues is the built-in list id; an unknown id panics at package init, which every
// test of the package would show.
func cues(id string) cueList { return cueList{id: id, phrases: phrases(lang.Words(id))} }

// set is the built-in list id as a set of exact entries.
func set(id string) map[string]bool {
	out := map[string]bool{}
	for _, w := range lang.Words(id) {
		out[w] = true
	}
	return out
}

// says: the turn carries a word of the list, built-in or the shop's own.
func (s *session) says(c cueList) bool { return s.saysIn(c, s.low) }

// saysIn: low (of the turn) carries a word of the list, built-in or the shop's own.
func (s *session) saysIn(c cueList, low string) bool {
	return c.in(low) || shopCues(s.snap.Catalog.Vocabulary, c.id).in(low)
}

// saysLast: the turn's last line carries a word of the list — in a follow-up read
// in context ("<earlier question>\n<follow-up>"), the follow-up's own words.
func (s *session) saysLast(c cueList) bool {
	return s.saysIn(c, s.low[strings.LastIndex(s.low, "\n")+1:])
}

// saysShop: the turn carries one of the shop's own words for the list.
func (s *session) saysShop(c cueList) bool {
	return shopCues(s.snap.Catalog.Vocabulary, c.id).in(s.low)
}

// shopCues is a shop's own words for a list (English lower-cased, as the message is).
func shopCues(v *shop.Vocabulary, id string) phrases {
	if v == nil {
		return nil
	}
	extra, ok := v.Intents[id]
	if !ok {
		return nil
	}
	out := make(phrases, 0, len(extra.ZH)+len(extra.EN))
	out = append(out, extra.ZH...)
	for _, w := range extra.EN {
		out = append(out, strings.ToLower(w))
	}
	return out
}

// patterns is a lexicon pattern with several expressions, matched as one.
type patterns []*regexp.Regexp

func anyOf(res []*regexp.Regexp) patterns { return patterns(res) }

func (ps patterns) MatchString(s string) bool {
	for _, re := range ps {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
