package agent

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
)

// A size chart written in prose, as shops write them when the catalogue has no
// field for it: "S码：身高<a>-<b>cm，体重<c>-<d>kg；M码：…", "按胸围选码：S <a>-<b>cm，M
// <b>-<c>cm", "身高<a>-<b>cm、体重<c>-<d>kg建议M码", "M(<height>/<chest>A)". Each measured range
// is tied to the size it belongs to and to the body measurement it is of (the
// word before it, or the unit: kg is a weight), so that "腰围72" is held against
// waists and never against heights.

// fitRange is one size and one range it fits.
type fitRange struct {
	size   string
	dim    string // body_dims name; "" when the text does not say
	lo, hi float64
	unit   string // "cm" or "kg"
	text   string // as the shop wrote it
	named  bool   // text names the measurement ("身高155-160cm", not "155-160cm")
}

// holds: m lies in the range, in the same unit and of the same measurement
// (a range or a measurement of no named kind is held against any of its unit).
func (r fitRange) holds(m bodySize) bool {
	return r.comparable(m) && m.value >= r.lo && (r.hi < 0 || m.value <= r.hi)
}

func (r fitRange) comparable(m bodySize) bool {
	if r.unit != m.unit || r.dim == "" || m.dim == "" || r.dim == m.dim {
		return r.unit == m.unit
	}
	return r.dim == "girth" && (m.dim == "chest" || m.dim == "waist")
}

// bodyDims: every spelling of a measurement, longest first, with its name.
var bodyDims = func() []dimWord {
	var out []dimWord
	for _, group := range lang.Words("body_dims") {
		sp := strings.Split(group, "|")
		for _, w := range sp[1:] {
			out = append(out, dimWord{strings.ToLower(w), sp[0]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].word) > len(out[j].word) })
	return out
}()

type dimWord struct{ word, dim string }

// dimBefore: the measurement named right before the end of text (separators and
// "是/约" between allowed), and where its word starts.
func dimBefore(text string) (string, int) {
	t := trimFillers(text)
	for _, d := range bodyDims {
		if at := len(t) - len(d.word); strings.HasSuffix(t, d.word) && wordStart(t, at) {
			return d.dim, at
		}
	}
	return "", -1
}

// wordStart: an English word at i starts a word ("hip", not the end of "ship").
func wordStart(text string, i int) bool {
	return i == 0 || text[i] >= 0x80 || !isASCIILetter(rune(text[i-1]))
}

// dimFillers may stand between a measurement's word and its number ("身高是170").
var dimFillers = []string{"大概", "大约", "差不多", "约", "是", "有", "为", "about", "around", "is", "of"}

func trimFillers(text string) string {
	for {
		t := strings.TrimRight(text, " :：=＝")
		for _, w := range dimFillers {
			t = strings.TrimSuffix(t, w)
		}
		if t == text {
			return t
		}
		text = t
	}
}

// dimInSentence: the last measurement of two or more characters named in text
// ("按胸围选码：S …"); one-character words are too common to stand for a column.
func dimInSentence(text string) string {
	best, at := "", -1
	for _, d := range bodyDims {
		if utf8.RuneCountInString(d.word) < 2 {
			continue
		}
		if i := strings.LastIndex(text, d.word); i > at && wordStart(text, i) && (d.word[0] >= 0x80 || !endsInLetter(text, i+len(d.word))) {
			best, at = d.dim, i
		}
	}
	return best
}

var (
	// measuredRe: a range or a bound with its unit ("<a>-<b>cm", "<n>kg以上").
	measuredRe = regexp.MustCompile(`(\d{1,3}(?:\.\d)?)\s*(?:[-–~～至到]\s*(\d{1,3}(?:\.\d)?))?\s*(kg|公斤|千克|斤|cm|厘米|公分)(\s*(?:以上|及以上|\+|and up|or more))?`)
	// labelEnd: a size at the end of text ("S码", "XL", "100码", "29", "均码").
	labelEnd = regexp.MustCompile(`(?i)(?:^|[^a-z0-9./])([2-6]?x{0,4}[sml]|均码|\d{3}/\d{2,3}[a-z]?|\d{1,3})\s*(?:码|号|號)?$`)
	// labelStart: a size at the start of text.
	labelStart = regexp.MustCompile(`(?i)^([2-6]?x{0,4}[sml]|均码|\d{1,3})\s*(?:码|号|號)?(?:$|[^a-z0-9])`)
	// gradeRe: a Chinese garment grade, "170/88A": the height it is cut for, then the chest or waist.
	gradeRe   = regexp.MustCompile(`(?i)(?:^|[^0-9])(1[4-9]\d)/(\d{2,3})[a-z]?`)
	sentences = regexp.MustCompile(`[。；;\n!！?？]+`)
	rowSeps   = " \t:：(（)）,，、/=＝"
)

