package agent

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/tool"
)

// Sizes by body measurements ("宝宝10公斤用什么码", "身高170体重130斤穿几码", "腰围72
// 选哪个", "chest 96cm, which size?"): the product's own size chart — in its
// variants' attributes or written in its description (measure_rows.go) — read for
// the size whose ranges hold every measurement told, quoted as the shop wrote
// them. Nothing is guessed: no range holding them, no size named; two
// measurements pointing at two sizes, both said.

var (
	measuredFit = cues("measured_fit")
	sizeChoice  = lang.Regexp("size_choice")
	rangeList   = lang.Regexp("size_range_list")
	bareRange   = regexp.MustCompile(`\d(?:\.\d)?\s*[-–~～]\s*\d{1,3}(?:\.\d)?`)
	// toldRe: a number a customer tells, and its unit if any.
	toldRe = regexp.MustCompile(`(\d{1,3}(?:\.\d)?)\s*(kgs?|公斤|千克|斤|lbs?|磅|cm|厘米|公分|inches|inch|英寸)?`)
	// feetRe: a height in feet and inches ("5'9", "5 ft 9").
	feetRe = regexp.MustCompile(`\b([4-6])\s*(?:'|’|ft|feet)\s*(\d{1,2})?`)
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

// bodySize is a body measurement in kg or cm, and which one it is ("" unsaid).
type bodySize struct {
	dim   string
	value float64
	unit  string // "kg" or "cm"
}

func unitOf(u string) (string, float64) {
	switch u {
	case "kg", "kgs", "公斤", "千克":
		return "kg", 1
	case "斤":
		return "kg", 0.5
	case "lb", "lbs", "磅":
		return "kg", 0.4536
	case "inch", "inches", "英寸":
		return "cm", 2.54
	}
	return "cm", 1
}

// bodyMeasuresIn reads the measurements a customer tells: a number with a unit
// or after a measurement's word ("身高170", "腰围72", "weighs 60"); a weight
// told without a unit is in 斤 from 100 on (as it is said in Chinese), in kg
// below; a bare 140–210 beside a size question is a height ("我170 130斤").
func bodyMeasuresIn(low string) []bodySize {
	low = metresAsCm(low)
	var out []bodySize
	add := func(b bodySize) {
		for _, o := range out {
			if o.dim == b.dim && o.dim != "" {
				return
			}
		}
		out = append(out, b)
	}
	if m := feetRe.FindStringSubmatch(low); m != nil {
		ft, _ := strconv.ParseFloat(m[1], 64)
		in, _ := strconv.ParseFloat(m[2]+"0", 64)
		add(bodySize{"height", float64(int((ft*12+in/10)*2.54 + 0.5)), "cm"})
	}
	for _, m := range toldRe.FindAllStringSubmatchIndex(low, -1) {
		if m[0] > 0 && (isDigitOrDot(low[m[0]-1]) || low[m[0]-1] == '/') || m[3] < len(low) && isDigitOrDot(low[m[3]]) {
			continue
		}
		v, err := strconv.ParseFloat(low[m[2]:m[3]], 64)
		if err != nil || v <= 0 {
			continue
		}
		if b, ok := toldMeasure(low, m, v); ok {
			add(b)
		}
	}
	return out
}

func isDigitOrDot(c byte) bool { return c >= '0' && c <= '9' || c == '.' || c == '\'' }

// toldMeasure: what the number at m is, if a measurement.
func toldMeasure(low string, m []int, v float64) (bodySize, bool) {
	dim, _ := dimBefore(low[:m[0]])
	if m[4] >= 0 {
		unit, scale := unitOf(low[m[4]:m[5]])
		switch {
		case unit == "kg":
			dim = "weight"
		case dim == "" && v >= 120 && v <= 220:
			dim = "height"
		}
		return bodySize{dim, v * scale, unit}, true
	}
	rest := strings.TrimLeft(low[m[1]:], " ")
	switch {
	case dim == "weight" && v >= 100:
		return bodySize{dim, v / 2, "kg"}, true
	case dim == "weight":
		return bodySize{dim, v, "kg"}, true
	case dim != "":
		return bodySize{dim, v, "cm"}, true
	case v >= 140 && v <= 210 && (rest == "" || !startsWithAny(rest, "码", "号", "元", "块", "岁", "个", "件", "双", "%", "size", "/")):
		return bodySize{"height", v, "cm"}, true
	}
	return bodySize{}, false
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// asksMeasuredFit: measurements told with "which of M or L" or "will it fit".
func (s *session) asksMeasuredFit() bool {
	return (s.says(measuredFit) || sizeChoice.MatchString(s.low)) && len(bodyMeasuresIn(s.low)) > 0
}

// bodyMeasures: this turn's measurements, then those the customer told earlier
// in the conversation of a kind this turn does not tell.
func (s *session) bodyMeasures() []bodySize {
	out := bodyMeasuresIn(s.low)
	have := map[string]bool{}
	for _, b := range out {
		have[b.dim] = true
	}
	for i := len(s.turn.History) - 1; i >= 0; i-- {
		if h := s.turn.History[i]; h.FromCustomer {
			for _, b := range bodyMeasuresIn(strings.ToLower(h.Text)) {
				if b.dim != "" && !have[b.dim] {
					have[b.dim] = true
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// sizeFit is one size and the ranges of it that hold the customer's measurements.
type sizeFit struct {
	size   string
	held   []fitRange
	missed int
}

// fitsOf weighs every size of the chart against the measurements.
func fitsOf(rows []fitRange, ms []bodySize) []sizeFit {
	var out []sizeFit
	index := map[string]int{}
	for _, r := range rows {
		if _, ok := index[r.size]; !ok {
			index[r.size] = len(out)
			out = append(out, sizeFit{size: r.size})
		}
	}
	for _, m := range ms {
		for i := range out {
			seen, held := false, false
			for _, r := range rows {
				if r.size != out[i].size || !r.comparable(m) {
					continue
				}
				seen = true
				if r.holds(m) && !held {
					held = true
					out[i].held = append(out[i].held, r)
				}
			}
			if seen && !held {
				out[i].missed++
			}
		}
	}
	return out
}

// bestFits: the sizes that hold the most measurements and miss none.
func bestFits(fits []sizeFit) []sizeFit {
	most := 0
	for _, f := range fits {
		if f.missed == 0 && len(f.held) > most {
			most = len(f.held)
		}
	}
	var out []sizeFit
	for _, f := range fits {
		if most > 0 && f.missed == 0 && len(f.held) == most {
			out = append(out, f)
		}
	}
	return out
}

// answerMeasureSize answers a size question told by measurements, "" when the
// products meant have no size chart in their units.
func (s *session) answerMeasureSize() section {
	ms := s.bodyMeasures()
	if len(ms) == 0 {
		return section{}
	}
	var lines []string
	charted, fitted := false, false
	for _, p := range s.productsMeant(mentionedCats(s.words.categoryMentions(s.low)), false) {
		var info tool.ProductInfo
		if s.call(tool.GetProduct, map[string]string{"product_id": p.ID}, &info) != nil {
			continue
		}
		rows := usable(s.rangesOf(info), ms)
		if len(rows) == 0 {
			continue
		}
		charted = true
		title := titleText(info.Title, s.lang)
		fits := fitsOf(rows, ms)
		if best := bestFits(fits); len(best) > 0 {
			fitted = true
			lines = append(lines, s.t("agent.measure.fits", title, s.fitList(best)))
		} else if split := s.splitFits(fits, ms); split != "" {
			fitted = true
			lines = append(lines, s.t("agent.measure.fits", title, split))
		} else {
			lines = append(lines, s.t("agent.measure.none", title))
		}
	}
	if !charted {
		return section{}
	}
	text := s.t("agent.measure.head", s.measuresText(ms)) + "\n" + bullet(lines)
	if fitted {
		text += "\n" + s.t("agent.measure.note")
	}
	return section{text: text}
}

// usable: the chart's ranges that any of the measurements can be held against.
func usable(rows []fitRange, ms []bodySize) []fitRange {
	var out []fitRange
	for _, r := range rows {
		for _, m := range ms {
			if r.comparable(m) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// fitList: "M码（身高<a>-<b>cm、体重<c>-<d>kg）", sizes joined.
func (s *session) fitList(fits []sizeFit) string {
	var out []string
	for _, f := range fits {
		var texts []string
		for _, r := range f.held {
			if key := dimKeys[r.dim]; key != "" && !r.named {
				texts = append(texts, s.t(key)+" "+r.text)
			} else {
				texts = append(texts, r.text)
			}
		}
		out = append(out, s.t("agent.measure.size", f.size, strings.Join(texts, s.t("agent.list_sep"))))
	}
	return strings.Join(out, s.t("agent.list_sep"))
}

// splitFits: each measurement's own size, when no size holds them all ("按身高是
// L码，按体重是M码").
func (s *session) splitFits(fits []sizeFit, ms []bodySize) string {
	var parts []string
	for _, m := range ms {
		var sizes []sizeFit
		for _, f := range fits {
			for _, r := range f.held {
				if r.holds(m) {
					sizes = append(sizes, sizeFit{size: f.size, held: []fitRange{r}})
					break
				}
			}
		}
		if len(sizes) > 0 {
			parts = append(parts, s.t("agent.measure.by", s.measuresText([]bodySize{m}), s.fitList(sizes)))
		}
	}
	if len(parts) < 2 {
		return "" // one measurement alone fitting is no answer when another misses
	}
	return strings.Join(parts, s.t("agent.list_sep")) + s.t("agent.measure.between")
}

// measuresText restates the measurements: "身高 170cm、体重 65kg".
func (s *session) measuresText(ms []bodySize) string {
	var out []string
	for _, m := range ms {
		v := strconv.FormatFloat(m.value, 'f', -1, 64) + m.unit
		if key := dimKeys[m.dim]; key != "" {
			v = s.t(key) + " " + v
		}
		out = append(out, v)
	}
	return strings.Join(out, s.t("agent.list_sep"))
}

var dimKeys = map[string]string{
	"height": "agent.measure.dim.height", "weight": "agent.measure.dim.weight",
	"chest": "agent.measure.dim.chest", "waist": "agent.measure.dim.waist", "hip": "agent.measure.dim.hip",
	"neck": "agent.measure.dim.neck", "back": "agent.measure.dim.back", "shoulder": "agent.measure.dim.shoulder",
	"wrist": "agent.measure.dim.wrist", "finger": "agent.measure.dim.finger", "head": "agent.measure.dim.head",
	"thigh": "agent.measure.dim.thigh", "arm": "agent.measure.dim.arm",
}

// rangesOf: the size chart in the product's variant attributes, then its description.
func (s *session) rangesOf(info tool.ProductInfo) []fitRange {
	var out []fitRange
	for _, k := range info.SKUs {
		size := strings.ToUpper(k.Attributes.Get("size"))
		for name, v := range k.Attributes.All() {
			low := strings.ToLower(v)
			rs := gradeRanges(low)
			for _, m := range chartRangesIn(low) {
				if m.r.lo == m.r.hi {
					continue // "60cm": the variant's own measure, not a range it fits
				}
				if m.r.dim == "" {
					m.r.dim, _ = dimBefore(strings.ToLower(name))
					m.r.named = m.r.dim != ""
					if m.r.named {
						m.r.text = name + " " + m.r.text
					}
				}
				rs = append(rs, m.r)
			}
			for _, r := range rs {
				if size == "" {
					continue
				}
				r.size = size
				out = append(out, r)
			}
		}
	}
	return append(out, sizeRanges(localDescription(info.Description, s.lang))...)
}
