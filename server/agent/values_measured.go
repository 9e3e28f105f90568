package agent

import (
	"regexp"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
)

// A variant named by a measure ("3m", "45L", "60km", "-10℃") is written by customers
// in their own units and numbers: "3米", "45升", "60公里", "零下10度". The units'
// words are language data (intents.json lists unit_*).

// unitLists are the lists of each unit's words; a value's unit is found among them.
// A word of two units ("度": alcohol, temperature) maps to the later one's words.
var unitLists = []string{"unit_m", "unit_cm", "unit_mm", "unit_km", "unit_l", "unit_ml", "unit_kg", "unit_g", "unit_abv", "unit_c", "unit_inch"}

// unitWords maps each word of a unit to all the words of that unit.
var unitWords = func() map[string][]string {
	out := map[string][]string{}
	for _, id := range unitLists {
		ws := lang.Words(id)
		for _, w := range ws {
			out[w] = ws
		}
	}
	return out
}()

var (
	belowZero = lang.Words("below_zero")
	// measuredValue: an attribute value part that is a number and its unit.
	measuredValue = regexp.MustCompile(`^(-?)(\d+(?:\.\d+)?)\s*(%?[a-z℃°"″]+|%|\p{Han}{1,3})$`)
)

// measuredIn: low names the measured value part in any of its unit's words, the
// sign included ("零下10度" is -10℃, not 10℃).
func measuredIn(low, part string) bool {
	m := measuredValue.FindStringSubmatch(part)
	if m == nil {
		return sameMeasure(low, part)
	}
	words := unitWords[m[3]]
	if len(words) == 0 {
		return sameMeasure(low, part)
	}
	alts := make([]string, len(words))
	for i, w := range words {
		alts[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(`(?:^|[^\d.])(` + regexp.QuoteMeta(m[2]) + `)\s*(?:` + strings.Join(alts, "|") + `)(?:[^a-z]|$)`)
	text := numeralsAsDigits(low)
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		if negativeBefore(text[:loc[2]]) == (m[1] == "-") {
			return true
		}
	}
	// In another unit of the same kind: "1米2" (1.2 m) for 120cm.
	return m[1] == "" && sameMeasure(low, part)
}

// negativeBefore: the number that follows before is below zero.
func negativeBefore(before string) bool {
	before = strings.TrimRight(before, " ")
	if strings.HasSuffix(before, "-") || strings.HasSuffix(before, "−") {
		return true
	}
	for _, w := range belowZero {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// sameMeasure: part states one measure ("约120cm") and low states it too, in
// another unit of its family ("1.2米").
func sameMeasure(low, part string) bool {
	want := measuresIn(part)
	if len(want) != 1 {
		return false
	}
	for _, f := range measuresIn(metresSpoken(numeralsAsDigits(low))) {
		if f.family == want[0].family && f.value == want[0].value {
			return true
		}
	}
	return false
}

// metreAndTenths: "1米2", a length said in metres and tenths.
var metreAndTenths = regexp.MustCompile(`(\d)米(\d)(\D|$)`)

// metresSpoken writes "1米2" as "1.2米", the measure it says.
func metresSpoken(low string) string {
	return metreAndTenths.ReplaceAllString(low, "${1}.${2}米${3}")
}
