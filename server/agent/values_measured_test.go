package agent

import "testing"

// Measured variant values in the customer's units and numbers, the sign included.
func TestMeasuredValues(t *testing.T) {
	for _, tc := range []struct {
		low, part string
		want      bool
	}{
		{"加一根3米牵引绳", "3m", true},
		{"加一根3米牵引绳", "1.5m", false},
		{"45升的保温箱", "45l", true},
		{"灰色60公里的有现货吗", "60km", true},
		{"零下10度标准款", "-10℃", true},
		{"零下10度标准款", "10℃", false},
		{"舒适温度10度的", "-10℃", false},
		{"a -5°c bag", "-5℃", true},
		{"a -5℃ bag", "-5℃", true},
		{"三米的绳子", "3m", true},
		{"3mm thick", "3m", false},
	} {
		if got := measuredIn(tc.low, tc.part); got != tc.want {
			t.Errorf("measuredIn(%q, %q) = %v, want %v", tc.low, tc.part, got, tc.want)
		}
	}
}

// The variant whose value shares more of the customer's words is the one meant:
// "with the ISOFIX base" is "seat + ISOFIX base", not "seat only".
func TestValueScorePrefersTheFullerMatch(t *testing.T) {
	low := "price of the infant seat with the isofix base?"
	full, bare := valueScore(low, low, "bundle", "seat + ISOFIX base"), valueScore(low, low, "bundle", "seat only")
	if full <= bare || bare == 0 {
		t.Fatalf("seat + ISOFIX base %d, seat only %d", full, bare)
	}
}

// A storage size by its number and the start of its unit: "2T" for 2TB, "128g" for
// 128GB; a lone digit is a count ("要1个"), not a size.
func TestMeasureByNumberAndUnitStart(t *testing.T) {
	for _, tc := range []struct {
		low, part string
		want      bool
	}{
		{"2t的现在多少钱", "2tb", true},
		{"2t的现在多少钱", "1tb", false},
		{"要1个", "1tb", false},
		{"128g的有货吗", "128gb", true},
		{"128的有货吗", "128gb", true},
		{"给我来2个", "2kg", false},
	} {
		if got := measureIn(tc.low, tc.part); got != tc.want {
			t.Errorf("measureIn(%q, %q) = %v, want %v", tc.low, tc.part, got, tc.want)
		}
	}
}

// A size that is a measure (a curler's barrel, a bed's width) named by its number.
func TestSizeThatIsAMeasure(t *testing.T) {
	if !measuredSize("32的有国补吗", "32mm") || measuredSize("28的有国补吗", "32mm") || !valueScoreIs(1, "要32mm的", "size", "32mm") {
		t.Error("a size written as a measure is not read by its number")
	}
}

// A table called by its length, a bed by its width: the first of a size's
// dimensions standing alone ("how much would the <name> 180 be" is 180×100cm, not
// 150×90cm; "1.8的" is 1.8×2.0m); a short figure is a count, not a length.
func TestSizeByItsFirstDimension(t *testing.T) {
	for _, tc := range []struct {
		low, v string
		want   bool
	}{
		{"how much would the lodestar 180 be for me?", "180×100cm", true},
		{"how much would the lodestar 180 be for me?", "150×90cm", false},
		{"1.8的床垫", "1.8×2.0m", true},
		{"要2个", "2×3m", false},
	} {
		if got := widthIn(tc.low, tc.v); got != tc.want {
			t.Errorf("widthIn(%q, %q) = %v, want %v", tc.low, tc.v, got, tc.want)
		}
	}
}

// A value that starts with a figure and its word names its variant by them:
// "24色" is "24色半块" (not "12色半块"); the whole value needs no leading figure.
func TestValueByItsLeadingCount(t *testing.T) {
	if !leadCountIn("aurelle那个24色固体水彩现在到手多少", "24色半块") || leadCountIn("aurelle那个24色固体水彩现在到手多少", "12色半块") ||
		leadCountIn("要124色的", "24色半块") || leadCountIn("24色的", "24色") {
		t.Error("a value's leading count is not read as its name")
	}
}

func valueScoreIs(want int, low, name, v string) bool { return valueScore(low, low, name, v) == want }
