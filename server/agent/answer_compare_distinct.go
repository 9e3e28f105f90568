package agent

import (
	"strings"
	"unicode"
)

// What sets each compared product apart: the sentence of its description with the
// most words no other compared product's description has ("输入：HDMI ARC…,内置
// 唱放" beside "没有 HDMI，也没有内置唱放" shares little), so "<A>跟<B>主要差在哪"
// sees what one has and the other has not, not only the figures.

// minDistinctWords: a sentence with fewer words of its own sets nothing apart.
const minDistinctWords = 3

// distinctSentences are, per description, its sentence with the most words the
// other descriptions lack ("" when none has minDistinctWords), skipping those
// already shown (shown[i] holds product i's sentences in other rows).
func distinctSentences(descs []string, shown [][]string) []string {
	words := make([]map[string]bool, len(descs))
	for i, d := range descs {
		words[i] = map[string]bool{}
		for _, w := range sentenceWords(d) {
			words[i][w] = true
		}
	}
	out := make([]string, len(descs))
	for i, d := range descs {
		best := minDistinctWords - 1
		for _, sent := range descSentences(d) {
			if sent == "" || shownIn(shown[i], sent) {
				continue
			}
			n := 0
			seen := map[string]bool{}
			for _, w := range sentenceWords(sent) {
				if !seen[w] && !inOther(words, i, w) {
					n++
				}
				seen[w] = true
			}
			if n > best {
				best, out[i] = n, sent
			}
		}
	}
	return out
}

// shownIn: sent is part of one of the texts already shown.
func shownIn(texts []string, sent string) bool {
	for _, t := range texts {
		if strings.Contains(t, sent) {
			return true
		}
	}
	return false
}

// inOther: a description other than the i-th has w.
func inOther(words []map[string]bool, i int, w string) bool {
	for j, ws := range words {
		if j != i && ws[w] {
			return true
		}
	}
	return false
}

// sentenceWords are text's Latin words of two letters or more and its Chinese
// two-character runs, lower-cased; numbers are the measure rows' matter.
func sentenceWords(text string) []string {
	var out []string
	rs := []rune(strings.ToLower(text))
	for i := 0; i < len(rs); {
		switch r := rs[i]; {
		case r >= 'a' && r <= 'z':
			j := i
			for j < len(rs) && (rs[j] >= 'a' && rs[j] <= 'z' || rs[j] >= '0' && rs[j] <= '9') {
				j++
			}
			if j-i >= 2 {
				out = append(out, string(rs[i:j]))
			}
			i = j
		case unicode.Is(unicode.Han, r):
			if i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1]) {
				out = append(out, string(rs[i:i+2]))
			}
			i++
		default:
			i++
		}
	}
	return out
}
