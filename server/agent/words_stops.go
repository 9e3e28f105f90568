package agent

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A one-rune stop phrase ("和", "大", "一") is a word of chat in a question, but
// also a rune of a title's own words ("和牛眼肉", "五合一"): removed from those, the
// search is left with half a name and finds another product. Three runes in a row
// that a title writes (spaces aside) say the stop rune among them is the title's:
// two are too few ("偏大", "通用" are chat as often as a title's words).

// oneRuneStops are the stop phrases of one rune.
var oneRuneStops = func() map[rune]bool {
	out := map[rune]bool{}
	for _, p := range stopPhrases.phrases {
		if r, size := utf8.DecodeRuneInString(p); size == len(p) && r != utf8.RuneError {
			out[r] = true
		}
	}
	return out
}()

// stopRun is how many runes in a row make a stop rune a title's.
const stopRun = 3

// addStopPairs records in pairs the runs of stopRun letters or digits of text,
// folded, that hold a one-rune stop phrase and a rune that is none ("和牛眼", not
// two stop runes and a third alone).
func addStopPairs(pairs map[string]bool, text string) {
	rs := []rune(foldName(text))
	for i := 0; i+stopRun <= len(rs); i++ {
		run := rs[i : i+stopRun]
		stops := 0
		for _, r := range run {
			if oneRuneStops[r] {
				stops++
			}
		}
		if stops > 0 && stops < stopRun && slices.ContainsFunc(run, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			pairs[string(run)] = true
		}
	}
}

// withoutStop is low with the one-rune stop phrase r blanked wherever it is no
// rune of a title's word with its neighbour.
func (w *catalogWords) withoutStop(low string, r rune) string {
	if !strings.ContainsRune(low, r) {
		return low
	}
	rs := []rune(low)
	var b strings.Builder
	for i, c := range rs {
		if c == r && !w.inStopPair(rs, i) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// inStopPair: the rune at i is in a run of stopRun letters or digits of rs that a
// title writes.
func (w *catalogWords) inStopPair(rs []rune, i int) bool {
	for from := max(0, i-stopRun+1); from <= i && from+stopRun <= len(rs); from++ {
		// Folded, a run with a space or a mark in it is shorter and no key.
		if run := foldName(string(rs[from : from+stopRun])); utf8.RuneCountInString(run) == stopRun && w.stopPairs[run] {
			return true
		}
	}
	return false
}

// segments splits text into the parts that may each name a product (segmentSep:
// "A和B", "A, B or C"), but not at a rune of a title's word ("和牛眼肉" is one part).
func (w *catalogWords) segments(text string) []string {
	var out []string
	from := 0
	for _, m := range segmentSep.FindAllStringIndex(text, -1) {
		if r, size := utf8.DecodeRuneInString(text[m[0]:]); size == m[1]-m[0] && oneRuneStops[r] && w.stopPairAt(text, m[0], m[1]) {
			continue
		}
		out = append(out, text[from:m[0]])
		from = m[1]
	}
	return append(out, text[from:])
}

// stopPairAt: the rune at text[at:end] is in a run of stopRun runes around it
// that a title writes.
func (w *catalogWords) stopPairAt(text string, at, end int) bool {
	before := []rune(text[:at])
	before = before[max(0, len(before)-stopRun+1):]
	after := []rune(text[end:])
	after = after[:min(len(after), stopRun-1)]
	rs := slices.Concat(before, []rune(text[at:end]), after)
	return w.inStopPair(rs, len(before))
}
