package agent

import (
	"strings"
	"testing"
)

// A colour sold as one character is named by it with 色, 的 or 款 after it, and by
// nothing else ("蓝牙" is no blue); a one-character value of another attribute is not
// read so.
func TestOneRuneColourNamed(t *testing.T) {
	for _, tc := range []struct {
		text, name, v string
		want          bool
	}{
		{"蓝色浴巾还有吗", "color", "蓝", true},
		{"要灰的", "颜色", "灰", true},
		{"蓝牙耳机有吗", "color", "蓝", false},
		{"蓝色的有吗", "material", "蓝", false},
	} {
		if got := mentionsValueIn(tc.text, strings.ToLower(tc.text), tc.name, tc.v); got != tc.want {
			t.Errorf("%q %s=%s: named %v, want %v", tc.text, tc.name, tc.v, got, tc.want)
		}
	}
}

// An angry word in a case supposed and asked about ("万一收到烂果了怎么赔啊") asks the
// shop's rule; the same word said outright, or in a threat, is anger.
func TestSupposedCaseIsNoAnger(t *testing.T) {
	for text, want := range map[string]bool{
		"万一收到烂果了怎么赔啊": false,
		"你们怎么赔！":      true,
		"如果再不退款我就投诉":  true,
	} {
		if got := isAngry(text, strings.ToLower(text)); got != want {
			t.Errorf("%q: angry %v, want %v", text, got, want)
		}
	}
}
