// Package safetext makes text from customers and from a language model safe for the
// bot to post. The bot's posts notify like anyone's: a customer's "@channel" quoted
// in a handoff card, or relayed into the staff channel, would page every member.
package safetext

import (
	"regexp"
	"strings"
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