// measuredAt is one measured range found in a sentence, at [start, end).
type measuredAt struct {
	start, end int
	r          fitRange
}

// sizeRanges reads every size and measured range in text.
func sizeRanges(text string) []fitRange {
	var out []fitRange
	for _, sentence := range sentences.Split(withUnits(strings.ToLower(text)), -1) {
		out = append(out, sentenceRanges(sentence)...)
		out = append(out, gradeRanges(sentence)...)
	}
	return spreadPoints(out)
}

// spreadPoints turns a chart's single figures ("S 背长<a>cm；M 背长<b>cm") into the
// ranges they stand for: each size from just above the size below it up to its
// own figure, so that between two sizes the larger is named, as shops advise;
// the smallest reaches down one step. A figure of no named measurement is
// dropped: it may be a garment length that nothing a customer tells is held against.
func spreadPoints(rows []fitRange) []fitRange {
	byDim := map[string][]int{}
	var out []fitRange
	for i, r := range rows {
		if r.lo != r.hi {
			out = append(out, r)
		} else if r.dim != "" {
			byDim[r.dim+" "+r.unit] = append(byDim[r.dim+" "+r.unit], i)
		}
	}
	dims := make([]string, 0, len(byDim))
	for d := range byDim {
		dims = append(dims, d)
	}
	sort.Strings(dims) // one order every time
	for _, d := range dims {
		idx := byDim[d]
		sort.SliceStable(idx, func(a, b int) bool { return rows[idx[a]].lo < rows[idx[b]].lo })
		for k, i := range idx {
			r := rows[i]
			switch {
			case k > 0:
				r.lo = rows[idx[k-1]].hi + 0.01
			case len(idx) > 1:
				r.lo = r.hi - (rows[idx[1]].hi - r.hi)
			}
			out = append(out, r)
		}
	}
	return out
}

// sentenceRanges: the measured ranges of one sentence, each tied to its size. The
// size stands before its ranges ("S码：身高…") or after them ("…建议M码"); which,
// the sentence's first range tells, and the whole sentence is read that way.
func sentenceRanges(sentence string) []fitRange {
	ms := chartRangesIn(sentence)
	if len(ms) == 0 {
		return nil
	}
	before := labelBehind(sentence, ms, 0) != ""
	var out []fitRange
	for i := range ms {
		size := ""
		if before {
			size = labelBehind(sentence, ms, i)
		} else {
			size = labelAhead(sentence, ms, i)
		}
		if size == "" {
			continue
		}
		r := ms[i].r
		r.size = size
		out = append(out, r)
	}
	return out
}

// chartRangesIn: the sentence's measured ranges, each with the measurement it is of.
func chartRangesIn(sentence string) []measuredAt {
	var out []measuredAt
	for _, m := range measuredRe.FindAllStringSubmatchIndex(sentence, -1) {
		lo, err := strconv.ParseFloat(sentence[m[2]:m[3]], 64)
		if err != nil {
			continue
		}
		hi := -1.0
		if m[4] >= 0 {
			if hi, err = strconv.ParseFloat(sentence[m[4]:m[5]], 64); err != nil || hi < lo {
				continue
			}
		} else if m[8] < 0 {
			hi = lo // a single figure: a point of a garment chart (spreadPoints)
		}
		unit, scale := unitOf(sentence[m[6]:m[7]])
		lo *= scale
		if hi > 0 {
			hi *= scale
		}
		start := m[0]
		dim, at := dimBefore(sentence[:start])
		named := at >= 0
		switch {
		case named:
			start = at
		case unit == "kg":
			dim = "weight"
		default:
			dim = dimInSentence(sentence[:start])
		}
		out = append(out, measuredAt{start, m[1], fitRange{dim: dim, lo: lo, hi: hi, unit: unit,
			text: strings.TrimSpace(sentence[start:m[1]]), named: named}})
	}
	return out
}

