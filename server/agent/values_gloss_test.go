package agent

import "testing"

// An English question names a Chinese variant value through the glossary, but not
// by a unit word or a count's unit.
func TestGlossedValues(t *testing.T) {
	for _, c := range []struct {
		low, name, v string
		want         int
	}{
		{"trench tr-8 khaki m", "color", "卡其", 2}, // a whole word of the glossary counts twice
		{"the meridian with the black dial", "dial", "黑盘", 1},
		{"the meridian with the black dial", "dial", "蓝盘", 0},
		{"what colour is it", "colour", "黑色", 0},
		{"one pack of the wipes", "pack", "便携装", 0},
		{"8 boxes of blueberries", "pack", "4盒", 0},
	} {
		if !valueScoreIs(c.want, c.low, c.name, c.v) {
			t.Errorf("%q names %s=%s: want score %d", c.low, c.name, c.v, c.want)
		}
	}
}
