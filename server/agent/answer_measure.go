package agent

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
)

// Sizes by a body measurement ("宝宝10公斤用什么码", "孩子身高105穿多大", "chest
// 96cm, which size?"): the product's own size ranges — in its variants'
// attributes ("weight: <a>-<b> kg") or its description ("M <a>-<b>kg，L <c>-<d>kg",
// "100码 90-100cm") — that hold the measurement, quoted as the shop wrote them.
// Nothing is guessed: no range holding it, no size named.

var (
	bodyMeasure = lang.Regexp("body_measure")
	bodyHeight  = lang.Regexps("body_height")
	bodyWeight  = lang.Regexps("body_weight")
	sizeRange   = lang.Regexp("size_range")
	rangeList   = lang.Regexp("size_range_list")
	bareRange   = regexp.MustCompile(`\d(?:\.\d)?\s*[-–~～]\s*\d{1,3}(?:\.\d)?`)
)

// withUnits writes the unit of a list of ranges after each of them: "S 25-32,
// M 32-40 cm" reads "S 25-32cm, M 32-40cm".
func withUnits(text string) string {
	return rangeList.ReplaceAllStringFunc(text, func(m string) string {
		sub := rangeList.FindStringSubmatch(m)
		unit := sub[3]
		head := bareRange.ReplaceAllStringFunc(sub[1], func(r string) string { return r + unit })
		return head + sub[2] + unit
	})
}

// bodySize is a body measurement in kg or cm.
type bodySize struct {
	value float64
	unit  string // "kg" or "cm"
}

func unitOf(u string) (string, float64) {
	switch u {
	case "kg", "公斤", "千克":
		return "kg", 1
	case "斤":
		return "kg", 0.5
	}
	return "cm", 1
}

// bodyMeasureIn is the measurement the text tells, if any.
func bodyMeasureIn(low string) (bodySize, bool) {
	m := bodyMeasure.FindStringSubmatch(low)
	if m == nil {
		for unit, res := range map[string][]*regexp.Regexp{"cm": bodyHeight, "kg": bodyWeight} {
			for _, re := range res {
				if m := re.FindStringSubmatch(low); m != nil {
					if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 {
						return bodySize{v, unit}, true
					}
				}
			}
		}
		return bodySize{}, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v <= 0 {
		return bodySize{}, false
	}
	unit, scale := unitOf(m[2])
	return bodySize{v * scale, unit}, true
}

// fitRange is one size and the range it fits.
type fitRange struct {
	size   string
	lo, hi float64 // hi < 0: "and up"
	unit   string
	text   string // as the shop wrote it
}

func (r fitRange) holds(m bodySize) bool {
	return r.unit == m.unit && m.value >= r.lo && (r.hi < 0 || m.value <= r.hi)
}

// sizeRanges reads every "<size> <lo>-<hi><unit>" in text.
func sizeRanges(text string) []fitRange {
	var out []fitRange
	for _, m := range sizeRange.FindAllStringSubmatch(withUnits(text), -1) {
		lo, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		hi := -1.0
		if m[3] != "" {
			if hi, err = strconv.ParseFloat(m[3], 64); err != nil || hi < lo {
				continue
			}
		} else if !strings.Contains(m[0], "以上") && !strings.Contains(m[0], "+") && !strings.Contains(m[0], "up") && !strings.Contains(m[0], "more") {
			continue // a single number is no range
		}
		unit, _ := unitOf(strings.ToLower(m[4]))
		out = append(out, fitRange{size: strings.ToUpper(strings.TrimRight(m[1], "码號号")), lo: lo, hi: hi, unit: unit,
			text: strings.TrimSpace(m[0])})
	}
	return out
}

// answerMeasureSize answers a size question told by a measurement, "" when the
// products meant have no size range in that unit.
func (s *session) answerMeasureSize() section {
	m, ok := bodyMeasureIn(s.low)
	if !ok {
		return section{}
	}
	var lines []string
	for _, p := range s.productsMeant(mentionedCats(s.words.categoryMentions(s.low)), false) {
		var info ProductInfo
		if s.call(ToolGetProduct, map[string]string{"product_id": p.ID}, &info) != nil {
			continue
		}
		var fits []string
		for _, r := range s.rangesOf(info) {
			// The size by its name ("M码"), then the range the page gives for it.
			if line := s.t("agent.measure.size", r.size, r.text); r.holds(m) && !contains(fits, line) {
				fits = append(fits, line)
			}
		}
		if len(fits) > 0 {
			lines = append(lines, s.t("agent.measure.fits", localText(info.Title, s.lang), strings.Join(fits, s.t("agent.list_sep"))))
		}
	}
	if len(lines) == 0 {
		return section{}
	}
	return section{text: bullet(lines) + "\n" + s.t("agent.measure.note")}
}

// rangesOf: the size ranges in the product's variant attributes, else its description.
func (s *session) rangesOf(info ProductInfo) []fitRange {
	var out []fitRange
	for _, k := range info.SKUs {
		size := k.Attributes.Get("size")
		for _, v := range k.Attributes.All() {
			for _, r := range sizeRanges("x " + v) {
				if size != "" {
					r.size, r.text = size, size+" "+strings.TrimSpace(strings.TrimPrefix(r.text, "x"))
				}
				out = append(out, r)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	return sizeRanges(localDescription(info.Description, s.lang))
}
