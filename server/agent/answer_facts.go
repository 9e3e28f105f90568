package agent

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// A question about one fact of a product ("有香味吗", "能机洗吗", "does it come
// with <accessories>?") is answered by the sentences of its description that speak of
// it — quoted as the shop wrote them, negation and all ("无香精、无乳霜添加") — and
// not by the first lines of the description, which are usually about something
// else. Which sentences: those sharing the most of the question's own words once
// the product's name and the words of asking are gone.

// maxFactSentences bounds the quoted sentences: the fact asked, not the leaflet.
const maxFactSentences = 3

// minFactScore: a shared word, or two shared characters ("防水" in "防泼水").
const minFactScore = 0.5

// sentenceEnd splits a description into sentences.
var sentenceEnd = regexp.MustCompile(`[。！？；;!?\n]+|\.\s+`)

// weakHan are characters too common to carry a topic alone.
const weakHan = "的了吗呢吧啊呀是有不没无很太也都就还和与或在这那个么什怎能可会要用买穿"

// factSentences picks the description sentences that answer the turn's question
// about the product titled title, in the order the shop wrote them.
func (s *session) factSentences(title, desc string) []string {
	return s.factSentencesMin(title, desc, minFactScore)
}

// factSentencesMin: factSentences with another bar (a comparison shows each
// product's closest sentence, even on one shared character: "屏" for "屏幕").
func (s *session) factSentencesMin(title, desc string, minScore float64) []string {
	// A follow-up read in context asks its own question: its words first.
	line := s.lastLine()
	terms := s.questionTermsOf(line, title)
	if terms.empty() {
		terms = s.questionTermsOf(s.text, title)
	}
	if terms.empty() {
		return nil
	}
	sents := descSentences(desc)
	hits := factHits(terms, sents, minScore, askedFamilies(line))
	// "带底鼓踏板吗 鼓凳有没有": each question of the line gets its own sentence,
	// which the whole line's words may rank below another's.
	if clauses := questionClauses(line); len(clauses) > 1 {
		for _, c := range clauses {
			if ct := s.questionTermsOf(c, title); !ct.empty() {
				if ch := factHits(ct, sents, minScore, askedFamilies(c)); len(ch) > 0 && !slices.ContainsFunc(hits, func(h factHit) bool { return h.i == ch[0].i }) {
					hits = append(hits, ch[0])
				}
			}
		}
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].i < hits[b].i })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.text
	}
	return out
}

// factHit is a description sentence, its place and how well it answers.
type factHit struct {
	i     int
	text  string
	score float64
}

// descSentences splits a description into its sentences, trimmed; nil entries
// stand for pieces too short to answer anything, so places stay the shop's order.
func descSentences(desc string) []string {
	var out []string
	for _, sent := range sentenceEnd.Split(desc, -1) {
		out = append(out, strings.TrimRight(strings.TrimSpace(sent), ".。;；!！?？ "))
	}
	return out
}

// factHits are the sentences that answer terms best: the closest, and the
// runners-up nearly as close (one sentence answers most questions).
// A sentence that states a measure of one of families ("多重" → a weight; asked
// of one clause of several) counts as one shared word more.
func factHits(terms questionTerms, sents []string, minScore float64, families []string) []factHit {
	var hits []factHit
	for i, sent := range sents {
		if utf8.RuneCountInString(sent) < 2 {
			continue
		}
		sc := terms.score(strings.ToLower(sent))
		for _, fam := range families {
			if len(ofFamily(measuresIn(sent), fam)) > 0 {
				sc++
			}
		}
		if sc >= minScore {
			hits = append(hits, factHit{i, sent, sc})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score > hits[b].score })
	for n := 1; n < len(hits); n++ {
		if n == maxFactSentences || hits[n].score < hits[0].score*0.5 {
			return hits[:n]
		}
	}
	return hits
}

