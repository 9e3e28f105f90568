package agent

import (
	"strings"
	"unicode"
)

// declinedHanWords are the Chinese words the customer declines: the Chinese run
// after a decline ("不想太浓太甜" → 浓, 甜; "不要甜的" → 甜), split where 太 or 和
// repeats the decline, without the particle 的.
func declinedHanWords(text string) []string {
	var out []string
	for _, p := range declinedWords.phrases {
		if isASCII(p) {
			continue
		}
		for from := 0; ; {
			i := strings.Index(text[from:], p)
			if i < 0 {
				break
			}
			rest := strings.TrimPrefix(text[from+i+len(p):], "太")
			from += i + len(p)
			run := []rune{}
			for _, r := range rest {
				if !unicode.Is(unicode.Han, r) || len(run) >= maxDeclinedRunes {
					break
				}
				run = append(run, r)
			}
			for _, w := range strings.FieldsFunc(string(run), func(r rune) bool { return r == '太' || r == '和' || r == '或' }) {
				if w = strings.TrimSuffix(w, "的"); w != "" && !contains(out, w) {
					out = append(out, w)
				}
			}
		}
	}
	return out
}

// maxDeclinedRunes: a declined run is a word or two ("浓太甜"), not the rest of
// the sentence.
const maxDeclinedRunes = 4

// saysUnnegated: text has w other than right after a negation ("不浓" says
// it is not).
func saysUnnegated(text, w string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		if !strings.HasSuffix(text[:i], "不") && !strings.HasSuffix(text[:i], "无") && !strings.HasSuffix(text[:i], "没") {
			return true
		}
		from = i + len(w)
	}
}
