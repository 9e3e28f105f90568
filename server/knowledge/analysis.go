package knowledge

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// analyzerType is the bleve analyzer type we register. The mapping declares named
// analyzers of this type with a config, so the config is saved with the index:
//
//	cjk:     "gse" (words from the dictionary named by "dict") or "bigram"
//	         (overlapping character pairs: no dictionary, ready at once)
//	dict:    a key of segmenters (default "trim")
//	bigrams: with gse, emit the bigrams too
//	shingles: also emit adjacent Latin words or numbers joined ("nova_12",
//	         "x20_pro"): a model name then matches as one rare term, where its
//	         parts alone (a brand, a number) are common
const analyzerType = "concierge"

// keywordAnalyzer is for ids and attribute values, one per line: each whole
// folded line is one term.
const keywordAnalyzer = "concierge_keyword"

func init() {
	if err := registry.RegisterAnalyzer(analyzerType, newAnalyzer); err != nil {
		panic(err)
	}
	err := registry.RegisterAnalyzer(keywordAnalyzer, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return keywordFold{}, nil
	})
	if err != nil {
		panic(err)
	}
}

type keywordFold struct{}

func (keywordFold) Analyze(input []byte) analysis.TokenStream {
	values := keywordValues(string(input))
	out := make(analysis.TokenStream, len(values))
	for i, v := range values {
		out[i] = &analysis.Token{Term: []byte(v), Position: i + 1, Type: analysis.AlphaNumeric}
	}
	return out
}

// keywordValues splits one value per line and folds each.
func keywordValues(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if v := fold(line); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// textAnalyzer turns shop text or a query into terms:
//   - fold (full/half width, case), then split into runs of Han characters and runs of
//     letters/digits; everything else separates;
//   - a Han run is cut into words (gse) and/or bigrams. Words make precise matches
//     (羽绒服 is one term); bigrams catch what the dictionary cuts differently,
//     misspellings that keep half of a word, and serve queries while the
//     dictionary is still loading. A bigram equal to a word is the same term;
//     bleve then counts it twice, which only favours whole-word matches;
//   - a letter/digit run is kept whole ("256gb", "iphone15", "1.5"), and when it
//     mixes letters and digits its parts are added too ("256", "gb"), so sizes and
//     model numbers match however they are written; English words are stemmed
//     (snowball) unless they are stop words;
//   - concept tokens (synonyms.go) are added for the phrases the text contains.
type textAnalyzer struct {
	words    bool // cut into dictionary words
	bigrams  bool
	shingles bool // pairs of adjacent Latin words or numbers (model names)
	seg      *segmenter
}

func newAnalyzer(config map[string]interface{}, _ *registry.Cache) (analysis.Analyzer, error) {
	a := &textAnalyzer{}
	switch config["cjk"] {
	case "bigram":
		a.bigrams = true
		a.shingles, _ = config["shingles"].(bool)
	case "gse", nil:
		a.words = true
		a.bigrams, _ = config["bigrams"].(bool)
		a.shingles, _ = config["shingles"].(bool)
		name, _ := config["dict"].(string)
		if name == "" {
			name = "trim"
		}
		s, ok := segmenters[name]
		if !ok {
			return nil, fmt.Errorf("unknown dictionary %q", name)
		}
		a.seg = s
	default:
		return nil, fmt.Errorf("unknown cjk mode %v", config["cjk"])
	}
	return a, nil
}

var concepts = newConceptMatcher(conceptGroups)

func (a *textAnalyzer) Analyze(input []byte) analysis.TokenStream {
	terms := a.terms(fold(string(input)), nil)
	// One allocation for the tokens and one for their bytes: indexing 100k
	// products analyses millions of terms, and the garbage collector notices.
	toks := make([]analysis.Token, len(terms))
	out := make(analysis.TokenStream, len(terms))
	size := 0
	for _, t := range terms {
		size += len(t)
	}
	buf := make([]byte, 0, size)
	for i, t := range terms {
		start := len(buf)
		buf = append(buf, t...)
		// Offsets are not kept (no highlighting, no term vectors), positions are
		// only sequence numbers: nothing we query depends on them.
		toks[i] = analysis.Token{Term: buf[start:len(buf):len(buf)], Position: i + 1, Type: analysis.AlphaNumeric}
		out[i] = &toks[i]
	}
	return out
}

// terms appends the terms of already folded text to out.
func (a *textAnalyzer) terms(text string, out []string) []string {
	prev, prevEnd := "", 0 // the previous letter/digit run, for shingles
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		cls := classify(r)
		if cls == classSep {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			c2 := classify(r2)
			if cls == classHan {
				if c2 != classHan {
					break
				}
			} else if c2 != classLetter && c2 != classDigit && !decimalPoint(text, j, r2) {
				break
			}
			j += s2
		}
		if cls == classHan {
			out = a.hanTerms(text[i:j], out)
			prev = ""
		} else if unit := unitAfter(text[i:j], text[j:]); unit != nil {
			out = wordTerms(text[i:j], out)
			out = append(out, unit...)
			prev = ""
		} else {
			w := text[i:j]
			out = wordTerms(w, out)
			if a.shingles {
				if prev != "" && !enStop[w] && onlySpaces(text[prevEnd:i]) {
					out = append(out, prev+"_"+w)
				}
				prev, prevEnd = w, j
				if enStop[w] {
					prev = ""
				}
			}
		}
		i = j
	}
	return concepts.find(text, out)
}