// askedFamilies are the measure families text asks about ("多重" → weight); "how
// long" asks for a time ("how long is it covered"), not a length.
func askedFamilies(text string) []string {
	low := strings.ToLower(text)
	var out []string
	for _, f := range measureFamilies {
		if measureCues[f.id].in(low) && !(f.id == "length" && howLong.in(low)) {
			out = append(out, f.id)
		}
	}
	return out
}

// questionClauses are the questions of one line: split at punctuation and at
// spaces between Chinese ("nitro max带底鼓踏板吗 鼓凳有没有").
func questionClauses(line string) []string {
	var out []string
	for _, c := range strings.Split(itemClauses(strings.ToLower(line)), ",") {
		for _, part := range clauseSep.Split(c, -1) {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

var fillerCues = cues("filler")

// questionTerms are the turn's words that are not the product's name, a category
// word or a word of asking: Latin words, Chinese two-character runs, and single
// Chinese characters as weak evidence.
type questionTerms struct {
	words, bigrams, chars []string
	glossed               []string // the other language's words for them (lang glossary)
}

func (t questionTerms) empty() bool {
	return len(t.words)+len(t.bigrams)+len(t.chars)+len(t.glossed) == 0
}

// lastLine is the turn's last line: a follow-up's own words.
func (s *session) lastLine() string { return s.text[strings.LastIndex(s.text, "\n")+1:] }

func (s *session) questionTerms(title string) questionTerms { return s.questionTermsOf(s.text, title) }

func (s *session) questionTermsOf(text, title string) questionTerms {
	var t questionTerms
	for _, tok := range scriptTokens(s.askedWords(text, title)) {
		rs := []rune(tok)
		switch {
		case len(rs) == 0:
			// a lone apostrophe or dot, trimmed away
		case !unicode.Is(unicode.Han, rs[0]):
			t.addLatin(tok)
		default:
			t.addHan(rs)
		}
	}
	return t
}

// askedWords is text lower-cased without the title's words, category words and
// the words of asking: what the question is about.
func (s *session) askedWords(text, title string) string {
	low := strings.ToLower(text)
	for _, tok := range scriptTokens(strings.ToLower(title)) {
		if utf8.RuneCountInString(tok) >= 2 {
			low = strings.ReplaceAll(low, tok, " ")
		}
		// Part of a title word names the product too ("<三字名>" of "<三字名>淡香水");
		// two characters may be the fact asked ("防水" of "防水外套"), three are a name.
		if w := sharedRun(tok, low); utf8.RuneCountInString(w) >= 3 && !isASCII(w) {
			low = strings.ReplaceAll(low, w, " ")
		}
	}
	for _, cw := range s.words.catWords {
		low = strings.ReplaceAll(low, cw.word, " ")
	}
	for _, c := range []cueList{stockWords, priceWords, offerWords, questionWords, fillerCues, stopPhrases} {
		for _, p := range c.phrases {
			// Single characters stay: removing 有 would break 有机.
			if !isASCII(p) && utf8.RuneCountInString(p) >= 2 {
				low = strings.ReplaceAll(low, p, " ")
			}
		}
	}
	return low
}

// addLatin adds a Latin word; an English word finds a Chinese description through
// the glossary.
func (t *questionTerms) addLatin(tok string) {
	if len(tok) >= 3 && !stopWords[tok] && !isNumber(tok) && !questionWords.in(tok) {
		t.words = append(t.words, tok)
		t.glossed = append(t.glossed, lang.Chinese(tok)...)
	}
}

// addHan adds a run of Chinese: its characters, its two-character runs, and the
// English of its words with their other Chinese words ("安静" → quiet → 噪音).
func (t *questionTerms) addHan(rs []rune) {
	for n := 2; n <= 3; n++ {
		for i := 0; i+n <= len(rs); i++ {
			for _, en := range lang.Translations(string(rs[i : i+n])) {
				t.glossed = append(append(t.glossed, en), lang.Translations(en)...)
			}
		}
	}
	for i := range rs {
		if !strings.ContainsRune(weakHan, rs[i]) {
			t.chars = append(t.chars, string(rs[i]))
		}
		if i+1 < len(rs) {
			t.bigrams = append(t.bigrams, string(rs[i:i+2]))
		}
	}
}

// score: a shared word or two-character run counts 1, a shared character ¼.
func (t questionTerms) score(sent string) float64 {
	sc := 0.0
	for _, w := range t.words {
		if containsWord(sent, w) || strings.Contains(sent, stem(w)) {
			sc++
		}
	}
	for _, b := range t.bigrams {
		if strings.Contains(sent, b) {
			sc++
		}
	}
	for _, c := range t.chars {
		if strings.Contains(sent, c) {
			sc += 0.25
		}
	}
	// Each word's translations count once, as half a word: they are not the
	// customer's own words.
	seen := map[string]bool{}
	for _, g := range t.glossed {
		if !seen[g] && strings.Contains(sent, g) {
			seen[g] = true
			sc += 0.5
		}
	}
	return sc
}

// touches: a word, a two-character word or a translation of the question is in sent.
func (t questionTerms) touches(sent string) bool {
	for _, w := range t.words {
		if containsWord(sent, w) || strings.Contains(sent, stem(w)) {
			return true
		}
	}
	for _, b := range append(append([]string{}, t.bigrams...), t.glossed...) {
		if strings.Contains(sent, b) {
			return true
		}
	}
	return false
}

// stem drops an English plural or verb ending, so "<noun>ies" finds "<noun>y"
// and "washing" finds "wash".
func stem(w string) string {
	// "pregnant" and "pregnancy", "efficient" and "efficiency": one stem.
	for _, suf := range []string{"ancy", "ency", "ant", "ent"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 5 {
			return w[:len(w)-len(suf)]
		}
	}
	for _, suf := range []string{"ies", "ing", "es", "ed", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			if suf == "ies" {
				return w[:len(w)-3] + "y"
			}
			out := w[:len(w)-len(suf)]
			// "controlled" → "control", "shipping" → "ship": the doubled consonant too.
			if n := len(out); (suf == "ed" || suf == "ing") && n >= 4 && out[n-1] == out[n-2] && !strings.ContainsRune("aeiou", rune(out[n-1])) {
				out = out[:n-1]
			}
			return out
		}
	}
	return w
}

// describedInNamed: a product the turn names by name says, in its description,
// what the turn asks ("<product>防水吗" when it reads "不防暴雨"): the product
// answers, not a shop-wide FAQ that shares a word.
func (s *session) describedInNamed() bool { return s.describedIn(s.namedProducts(s.text)) }

// describedIn: one of the products says, in its description, what the turn asks.
func (s *session) describedIn(ps []*shop.Product) bool {
	for _, p := range ps {
		if len(s.factSentences(p.Title, localDescription(p.Description, s.lang))) > 0 {
			return true
		}
	}
	return false
}

// describedInTheirWords: describedIn, of the descriptions written in the
// customer's language — an English question's glossed words find loose matches
// in a Chinese page ("free" in 随箱附赠), no evidence it speaks of the question.
func (s *session) describedInTheirWords(ps []*shop.Product) bool {
	for _, p := range ps {
		desc := localDescription(p.Description, s.lang)
		// Its kind's word ("<kind>" of "<feature><kind>") names it; its page repeating
		// that word says nothing of what was asked ("就买个<kind> 要付运费吗").
		if i18n.Detect(desc) == s.lang && len(s.factSentences(p.Title+" "+strings.Join(kindEnds(p.Title), " "), desc)) > 0 {
			return true
		}
	}
	return false
}

// kindEnds are the last two characters of the title's Chinese words of three or
// more: the kind each ends in ("<kind>" of "<feature><kind>").
func kindEnds(title string) []string {
	var out []string
	for _, f := range strings.Fields(title) {
		if rs := []rune(f); len(rs) >= 3 && unicode.Is(unicode.Han, rs[len(rs)-1]) && unicode.Is(unicode.Han, rs[len(rs)-2]) {
			out = append(out, string(rs[len(rs)-2:]))
		}
	}
	return out
}
