package agent

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/lang"
	"github.com/concierge-shop/concierge/server/shop"
)

// "<A> vs <B>, which one is lighter?", "<系列> 800 和 1500 差在哪": products are
// told apart by the measures their descriptions state — a weight, a brightness, a
// battery, a power — and "lighter" asks for one of them. A measure is a number
// and a unit word of one family (intents.json lists unit_* and, per family, the
// words that ask about it: measure_<family>, and which way is "more" of it).

// measureFamily is a kind of measure: the unit lists that write it, each with its
// scale to the family's smallest unit, so that kilograms and grams compare.
type measureFamily struct {
	id    string
	units []unitScale
	label string    // the message key of its name
	ways  [2]string // the message keys of "more of it" and "less of it"
}

type unitScale struct {
	list  string
	scale float64
}

var measureFamilies = []measureFamily{
	{"weight", []unitScale{{"unit_g", 1}, {"unit_kg", 1000}}, "agent.figure.weight", [2]string{"agent.figure.weight.more", "agent.figure.weight.less"}},
	{"brightness", []unitScale{{"unit_lm", 1}}, "agent.figure.brightness", [2]string{"agent.figure.brightness.more", "agent.figure.brightness.less"}},
	{"battery", []unitScale{{"unit_mah", 1}}, "agent.figure.battery", [2]string{"agent.figure.battery.more", "agent.figure.battery.less"}},
	{"power", []unitScale{{"unit_w", 1}}, "agent.figure.power", [2]string{"agent.figure.power.more", "agent.figure.power.less"}},
	{"pressure", []unitScale{{"unit_psi", 1}}, "agent.figure.pressure", [2]string{"agent.figure.pressure.more", "agent.figure.pressure.less"}},
	{"volume", []unitScale{{"unit_ml", 1}, {"unit_l", 1000}}, "agent.figure.volume", [2]string{"agent.figure.volume.more", "agent.figure.volume.less"}},
	{"length", []unitScale{{"unit_mm", 1}, {"unit_cm", 10}, {"unit_m", 1000}}, "agent.figure.length", [2]string{"agent.figure.length.more", "agent.figure.length.less"}},
	{"hours", []unitScale{{"unit_h", 1}}, "agent.figure.hours", [2]string{"agent.figure.hours.more", "agent.figure.hours.less"}},
	{"temperature", []unitScale{{"unit_c", 1}}, "agent.figure.temperature", [2]string{"agent.figure.temperature.more", "agent.figure.temperature.less"}},
	{"area", []unitScale{{"unit_m2", 1}}, "agent.figure.area", [2]string{"agent.figure.area.more", "agent.figure.area.less"}},
}

// measureCues are, per family, the words that ask about it ("<family>"), for more
// of it ("<family>_more") and for less ("<family>_less").
var measureCues = func() map[string]cueList {
	out := map[string]cueList{}
	for _, f := range measureFamilies {
		for _, k := range []string{f.id, f.id + "_more", f.id + "_less"} {
			out[k] = cues("measure_" + k)
		}
	}
	return out
}()

// figure is one measure a product's text states.
type figure struct {
	family string
	value  float64 // in the family's smallest unit
	text   string  // as written ("3.6kg")
}

// unitScaleOf is a unit word's family and its scale to the family's smallest unit.
type unitScaleOf struct {
	family string
	scale  float64
}

// unitFamily maps each unit word to its family and scale; statedRe finds a number
// and a unit word, the longest first.
var unitFamily, statedRe = func() (map[string]unitScaleOf, *regexp.Regexp) {
	out := map[string]unitScaleOf{}
	var words []string
	for _, f := range measureFamilies {
		for _, u := range f.units {
			for _, w := range lang.Words(u.list) {
				out[w] = unitScaleOf{f.id, u.scale}
				words = append(words, w)
			}
		}
	}
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	alts := make([]string, len(words))
	for i, w := range words {
		alts[i] = regexp.QuoteMeta(w)
	}
	// A Latin unit ends at a non-letter: "5000mah" is no "5000m".
	return out, regexp.MustCompile(`(?:^|[^\d.a-z])(-|−|零下)?(\d+(?:\.\d+)?)\s*(` + strings.Join(alts, "|") + `)`)
}()

// caseUnits are the unit letters a capital makes another thing: "G" (giga), "M"
// (mega, a size, a brand).
var caseUnits = map[string]bool{"g": true, "m": true}

// measuresIn are the measures text states, in order, each figure once per family.
func measuresIn(text string) []figure {
	low := strings.ToLower(text)
	var out []figure
	seen := map[string]bool{}
	if len(low) != len(text) {
		text = low // the figures are shown as written when lower-casing kept the offsets
	}
	for _, ix := range statedRe.FindAllStringSubmatchIndex(low, -1) {
		m := make([]string, 4)
		for g := 1; g < 4; g++ {
			if ix[2*g] >= 0 {
				m[g] = low[ix[2*g]:ix[2*g+1]]
			}
		}
		u, ok := unitFamily[m[3]]
		if !ok || ix[7] < len(low) && isASCIILetter(rune(low[ix[7]])) && isASCIILetter(rune(low[ix[7]-1])) {
			continue // a Latin unit ends at a non-letter: "5000mah" is no "5000m"
		}
		if caseUnits[m[3]] && text[ix[6]:ix[7]] != m[3] {
			continue // "<n>G" is storage and "<n>M" a size or a brand, not grams and metres
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		if m[1] != "" {
			v = -v
		}
		key := u.family + "/" + strconv.FormatFloat(v*u.scale, 'f', -1, 64)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, figure{family: u.family, value: v * u.scale, text: m[1] + text[ix[4]:ix[7]]})
	}
	return out
}

