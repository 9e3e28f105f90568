package agent

import (
	"strings"
	"testing"
)

// A size of three digits: "平时穿130" of a costume sized by height (a table whose
// rows read 1300 mm) is that size, and the answer speaks of a height, not of a
// 1300 mm foot; "穿210的鞋" where the shop's tables list 210 as 210 mm, or none,
// is a foot of 210 mm. Pinned by demo-party-102, -103 and toys-057.
func TestThreeDigitSizes(t *testing.T) {
	for _, c := range []struct{ shop, say, want, not string }{
		{"demo-party", "女儿平时穿130 冰雪公主裙买哪个码", "**140**", "1300"},
		{"demo-toys", "女儿穿210的鞋，买哪个码的轮滑鞋", "**M**", "没有 210"},
	} {
		r, _ := newAssetFixture(t, c.shop).plan(t, turn("dave", c.say))
		if !strings.Contains(r.Text, c.want) || strings.Contains(r.Text, c.not) {
			t.Errorf("%q: %q, want %q and not %q", c.say, r.Text, c.want, c.not)
		}
	}
}
