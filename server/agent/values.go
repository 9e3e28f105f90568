package agent

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/concierge-shop/concierge/server/lang"
)

// How the customer names a variant's attribute values: the value's words, a
// colour's root, a measure with or without its unit, dimensions, a pack told as a
// count, a style without its style word, Chinese numerals as digits.

// mentionsValueIn: the customer wrote this attribute value ("白色", "white", "39码",
// "256GB", "size M"); low is text lower-cased.
func mentionsValueIn(text, low, name, v string) bool {
	if name == "size" {
		// A size written in words ("中号", "加大") is named as any value is ("medium").
		return mentionsSize(text, v) || measuredSize(low, v) || dimsIn(low, v) || widthIn(low, v) || sizeInWords(low, name, v)
	}
	for _, part := range valueParts(v) {
		if partIn(low, name, part) {
			return true
		}
	}
	return containerIn(low, v) || letterValueIn(text, v) || oneRuneColourIn(low, name, v) || contractedIn(low, v) || spanIn(low, v) ||
		colourInEachRun(low, name, v)
}

// valueSpan: a value that is a span of figures in a unit ("160-300cm").
var valueSpan = regexp.MustCompile(`^(\d+(?:\.\d+)?\s*[-~～–—]\s*\d+(?:\.\d+)?)\s*[a-z]*$`)

// spanIn: low writes the figures of a span value without its unit ("伸缩杆160-300"
// for 160-300cm).
func spanIn(low, v string) bool {
	m := valueSpan.FindStringSubmatch(strings.ToLower(v))
	return m != nil && occursBounded(low, m[1], isDigitOrPoint)
}

// letterValueIn: a value that is one capital letter (a shaft's flex "S", a grade
// "A") written alone in text, before a Chinese word or at its end ("S杆", "要R的").
func letterValueIn(text, v string) bool {
	if len(v) != 1 || v[0] < 'A' || v[0] > 'Z' {
		return false
	}
	for at := 0; ; {
		i := strings.Index(text[at:], v)
		if i < 0 {
			return false
		}
		i += at
		end := i + 1
		rest, _ := utf8.DecodeRuneInString(text[end:])
		if (i == 0 || !isASCIILetter(rune(text[i-1]))) && (end == len(text) || unicode.Is(unicode.Han, rest)) {
			return true
		}
		at = end
	}
}

// perContainer: a pack sold by the container, "5包/箱", "12支/盒".
var perContainer = regexp.MustCompile(`^\d+\s*\p{Han}\s*/\s*(\p{Han})$`)

// containerIn: low buys the value's container — whole ("整箱") or counted ("要6箱",
// "两盒") — so the variant sold by it is meant.
func containerIn(low, v string) bool {
	m := perContainer.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return false
	}
	if strings.Contains(low, "整"+m[1]) {
		return true
	}
	for _, q := range countsIn(low, func(string) bool { return false }) {
		if strings.Contains(numeralsAsDigits(low), strconv.FormatInt(parseCount(q), 10)+m[1]) {
			return true
		}
	}
	return false
}

// valueScore: how many words of the attribute value the customer wrote ("with the
// ISOFIX base" names "seat + ISOFIX base" more than "seat only"); a size counts one.
func valueScore(text, low, name, v string) int {
	if name == "size" {
		if mentionsSize(text, v) || measuredSize(low, v) || dimsIn(low, v) || widthIn(low, v) {
			return 1
		}
		if sizeInWords(low, name, v) {
			return 1
		}
		return 0
	}
	n := partsScore(low, name, v)
	if containerIn(low, v) || leadCountIn(low, v) || letterValueIn(text, v) || oneRuneColourIn(low, name, v) || spanIn(low, v) {
		n++ // a colour sold as one rune ("灰"), which valueParts leaves out
	}
	if n == 0 && contractedIn(low, v) {
		n = 1
	}
	// "双电套装" of "双电2.0Ah套装": the value's Chinese words the customer kept,
	// the figure between them left out; "多层实木板" of "ENF级多层实木板".
	return max(n, hanRunsIn(low, v), hanCoreIn(low, v))
}

// partsScore counts the parts of value v that low names, twice a part named by a
// whole word of the glossary ("walnut": 胡桃木 for 胡桃), not by one rune of it
// ("wood": 木 of 浅木).
func partsScore(low, name, v string) int {
	n := 0
	for _, part := range valueParts(v) {
		if partIn(low, name, part) {
			n++
			if zh := glossedWordIn(low, name, part); utf8.RuneCountInString(zh) >= 2 {
				n++
			}
		}
	}
	return n
}

