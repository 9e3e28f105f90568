// Package safetext makes text from customers and from a language model safe for the
// bot to post. The bot's posts notify like anyone's: a customer's "@channel" quoted
// in a handoff card, or relayed into the staff channel, would page every member.
package safetext

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var mentionRe = regexp.MustCompile(`@([A-Za-z0-9][A-Za-z0-9._-]*)`)

// NoMentions breaks every @-mention in text except those of the allowed usernames,
// by putting a zero-width space after the @: it still reads the same, but
// Mattermost no longer sees a mention.
func NoMentions(text string, allowed ...string) string {
	if !strings.Contains(text, "@") {
		return text
	}
	return mentionRe.ReplaceAllStringFunc(text, func(m string) string {
		name := strings.TrimRight(m[1:], "._-")
		for _, a := range allowed {
			if a != "" && strings.EqualFold(name, a) {
				return m
			}
		}
		return "@\u200b" + m[1:]
	})
}

// MaxPostRunes is the longest message Mattermost stores (model.PostMessageMaxRunesV2);
// a longer one is refused outright, so the customer would get nothing.
const MaxPostRunes = 16383

// FitPost cuts text to what one post can hold, marking the cut with "…": a relayed
// 16k-character paste or a runaway model answer still arrives, shortened.
func FitPost(text string) string {
	if utf8.RuneCountInString(text) <= MaxPostRunes {
		return text
	}
	r := []rune(text)
	return string(r[:MaxPostRunes-1]) + "…"
}
