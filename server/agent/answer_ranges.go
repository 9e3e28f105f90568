package agent

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
)

// "孩子5岁了 喝哪个奶粉", "for a 12 kg dog", "两三个人用": a figure the customer
// gives falls within a range a product states ("3-6岁", "10-25kg"), in the same
// unit — that product is for them. Units and their spellings are language data
// (intents.json "range_units").

// rangeFitScore weighs a range that fits like a few shared words.
const rangeFitScore = 3

var rangeUnits = func() map[string]string {
	out := map[string]string{}
	for _, group := range lang.Words("range_units") {
		spellings := strings.Split(group, "|")
		for _, sp := range spellings {
			out[strings.ToLower(sp)] = spellings[0]
		}
	}
	return out
}()

// figureRe: a number and the word after it; rangeRe: two numbers joined by a dash
// or 至/到 and the word after them.
var (
	figureRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*([a-z]+|[^\sa-z0-9.,，。;；!?！？\-~～–—至到]{1,2})`)
	rangeRe  = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(?:[-~～–—]|至|到)\s*(\d+(?:\.\d+)?)\s*([a-z]+|[^\sa-z0-9.,，。;；!?！？]{1,2})`)
)

// inStatedRange: a figure of the question lies within a range of text, unit for unit.
func inStatedRange(question, text string) bool {
	in, _ := rangeVerdict(question, text)
	return in
}

// rangeVerdict: a figure of the question lies within a range text states in its
// unit (in), or only outside the ranges of that unit it states (out): "门厚35mm"
// against "适用门厚40–120mm" is out.
func rangeVerdict(question, text string) (in, out bool) {
	figures := map[string][]float64{}
	for _, m := range figureRe.FindAllStringSubmatch(halfAsDecimal(numeralsAsDigits(question)), -1) {
		if u := rangeUnitOf(m[2]); u != "" {
			v, _ := strconv.ParseFloat(m[1], 64)
			figures[u] = append(figures[u], v)
		}
	}
	if len(figures) == 0 {
		return false, false
	}
	for _, r := range statedRanges(text) {
		u, lo, hi := r.unit, r.lo, r.hi
		for _, v := range figures[u] {
			switch {
			case u == "":
			case lo <= v && v <= hi:
				return true, false
			default:
				out = true
			}
		}
	}
	return false, out
}

// statedRange is a range a product states in a unit: lo to hi, or from lo up.
type statedRange struct {
	unit   string
	lo, hi float64
}

// rangeFrom: see range_from in the language data.
var rangeFrom = lang.Regexp("range_from")

// statedRanges are the ranges text states: "3-6岁", and "14岁以上", "ages 12+"
// (from the figure up).
func statedRanges(text string) []statedRange {
	var out []statedRange
	for _, m := range rangeRe.FindAllStringSubmatch(text, -1) {
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		out = append(out, statedRange{rangeUnitOf(m[3]), lo, hi})
	}
	for _, m := range rangeFrom.FindAllStringSubmatch(text, -1) {
		num, unit := m[1], rangeUnitOf(m[2])
		if m[3] != "" {
			num, unit = m[3], rangeUnitOf("years") // "ages 12+"
		}
		if lo, err := strconv.ParseFloat(num, 64); err == nil && unit != "" {
			out = append(out, statedRange{unit, lo, math.Inf(1)})
		}
	}
	return out
}

// halfRe: see count_and_half in the language data ("1岁半").
var halfRe = lang.Regexp("count_and_half")

// halfAsDecimal writes "1岁半" as "1.5岁", so that a range "1.5-5岁" holds it.
func halfAsDecimal(text string) string { return halfRe.ReplaceAllString(text, "${1}.5$2") }

// rangeUnitOf is the unit of the word after a number, in its first spelling
// ("公斤" → "kg"): a Latin word whole, Chinese by its start ("岁了" → "岁"); "" for none.
func rangeUnitOf(word string) string {
	w := strings.ToLower(word)
	if isASCII(w) {
		return rangeUnits[w]
	}
	for n := len(w); n > 0; n-- {
		if u, ok := rangeUnits[w[:n]]; ok {
			return u
		}
	}
	return ""
}

// recentCustomerText is the turn and the customer's last few messages before it,
// lower-cased: what they told of themselves ("孩子5岁了") before asking.
func (s *session) recentCustomerText() string {
	parts := []string{s.low}
	for _, m := range s.earlierFromCustomer() {
		parts = append(parts, strings.ToLower(m.Text))
	}
	return strings.Join(parts, "\n")
}