// leadCount: a figure and the one Chinese character after it that start a value
// ("<n><unit>" of "<n><unit><rest>").
var leadCount = regexp.MustCompile(`^\d+\p{Han}`)

// leadCountIn: low states the figure and word a value starts with, the figure
// standing alone ("<n><unit>的" names "<n><unit><rest>"), and the value goes on after them.
func leadCountIn(low, v string) bool {
	m := leadCount.FindString(v)
	return m != "" && len(m) < len(v) && occursBounded(low, m, isDigitOrPoint)
}

// minCoreRunes: the shortest part of a value's Chinese that names it alone.
const minCoreRunes = 3

// hanCoreIn is 1 when low writes a Chinese run of the value but for its first or
// last character ("多层实木板" of "<grade>级多层实木板"), 0 otherwise.
func hanCoreIn(low, v string) int {
	for _, f := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		rs := []rune(f)
		if len(rs) <= minCoreRunes {
			continue
		}
		if strings.Contains(low, string(rs[1:])) || strings.Contains(low, string(rs[:len(rs)-1])) {
			return 1
		}
	}
	return 0
}

// hanRunsIn counts the runs of Chinese (two runes or more) of a value that has two
// or more, written in low; 0 for a value of fewer runs.
func hanRunsIn(low, v string) int {
	var runs []string
	for _, f := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		if utf8.RuneCountInString(f) >= 2 {
			runs = append(runs, f)
		}
	}
	if len(runs) < 2 {
		return 0
	}
	n := 0
	for _, r := range runs {
		if strings.Contains(low, r) {
			n++
		}
	}
	return n
}

// partIn: low names one word of an attribute value.
func partIn(low, name, part string) bool {
	if degreesIn(low, part) {
		return true // "10.5度" for 10.5°
	}
	return partWordIn(low, name, part)
}

// degreesIn: low writes the degrees of a value in them ("10.5度" for 10.5°, not for 0.5°).
func degreesIn(low, part string) bool {
	deg, ok := strings.CutSuffix(part, "°")
	return ok && deg != "" && occursBounded(low, deg+"度", isDigitOrPoint)
}

// partWordIn: low names the value part in its words (see partIn).
func partWordIn(low, name, part string) bool {
	if isASCII(part) {
		return latinPartIn(low, part)
	}
	if stem, ok := lackedStem(part); ok {
		return lacksIn(low, stem) // "不带头枕的" for 无头枕
	}
	switch {
	case statedIn(low, part), measuredIn(low, part):
		return true
	case leadIn(low, part):
		return true // "6L" for 6L<style>版, "nfc" for NFC版
	case colourRootIn(low, part):
		return true // "白的", "黑款" for 白色, 黑色; "青 品红 黄各一瓶" for 青色, 黄色
	case isColourAttr(name) && baseColourIn(low, part):
		return true // "灰色", "灰的" for 岩灰
	case packIn(low, part):
		return true // "5-pack", "5支的" for 5支装
	case dimsIn(low, part), widthIn(low, part):
		return true // "220x240的" for 220×240cm, "1.8的" for 1.8×2.0m
	case styleStemIn(low, part):
		return true // "客厅那款" for 客厅款
	case glossedIn(low, name, part):
		return true // "khaki", "black dial" for 卡其, 黑盘
	}
	if bareFigureIn(low, part) {
		return true // "<name> 15" for 15年
	}
	return strings.ContainsAny(part, "0123456789") && strings.Contains(numeralsAsDigits(low), part) // "二段" for 2段
}

// figureUnit: a value that is a figure and one Chinese unit ("15年", "3段").
var figureUnit = regexp.MustCompile(`^(\d+)\p{Han}$`)

// bareFigureIn: low writes the figure of such a value standing alone — no unit,
// word or count after it, no sign before it ("<Brand> 15", "and the 18?"):
// the customer leaves the unit out, as the catalogue's buyers all know it.
func bareFigureIn(low, part string) bool {
	m := figureUnit.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	for at := 0; ; {
		i := strings.Index(low[at:], m[1])
		if i < 0 {
			return false
		}
		i += at
		end := i + len(m[1])
		at = i + 1
		if i > 0 && strings.ContainsRune("0123456789.x×*¥$/-", rune(low[i-1])) {
			continue
		}
		rest := strings.TrimLeft(low[end:], " ")
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isDigitOrPoint(r) && !isASCIILetter(r) && !unicode.Is(unicode.Han, r) && r != '%' {
			return true
		}
		if asksAfterFigure(rest, strings.TrimPrefix(part, m[1])) {
			return true
		}
	}
}

