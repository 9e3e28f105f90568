package agent

import (
	"slices"
	"strings"
)

// A variant's style ("<room>款", "<style>版", "标准加长版") as customers name it:
// without its suffix ("客厅那款"), or by its head and suffix alone ("<A>版" of
// <A><B>版).

// styleSuffixes end the names of a variant's style ("<room>款", "<style>版", "<style>型").
var styleSuffixes = cues("style_suffix")

// styleStemIn: low names a style by its word without the suffix ("客厅那款").
func styleStemIn(low, part string) bool {
	stem := styleStem(part)
	return stem != "" && strings.Contains(low, stem)
}

// styleStem is a style's word without its suffix ("客厅" of 客厅款, "单只" of 单只装);
// "" for a part with no such suffix, or whose stem is a count ("两只" of 两只装).
func styleStem(part string) string {
	for _, suf := range styleSuffixes.phrases {
		if stem, ok := strings.CutSuffix(part, suf); ok && len([]rune(stem)) >= 2 && !isASCII(stem) {
			if isCountWord(stem) {
				return ""
			}
			return stem
		}
	}
	return ""
}

// contractedIn: low names a style by its head and suffix, the words between left
// out ("<A>版" of <A><B>版, "<n>G版" of <n>G<B>版) — as customers shorten a
// version's name. skuScore counts the words left out as unsaid, so a value
// written whole ("<A>版" beside "<A><B>版") is still meant over it.
func contractedIn(low, v string) bool {
	for _, part := range valueParts(v) {
		if slices.ContainsFunc(contractionsOf(part), func(c string) bool { return occursBounded(low, c, isDigitOrPoint) }) {
			return true
		}
	}
	return false
}

// contractionsOf are the short forms of a style's name: each head of its stem of
// two runes or more with the suffix, the stem's figure kept whole ("2.5G…").
func contractionsOf(part string) []string {
	var out []string
	for _, suf := range styleSuffixes.phrases {
		stem, ok := strings.CutSuffix(part, suf)
		rs := []rune(stem)
		if !ok || len(rs) < 3 || isCountWord(stem) {
			continue
		}
		for k := len(rs) - 1; k >= 2; k-- {
			if !isDigitOrPoint(rs[k-1]) || !isDigitOrPoint(rs[k]) {
				out = append(out, string(rs[:k])+suf)
			}
		}
	}
	return out
}