// labelBehind: the size written before range i, past the ranges of its row.
func labelBehind(sentence string, ms []measuredAt, i int) string {
	for {
		head := strings.TrimRight(trimPointerRight(strings.TrimRight(sentence[:ms[i].start], rowSeps)), rowSeps)
		if i > 0 && len(head) == ms[i-1].end {
			i--
			continue
		}
		if m := labelEnd.FindStringSubmatch(head); m != nil {
			return strings.ToUpper(m[1])
		}
		return ""
	}
}

// labelAhead: the size written after range i ("…建议M码"), past the ranges of its row.
func labelAhead(sentence string, ms []measuredAt, i int) string {
	for {
		tail := strings.TrimLeft(sentence[ms[i].end:], rowSeps)
		if i+1 < len(ms) && len(sentence)-len(tail) == ms[i+1].start {
			i++
			continue
		}
		tail = strings.TrimLeft(trimPointer(tail), rowSeps)
		if m := labelStart.FindStringSubmatch(tail); m != nil {
			return strings.ToUpper(m[1])
		}
		return ""
	}
}

var sizePointers = func() []string {
	ws := lang.Words("size_pointer")
	sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	return ws
}()

// trimPointer drops a word pointing from ranges to their size ("建议", "choose").
func trimPointer(s string) string {
	for _, w := range sizePointers {
		if strings.HasPrefix(s, w) {
			return s[len(w):]
		}
	}
	return s
}

// endsInLetter: an English letter follows at i ("arm" of "warm" is no word).
func endsInLetter(text string, i int) bool {
	return i < len(text) && isASCIILetter(rune(text[i]))
}

// trimPointerRight drops a pointing word before ranges ("S码适合身高…", "S fits chest …").
func trimPointerRight(s string) string {
	for _, w := range sizePointers {
		if strings.HasSuffix(s, w) {
			return s[:len(s)-len(w)]
		}
	}
	return s
}

// gradeRanges: "M(170/88A)" is size M for a height of about 170 cm (grades step
// by 5 cm, so ±2.5) and a chest or waist of about 88 (steps of 4, ±2).
func gradeRanges(sentence string) []fitRange {
	var out []fitRange
	for _, m := range gradeRe.FindAllStringSubmatchIndex(sentence, -1) {
		h, _ := strconv.ParseFloat(sentence[m[2]:m[3]], 64)
		g, _ := strconv.ParseFloat(sentence[m[4]:m[5]], 64)
		grade := strings.TrimSpace(sentence[m[2]:m[1]])
		size := strings.ToUpper(grade)
		if l := labelEnd.FindStringSubmatch(strings.TrimRight(sentence[:m[2]], rowSeps)); l != nil && !strings.Contains(l[1], "/") {
			size = strings.ToUpper(l[1])
		}
		out = append(out,
			fitRange{size: size, dim: "height", lo: h - 2.5, hi: h + 2.5, unit: "cm", text: grade},
			fitRange{size: size, dim: "girth", lo: g - 2, hi: g + 2, unit: "cm", text: grade})
	}
	return out
}

// metresRe: a length told in metres the Chinese way — "1米42", "一米四五",
// "1.42米", "1米半".
var metresRe = regexp.MustCompile(`(?:^|[^\d.])([12一两二])(?:\.(\d{1,2}))?\s*米\s*(\d{1,2}|[零一二三四五六七八九]{1,2}|半)?`)

// metresAsCm rewrites the heights and lengths low tells in metres in centimetres
// ("1米42" → "142cm"), so they are read like any other: a child of 1米42 is 142
// cm tall, not 1.
func metresAsCm(low string) string {
	var b strings.Builder
	last := 0
	for _, m := range metresRe.FindAllStringSubmatchIndex(low, -1) {
		// m[2]:m[3] is the metres: what the pattern took before them stays.
		b.WriteString(low[last:m[2]])
		cm := 100 * int(parseCount(low[m[2]:m[3]]))
		frac := ""
		switch {
		case m[4] >= 0:
			frac = low[m[4]:m[5]]
		case m[6] >= 0:
			frac = numeralsAsDigits(low[m[6]:m[7]])
		}
		switch d, _ := strconv.Atoi(frac); {
		case frac == "半":
			cm += 50
		case len(frac) == 1:
			cm += d * 10
		case len(frac) == 2:
			cm += d
		}
		b.WriteString(strconv.Itoa(cm) + "cm")
		last = m[1]
	}
	return b.String() + low[last:]
}