// asksAfterFigure: what follows a bare figure asks about it or names its unit in
// English — "<name> 18有货吗", "the <name> 18 in stock?", "<name> 18 year" of 18年 —
// not another measure ("18寸", "18 inch").
func asksAfterFigure(rest, unit string) bool {
	for _, c := range []cueList{stockWords, priceWords} {
		for _, p := range c.phrases {
			if strings.HasPrefix(rest, p) && (!isASCII(p) || len(rest) == len(p) || !isASCIILetter(rune(rest[len(p)]))) {
				return true
			}
		}
	}
	if w := latinWordsOf(rest); len(w) > 0 && strings.HasPrefix(rest, w[0]) {
		return slices.Contains(lang.Chinese(w[0]), unit)
	}
	return false
}

// dims: dimensions as written, "220×240", "1.5 x 2", "180*200".
var dims = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*[x×*✕xX]\s*(\d+(?:\.\d+)?)`)

// dimsIn: low gives the dimensions part states, whatever sign it multiplies with.
func dimsIn(low, part string) bool {
	want := dims.FindStringSubmatch(part)
	if want == nil {
		return false
	}
	for _, m := range dims.FindAllStringSubmatch(low, -1) {
		if m[1] == want[1] && m[2] == want[2] {
			return true
		}
	}
	return false
}

// widthIn: low gives the first of the dimensions part states, a decimal or a
// figure of three digits or more standing alone — beds and mattresses are called
// by their width ("1.8的床垫" is 1.8×2.0m), tables by their length ("<name> 180" is
// 180×100cm).
func widthIn(low, part string) bool {
	m := dims.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	if (strings.Contains(m[1], ".") || len(m[1]) >= 3) && occursBounded(low, m[1], isDigitOrPoint) {
		return true
	}
	// Two digits are a width only said as one: "80宽", "宽80", "80cm宽", "80 wide".
	for _, w := range []string{m[1] + "宽", "宽" + m[1], m[1] + "cm宽", m[1] + " wide", m[1] + "cm wide", m[1] + " cm wide"} {
		if occursBounded(low, w, isDigitOrPoint) {
			return true
		}
	}
	return false
}

// tens: a Chinese number up to ninety-nine written with 十 ("十一", "二十", "三十五").
var tens = regexp.MustCompile(`([一二两三四五六七八九]?)十([一二三四五六七八九]?)`)

// numeralsAsDigits writes Chinese numbers below a hundred as digits ("二段" → "2段",
// "双十一" → "双11", "七折" → "7折").
func numeralsAsDigits(low string) string {
	low = tens.ReplaceAllStringFunc(low, func(m string) string {
		sub := tens.FindStringSubmatch(m)
		n := int64(10)
		if sub[1] != "" {
			n = cnDigits[[]rune(sub[1])[0]] * 10
		}
		if sub[2] != "" {
			n += cnDigits[[]rune(sub[2])[0]]
		}
		return strconv.FormatInt(n, 10)
	})
	low = strings.Map(func(r rune) rune {
		if n, ok := cnDigits[r]; ok && n < 10 {
			return []rune("0123456789")[n]
		}
		return r
	}, low)
	// "两万毫安" is 20000mAh: a figure of ten thousands written out. (Not 千: "千克",
	// "千兆" are units of their own.)
	return tenThousands.ReplaceAllStringFunc(low, func(m string) string {
		sub := tenThousands.FindStringSubmatch(m)
		f, err := strconv.ParseFloat(sub[2], 64)
		if err != nil {
			return m
		}
		return sub[1] + strconv.FormatInt(int64(math.Round(f*10000)), 10)
	})
}

// tenThousands: a figure of ten thousands ("2万", "1.5万"), not inside a longer figure.
var tenThousands = regexp.MustCompile(`(^|[^\d.])(\d{1,3}(?:\.\d)?)万`)

// packValue: a pack size as shops write it, a count and its measure word and 装
// ("<n>支装", "<n>双装").
var packValue = regexp.MustCompile(`^(\d{1,3}|[一两二三四五六七八九十])(\p{Han})装?$`)

// packIn: low names the pack part ("5支装") as the customer writes it: the count
// with its measure word ("5支", "五支"), or in English ("5-pack", "pack of 5").
func packIn(low, part string) bool {
	m := packValue.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	n := strconv.FormatInt(parseCount(m[1]), 10)
	if digits := numeralsAsDigits(low); strings.Contains(digits, n+m[2]) ||
		slices.ContainsFunc(measureTwins(n+m[2]), func(t string) bool { return strings.Contains(digits, t) }) {
		return true
	}
	for _, m := range packEn.FindAllStringSubmatch(low, -1) {
		if m[1]+m[2] == n {
			return true
		}
	}
	// "8 boxes" for 8盒: the count and its measure word in English.
	for _, q := range qtyEn.FindAllStringSubmatch(low, -1) {
		ws := strings.Fields(q[0])
		if strconv.FormatInt(parseCount(q[1]+q[2]), 10) == n && len(ws) >= 2 && slices.Contains(lang.Translations(ws[len(ws)-1]), m[2]) {
			return true
		}
	}
	return false
}

// packEn: a pack size in English ("5-pack", "5 pcs", "pack of 5").
var packEn = regexp.MustCompile(`\b(\d{1,3})\s*-?\s*(?:pack|pk|pcs|pieces|count|ct)\b|\bpack of (\d{1,3})\b`)

// isColourAttr: the attribute is a colour, whatever the shop calls it.
func isColourAttr(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "colo") || strings.Contains(n, "色")
}

// measure is a number with its unit ("256gb", "1.5l", "1tb"): the customer may write
// the number alone or with the start of the unit ("256", "256g", "512的", "1t"). A
// single digit alone is too often a count, so it needs the unit's first letter.
var measure = regexp.MustCompile(`^(\d+|\d+\.\d+)([a-z]+)$`)

// leadIn: low names the Latin head of a mixed value ("6l" of 6L<style>版, "nfc" of NFC版).
func leadIn(low, part string) bool {
	if m := leadingMeasure.FindStringSubmatch(part); m != nil && measureIn(low, m[1]) {
		return true
	}
	if m := leadingHan.FindStringSubmatch(part); m != nil && strings.Contains(low, m[1]) {
		return true // "<款>" for <款>10/12cm
	}
	m := leadingLetters.FindStringSubmatch(part)
	return m != nil && containsWord(low, m[1])
}

// leadingHan: a value that is a Chinese word and then its measure ("<款>10/12cm"):
// the word alone names it.
var leadingHan = regexp.MustCompile(`^(\p{Han}{2,})\d`)

// leadingLetters: a value that is a Latin word and a Chinese suffix ("nfc版", "pro款").
var leadingLetters = regexp.MustCompile(`^([a-z][a-z0-9]{1,})[\p{Han}]{1,2}$`)

// leadingMeasure: a value that starts with a measure and goes on in Chinese ("6l<style>版").
var leadingMeasure = regexp.MustCompile(`^((?:\d+|\d+\.\d+)[a-z]{1,3})\p{Han}`)

// measureIn: low names the measure part by its number and at most its unit.
func measureIn(low, part string) bool {
	m := measure.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	least := 0
	if len(m[1]) == 1 {
		least = 1
	}
	for i := len(m[2]); i >= least; i-- {
		re := `(?:^|[^\d.])` + regexp.QuoteMeta(m[1]) + `\s*` + regexp.QuoteMeta(m[2][:i]) + `(?:[^\d.a-z]|$)`
		if regexp.MustCompile(re).MatchString(low) {
			return true
		}
	}
	return false
}

// valueParts are the words of an attribute value that name it on their own
// ("白色 / white" → 白色, white): two letters or characters at least.
func valueParts(v string) []string {
	var out []string
	// A value's note in brackets is a part of its own: "中株(6-8叶)" is named
	// "中株", "套装(含电池+充电器)" by "kit" or by "with the battery".
	low := numberUnitSpace.ReplaceAllStringFunc(strings.ToLower(v), func(m string) string {
		if f := strings.Fields(m); len(f) == 2 && (isUnitWord(f[1]) || f[1] == "in") {
			return f[0] + f[1] // "600 mm" is one measure; "K20 <Z>" stays a model's name
		}
		return m
	})
	for _, part := range strings.FieldsFunc(low, func(r rune) bool { return isAttrSep(r) || strings.ContainsRune("()（）[]【】", r) }) {
		// A diameter's sign ("Φ500mm") and an "about" ("约120cm") are left out as
		// customers leave them ("500的", "1米2的").
		part = strings.TrimPrefix(strings.TrimLeft(part, "φ⌀ø~≈"), "约")
		if isASCII(part) && len(part) >= 2 || !isASCII(part) && len([]rune(part)) >= 2 {
			out = append(out, part)
		}
		// "10g×30袋", "250g×4块": the count of the pack is named alone ("30袋的");
		// "48色半块": so is the count the value starts with ("48色那个").
		if m := packTail.FindStringSubmatch(part); m != nil {
			out = append(out, m[1])
		} else if m := countHead.FindStringSubmatch(part); m != nil && len(m[1]) < len(part) {
			out = append(out, m[1])
		}
	}
	return out
}

// countHead: a value that starts with a count and its measure word ("48色半块").
var countHead = regexp.MustCompile(`^(\d{1,3}[色件片块支只瓶袋包粒颗头格层])\p{Han}`)

// packTail: a value that is a unit's size times a count of them ("10g×30袋").
var packTail = regexp.MustCompile(`[×*]\s*(\d{1,3}[袋包块片粒颗支只瓶罐盒条卷张枚个听桶])装?$`)

// numberUnitSpace: a figure and its Latin unit written apart ("600 mm", "19.7 in").
var numberUnitSpace = regexp.MustCompile(`(\d)\s+([a-z]{1,3})\b`)

// measuredSize: a size that is a measure ("32mm" barrel, "1.8m" bed) named by its
// number and unit in the customer's words ("32的", "1米8" aside).
func measuredSize(low, v string) bool {
	for _, part := range valueParts(v) {
		if measureIn(low, part) || measuredIn(low, part) {
			return true
		}
	}
	return false
}

// mentionsSize: a numeric size as a number of its own ("39", "39码"); a letter size
// ("M", "XL") in capitals or after "size"/"码", so the "m" of "I'm" is not a size.
func mentionsSize(text, size string) bool {
	if size == "" {
		return false
	}
	if isNumber(size) {
		return occursBounded(text, size, isDigitOrPoint)
	}
	if occursBounded(text, size, isASCIILetter) {
		return true
	}
	// In any case, marked as a size: "m码", "size m", "码M".
	low, sz := strings.ToLower(text), strings.ToLower(size)
	for at := 0; ; {
		i := strings.Index(low[at:], sz)
		if i < 0 {
			return false
		}
		i += at
		before, after := strings.TrimRight(low[:i], " "), strings.TrimLeft(low[i+len(sz):], " ")
		leftOK := i == 0 || !isASCIILetter(rune(low[i-1]))
		rightOK := after == "" || !isASCIILetter(rune(after[0])) && !isDigitOrPoint(rune(after[0]))
		switch {
		case leftOK && startsWithAny(after, "码", "号", "碼", "號"):
			return true
		case rightOK && (strings.HasSuffix(before, "size") || strings.HasSuffix(before, "码") || strings.HasSuffix(before, "号")):
			return true
		}
		at = i + len(sz)
	}
}

// occursBounded: sub occurs in text with no rune of the kind on either side.
func occursBounded(text, sub string, kind func(rune) bool) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], sub)
		if i < 0 {
			return false
		}
		i += at
		end := i + len(sub)
		if (i == 0 || !kind(rune(text[i-1]))) && (end == len(text) || !kind(rune(text[end]))) {
			return true
		}
		at = i + 1
	}
}

func isDigitOrPoint(r rune) bool { return r >= '0' && r <= '9' || r == '.' }

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// sizeInWords: a size written in words ("中号", "中株(6-8叶)") is named as any
// value is ("medium", "中株").
func sizeInWords(low, name, v string) bool {
	if isASCII(v) {
		return false
	}
	for _, part := range valueParts(v) {
		if !isASCII(part) && partIn(low, name, part) {
			return true
		}
	}
	return false
}

// latinPartIn: low names a Latin value part as a word, a measure ("3m", "3米")
// or the number of a model-like value ("3000" of <AB>3000).
func latinPartIn(low, part string) bool {
	return containsWord(low, part) || measureIn(low, part) || measuredIn(low, part) || modelNumberIn(low, part)
}

// modelNumberRe: a value that is a short letter prefix and a number ("<AB>3000", "<A>500").
var modelNumberRe = regexp.MustCompile(`^[a-z]{1,3}-?(\d{3,5})$`)

// modelNumberIn: low writes the number of a value that is a letter prefix and a
// number ("3000的" for <AB>3000), standing alone (not inside a longer figure).
func modelNumberIn(low, part string) bool {
	m := modelNumberRe.FindStringSubmatch(part)
	if m == nil {
		return false
	}
	for i := 0; ; {
		j := strings.Index(low[i:], m[1])
		if j < 0 {
			return false
		}
		j += i
		end := j + len(m[1])
		before, after := byte(' '), byte(' ')
		if j > 0 {
			before = low[j-1]
		}
		if end < len(low) {
			after = low[end]
		}
		if !isDigitOrPoint(rune(before)) && !isDigitOrPoint(rune(after)) && !isASCIILetter(rune(before)) && !isASCIILetter(rune(after)) {
			return true
		}
		i = j + 1
	}
}

// lackedStem is what a value part says the variant lacks ("头枕" of 无头枕).
func lackedStem(part string) (string, bool) {
	for _, w := range noneWords.phrases {
		if stem, ok := strings.CutPrefix(part, w); ok && utf8.RuneCountInString(stem) >= 2 && !isASCII(w) {
			return stem, true
		}
	}
	return "", false
}

// lacksIn: low asks for a variant without stem ("不带头枕", "没有头枕的", "无头枕").
func lacksIn(low, stem string) bool {
	for _, w := range append(slices.Clone(noneWords.phrases), lackingWords.phrases...) {
		if !isASCII(w) && strings.Contains(low, w+stem) {
			return true
		}
	}
	return false
}

// lackingWords: see value_lacking in the language data.
var lackingWords = cues("value_lacking")

// statedIn: low has part other than right after a negation ("不带头枕" does not
// ask for 带头枕).
func statedIn(low, part string) bool {
	for at := 0; ; {
		i := strings.Index(low[at:], part)
		if i < 0 {
			return false
		}
		i += at
		if r, _ := utf8.DecodeLastRuneInString(low[:i]); !strings.ContainsRune("不没无非", r) {
			return true
		}
		at = i + len(part)
	}
}

// noneWords: see value_none in the language data.
var noneWords = cues("value_none")

// saysNone: a value part that says what the variant lacks ("不含电池", "无盖").
func saysNone(part string) bool {
	for _, w := range noneWords.phrases {
		if strings.HasPrefix(part, w) {
			return true
		}
	}
	return false
}

// glossedIn: an English word (or two) of low is, in the glossary, a Chinese word
// the value part has: an English question names a variant written in Chinese
// ("khaki" for 卡其).
func glossedIn(low, name, part string) bool { return glossedWordIn(low, name, part) != "" }

// glossedWordIn is the Chinese word of the glossary by which low names the value
// part (see glossedIn); "" when it names none.
func glossedWordIn(low, name, part string) string {
	if r, _ := utf8.DecodeRuneInString(part); unicode.IsDigit(r) {
		return "" // a count or measure ("4盒") is matched by its number, not its unit
	}
	if saysNone(part) {
		return "" // "不含电池" is no variant "with the battery"
	}
	// The attribute's own name ("dial", "colour") names no value of it: 盘 is in
	// every dial.
	attr := strings.ToLower(name)
	ofAttr := lang.Translations(attr)
	words := latinWordsOf(low)
	for i, w := range words {
		if isUnitWord(w) || w == attr || slices.ContainsFunc(lang.Translations(w), func(zh string) bool { return slices.Contains(ofAttr, zh) }) {
			continue // "pack" is no 装 of 便携装
		}
		keys := []string{w}
		if i+1 < len(words) {
			keys = append(keys, w+" "+words[i+1])
		}
		for _, k := range keys {
			for _, zh := range lang.Chinese(k) {
				// A colour sold as its one rune ("黑") is named by its word ("black": 黑色).
				// A value the glossary's word starts ("胡桃" of 胡桃木 for "walnut") too.
				if strings.Contains(part, zh) || utf8.RuneCountInString(part) == 1 && colorRoot(zh) == part ||
					utf8.RuneCountInString(part) >= 2 && strings.HasPrefix(zh, part) {
					return zh
				}
			}
		}
	}
	return ""
}