// unitAfter joins a number to the one or two Chinese characters right after it
// (1.5匹, 42码, 65寸, 10公斤): sizes and capacities then match as one rare term,
// where the bare unit is lost among the bigrams.
func unitAfter(word, rest string) []string {
	for k := 0; k < len(word); k++ {
		if !isDigit(word[k]) && word[k] != '.' {
			return nil
		}
	}
	var out []string
	end := 0
	for n := 0; n < 2; n++ {
		r, size := utf8.DecodeRuneInString(rest[end:])
		if size == 0 || classify(r) != classHan {
			break
		}
		end += size
		out = append(out, word+rest[:end])
	}
	return out
}

// onlySpaces reports whether the text between two words is a plain separator
// (a space, a hyphen), so that they read as one name: "Nova 12", "X20-Pro".
func onlySpaces(gap string) bool {
	return gap != "" && strings.Trim(gap, " -") == ""
}

// decimalPoint reports whether the '.' at text[j] sits between two digits (1.5匹).
func decimalPoint(text string, j int, r rune) bool {
	return r == '.' && j > 0 && j+1 < len(text) && isDigit(text[j-1]) && isDigit(text[j+1])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (a *textAnalyzer) hanTerms(run string, out []string) []string {
	if a.words {
		for _, w := range a.seg.cut(run) {
			// With bigrams, a two-character word is one of them already and a
			// single character only adds noise (dropSingleHan): the dictionary's
			// contribution is the longer words (羽绒服, 七天无理由).
			if n := utf8.RuneCountInString(w); a.bigrams && n < 3 && n < utf8.RuneCountInString(run) {
				continue
			}
			if !zhStop[w] {
				out = append(out, w)
			}
		}
	}
	if a.bigrams {
		out = appendBigrams(run, out, !a.words)
	}
	return out
}

// appendBigrams emits overlapping pairs (退货运费 → 退货 货运 运费), and with
// single the character of a one-character run, like bleve's cjk analyzer.
func appendBigrams(run string, out []string, single bool) []string {
	var prev string
	n := 0
	for i, r := range run {
		s := run[i : i+utf8.RuneLen(r)]
		if n > 0 && !zhStop[prev+s] && !particle[prev] && !particle[s] {
			out = append(out, prev+s)
		}
		prev = s
		n++
	}
	if single && n == 1 && !zhStop[run] {
		out = append(out, run)
	}
	return out
}

// wordTerms handles one run of letters and digits.
func wordTerms(w string, out []string) []string {
	if enStop[w] {
		return out
	}
	out = append(out, stem(w))
	// Split a mixed run into its letter and digit parts (iphone15 → iphone 15).
	start, prev := 0, classSep
	parts := 0
	for i, r := range w {
		cls := classify(r)
		if r == '.' {
			cls = classDigit
		}
		if i > 0 && cls != prev {
			out = append(out, stem(w[start:i]))
			start = i
			parts++
		}
		prev = cls
	}
	if parts > 0 {
		out = append(out, stem(w[start:]))
	}
	return out
}

// stem applies the English snowball stemmer to ASCII words; anything else (numbers,
// other scripts) is returned as is.
func stem(w string) string {
	if !isASCIIWord(w) || len(w) < 3 {
		return w
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	return env.Current()
}

// zhStop are Chinese function words and question words: every FAQ question has
// them, so they only blur the ranking.
var zhStop = setOf("的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "嘛", "么", "哈", "我", "我们", "你", "你们",
	"您", "他", "她", "它", "是", "在", "和", "与", "及", "或", "就", "都", "也", "还", "这", "那", "这个",
	"那个", "这款", "那款", "个", "请问", "请", "一下", "能", "能不能", "可以", "可不可以", "会", "要", "想",
	"怎么", "怎么办", "怎样", "如何", "什么", "啥", "哪", "哪些", "为什么", "有", "有没有", "没有", "把",
	"被", "给", "让", "得", "地", "着", "过", "你好", "您好", "亲", "谢谢", "不是", "就是", "还是", "但是", "可是",
	"说", "我说", "的是", "知道", "觉得", "一般", "那么", "这么", "然后", "因为", "所以")

// particle: a bigram with one of these is noise (的是, 说的, 好吗).
var particle = setOf("的", "了", "吗", "呢", "吧", "啊", "呀", "哦", "嘛")

// enStop are English function words; negations and words like "free" or "off" are
// kept on purpose (they carry meaning in shop questions).
var enStop = setOf("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from",
	"is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "i", "me", "my", "you", "your",
	"we", "our", "us", "it", "its", "this", "that", "these", "those", "can", "could", "would", "will",
	"shall", "should", "how", "what", "when", "where", "which", "who", "why", "if", "there", "here",
	"please", "hi", "hello", "thanks", "get", "any", "some", "have", "has", "had", "so", "as", "about")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
