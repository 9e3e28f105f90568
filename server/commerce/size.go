package commerce

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
)

// SizeAdvice is the recommend_size result. The first three fields are SPEC §5; the
// rest say how the answer was reached, so the model can explain it:
//   - target_foot_mm = reference_foot_mm + fit_mm (the room the product asks for);
//   - exact_fit: the recommended row's foot_mm equals the target;
//   - between_sizes: the target falls strictly between two rows of the chart, so
//     the advice rounds up to the next size (customers often ask "or the smaller?");
//   - reference_source: "size_system" (the category's size table) or
//     "product_chart" (the size was read on this product's own chart).
type SizeAdvice struct {
	ProductID         string `json:"product_id"`
	RecommendedSize   string `json:"recommended_size"`
	ReferenceFootMM   int    `json:"reference_foot_mm"`
	FitMM             int    `json:"fit_mm"`
	TargetFootMM      int    `json:"target_foot_mm"`
	RecommendedFootMM int    `json:"recommended_foot_mm"`
	ChartSystem       string `json:"chart_system,omitempty"`
	ReferenceSource   string `json:"reference_source"`
	ReferenceSystem   string `json:"reference_system,omitempty"`
	ExactFit          bool   `json:"exact_fit"`
	BetweenSizes      bool   `json:"between_sizes"`
	// Note is NoteMsg in the reader's words, set by the caller that shows the advice
	// (commerce leaves it empty).
	Note    string   `json:"note"`
	NoteMsg i18n.Msg `json:"-"`
}

// Where the reference foot length came from.
const (
	SourceSizeSystem   = "size_system"
	SourceProductChart = "product_chart"
)

// RecommendSize turns the size the customer usually wears (refSize in refCategory,
// optionally refSystem) into a foot length and picks the target product's smallest
// row with foot_mm ≥ that length + fit_mm (SPEC §4). When it cannot answer (unknown
// product, no chart, unknown reference size, nothing long enough) it returns a typed
// error saying so, never a guess.
func RecommendSize(snap *shop.Snapshot, productID, refSize, refCategory, refSystem string) (*SizeAdvice, error) {
	prod := snap.Product(strings.TrimSpace(productID))
	if prod == nil {
		return nil, &NotFoundError{Kind: "product", ID: productID, Msg: i18n.M("commerce.product.not_found", productID)}
	}
	chart := prod.SizeChart
	if chart == nil || len(chart.Rows) == 0 {
		return nil, &SizeError{Reason: SizeNoChart, Msg: i18n.M("commerce.size.no_chart", prod.Title)}
	}
	foot, source, system, err := referenceFoot(snap, prod, refSize, refCategory, refSystem)
	if err != nil {
		return nil, err
	}
	return sizeFor(prod, foot, source, system)
}

// SourceFootLength: the customer gave their foot length itself.
const SourceFootLength = "foot_length"

// Foot lengths a person can have, in millimetres (a newborn to a very large adult).
const (
	MinFootMM = 70
	MaxFootMM = 360
)

// RecommendSizeForFoot is RecommendSize from a foot length the customer measured
// ("脚长245mm"): the product's smallest row with foot_mm ≥ length + fit_mm.
func RecommendSizeForFoot(snap *shop.Snapshot, productID string, footMM int) (*SizeAdvice, error) {
	prod := snap.Product(strings.TrimSpace(productID))
	if prod == nil {
		return nil, &NotFoundError{Kind: "product", ID: productID, Msg: i18n.M("commerce.product.not_found", productID)}
	}
	if prod.SizeChart == nil || len(prod.SizeChart.Rows) == 0 {
		return nil, &SizeError{Reason: SizeNoChart, Msg: i18n.M("commerce.size.no_chart", prod.Title)}
	}
	if footMM < MinFootMM || footMM > MaxFootMM {
		return nil, &SizeError{Reason: SizeUnknownReference, Msg: i18n.M("commerce.size.foot_range", footMM, MinFootMM, MaxFootMM)}
	}
	return sizeFor(prod, footMM, SourceFootLength, "")
}