// productMeasures are the measures of p's description and attribute values.
func productMeasures(p *shop.Product) []figure {
	var b strings.Builder
	b.WriteString(p.Description)
	for _, k := range p.SKUs {
		for _, a := range k.Attributes {
			b.WriteString(" " + a.Value)
		}
	}
	return measuresIn(b.String())
}

// maxMeasureCells: a cell lists at most this many figures of a family.
const maxMeasureCells = 4

// measureRows are the table rows of the families at least two of the products
// state, the families the customer asked about first; and, when they asked which
// is more or less of one that each states once, the line that says which.
func (s *session) measureRows(ps []*shop.Product, row tableRow) (rows []string, verdict string) {
	per := make([][]figure, len(ps))
	for i, p := range ps {
		per[i] = productMeasures(p)
	}
	var asked, rest []measureFamily
	for _, f := range measureFamilies {
		n := 0
		for _, ms := range per {
			if len(ofFamily(ms, f.id)) > 0 {
				n++
			}
		}
		if n < 2 {
			continue
		}
		if s.says(measureCues[f.id]) {
			asked = append(asked, f)
		} else {
			rest = append(rest, f)
		}
	}
	for _, f := range append(asked, rest...) {
		fam := f.id
		rows = append(rows, row(s.t(f.label), func(i int) string {
			var texts []string
			for j, m := range ofFamily(per[i], fam) {
				if j == maxMeasureCells {
					break
				}
				texts = append(texts, m.text)
			}
			return or(strings.Join(texts, " / "), "—")
		}))
	}
	for _, f := range asked {
		if v := s.measureVerdict(ps, per, f); v != "" {
			return rows, v
		}
	}
	return rows, ""
}

// measureVerdict names the product with the least (or most) of fam, when the
// customer asked which has less (more) and each product states one figure.
func (s *session) measureVerdict(ps []*shop.Product, per [][]figure, f measureFamily) string {
	fam := f.id
	more := s.says(measureCues[fam+"_more"])
	less := s.says(measureCues[fam+"_less"])
	if more == less {
		return ""
	}
	best, tie := -1, false
	var figures []string
	for i, ms := range per {
		of := ofFamily(ms, fam)
		if len(of) != 1 {
			return ""
		}
		figures = append(figures, fmt.Sprintf("%s %s", titleText(ps[i].Title, s.lang), of[0].text))
		if best < 0 {
			best = i
			continue
		}
		b := ofFamily(per[best], fam)[0].value
		switch v := of[0].value; {
		case v == b:
			tie = true
		case more && v > b, less && v < b:
			best, tie = i, false
		}
	}
	if tie {
		return ""
	}
	way := f.ways[1]
	if more {
		way = f.ways[0]
	}
	return s.t("agent.figure.verdict", titleText(ps[best].Title, s.lang), s.t(way),
		strings.Join(figures, s.t("agent.list_sep")))
}

func ofFamily(ms []figure, fam string) []figure {
	var out []figure
	for _, m := range ms {
		if m.family == fam {
			out = append(out, m)
		}
	}
	return out
}

// coldBelow and coldStretch: a cold the customer tells (at or below 10℃) is met
// by a product made for that cold or up to 15 degrees colder ("舒适温度<−t>℃"
// for "零下<n>度", t ≥ n), not by one made for milder weather.
const (
	coldBelow   = 10
	coldStretch = 15
)

// maxFitStretch: a product made for up to this many times what the customer
// needs still fits it ("800平" and a mower "适用1000平方米"); bigger is another class.
const maxFitStretch = 2.5

// figuresFit: text states a figure of a need the customer told, the same ("零下30度"
// and "-30℃") or a capacity at least as much and not far above ("800平" and
// "适用1000平方米"). Temperatures match only exactly: a rating below zero covers
// less as it grows.
func figuresFit(told []figure, text string) bool {
	if len(told) == 0 {
		return false
	}
	for _, m := range measuresIn(text) {
		for _, q := range told {
			switch {
			case q.family != m.family:
			case q.value == m.value:
				return true
			case q.family != "temperature" && q.value > 0 && m.value >= q.value && m.value <= q.value*maxFitStretch:
				return true
			case q.family == "temperature" && q.value <= coldBelow && m.value <= q.value && m.value >= q.value-coldStretch:
				// "能到零下3度": made for -5℃ keeps one warm there; made for 10℃ does not.
				return true
			}
		}
	}
	return false
}

// toldFigures are the figures of the turn, read once.
func (s *session) toldFigures() []figure {
	if s.told == nil {
		told := measuresIn(s.text)
		s.told = &told
	}
	return *s.told
}