// sizeFor picks the row of prod's chart for a foot length (SPEC §4).
func sizeFor(prod *shop.Product, foot int, source, system string) (*SizeAdvice, error) {
	chart := prod.SizeChart
	target := foot + chart.FitMM
	best, smaller := -1, false
	for i, r := range chart.Rows {
		if r.FootMM < target {
			smaller = true
		} else if best < 0 || r.FootMM < chart.Rows[best].FootMM {
			best = i // strict <: the first of equal rows wins
		}
	}
	if best < 0 {
		longest := 0
		for i, r := range chart.Rows {
			if r.FootMM > chart.Rows[longest].FootMM {
				longest = i
			}
		}
		return nil, &SizeError{Reason: SizeNothingLong, Msg: i18n.M("commerce.size.too_short", prod.Title,
			foot, chart.FitMM, chart.Rows[longest].Size, chart.Rows[longest].FootMM)}
	}
	row := chart.Rows[best]
	a := &SizeAdvice{ProductID: prod.ID, RecommendedSize: row.Size, ReferenceFootMM: foot, FitMM: chart.FitMM,
		TargetFootMM: target, RecommendedFootMM: row.FootMM, ChartSystem: chart.System,
		ReferenceSource: source, ReferenceSystem: system, ExactFit: row.FootMM == target}
	a.BetweenSizes = !a.ExactFit && smaller
	switch {
	case a.ExactFit:
		a.NoteMsg = i18n.M("commerce.size.exact", row.Size, prod.Title, foot, chart.FitMM)
	case a.BetweenSizes:
		a.NoteMsg = i18n.M("commerce.size.between", foot, chart.FitMM, prod.Title, row.Size)
	default:
		a.NoteMsg = i18n.M("commerce.size.smallest", row.Size, prod.Title, foot, chart.FitMM)
	}
	return a, nil
}

// referenceFoot finds the foot length of the reference size: in the size systems of
// the named category (document order, first exact match; refSystem narrows them),
// else — no category, or none of its systems left — on the product's own chart.
func referenceFoot(snap *shop.Snapshot, prod *shop.Product, refSize, refCategory, refSystem string) (foot int, source, system string, err error) {
	refSize, refSystem = strings.TrimSpace(refSize), strings.TrimSpace(refSystem)
	var tables []*shop.SizeSystem
	if cat := normCategory(refCategory); cat != "" {
		for i := range snap.Catalog.SizeSystems {
			s := &snap.Catalog.SizeSystems[i]
			if normCategory(s.Category) == cat && (refSystem == "" || strings.EqualFold(s.System, refSystem)) {
				tables = append(tables, s)
			}
		}
	}
	if len(tables) > 0 {
		for _, match := range []func(string) bool{exactSize(refSize), looseSize(refSize), withinRange(refSize)} {
			for _, t := range tables {
				for _, r := range t.Rows {
					if match(r.Size) {
						return r.FootMM, SourceSizeSystem, t.System, nil
					}
				}
			}
		}
		name := strings.TrimSpace(refCategory)
		if refSystem != "" {
			name += " " + refSystem
		}
		return 0, "", "", &SizeError{Reason: SizeUnknownReference, Msg: i18n.M("commerce.size.unknown_ref", refSize, name)}
	}
	chart := prod.SizeChart
	if refSystem != "" && chart.System != "" && !strings.EqualFold(refSystem, chart.System) {
		return 0, "", "", &SizeError{Reason: SizeSystemMismatch,
			Msg: i18n.M("commerce.size.system", refSize, refSystem, prod.Title, chart.System)}
	}
	for _, match := range []func(string) bool{exactSize(refSize), looseSize(refSize), withinRange(refSize)} {
		for _, r := range chart.Rows {
			if match(r.Size) {
				return r.FootMM, SourceProductChart, chart.System, nil
			}
		}
	}
	return 0, "", "", &SizeError{Reason: SizeUnknownReference, Msg: i18n.M("commerce.size.unknown_ref", refSize, prod.Title)}
}

func exactSize(want string) func(string) bool {
	return func(s string) bool { return s == want }
}

// looseSize also accepts what people and models write around a size: "38码",
// "38 號", "eu 38" against a row "38"/"EU 38" — only after no exact match was found.
func looseSize(want string) func(string) bool {
	w := normSize(want)
	return func(s string) bool { return w != "" && normSize(s) == w }
}

// sizeRange: a row sized as a span of sizes ("42-43", "38~39").
var sizeRange = regexp.MustCompile(`^(\d{1,2}(?:\.5)?)\s*[-~～]\s*(\d{1,2}(?:\.5)?)$`)

// withinRange accepts a row whose size is a span holding the size written ("42码"
// in the row "42-43") — only after no exact or loose match was found.
func withinRange(want string) func(string) bool {
	w, err := strconv.ParseFloat(normSize(want), 64)
	return func(s string) bool {
		m := sizeRange.FindStringSubmatch(normSize(s))
		if err != nil || m == nil {
			return false
		}
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		return lo <= w && w <= hi
	}
}

func normSize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, suf := range []string{"码", "碼", "号", "號"} {
		s = strings.TrimSuffix(s, suf)
	}
	for _, pre := range []string{"size", "eu", "cn", "us", "uk", "jp"} {
		s = strings.TrimPrefix(s, pre)
	}
	return strings.ReplaceAll(s, " ", "")
}

// normCategory makes "Foo Bar", "foo_bar" and "foo-bar" the same.
func normCategory(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "-", "_", "-").Replace(s)
}
