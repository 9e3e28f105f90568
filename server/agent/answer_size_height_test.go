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

// A machine's size in its title ("235×235×260mm"), carried into a follow-up read in
// context, is neither a foot length nor a count ("×235"). Pinned by p3d-b-045 and
// demo-camera-b-112.
func TestDimensionsAreNoFootNorCount(t *testing.T) {
	text := "锐迹 Kite K2 Pro 高速直驱3D打印机 235×235×260mm\n标准版到手多少"
	if f := footIn(text); f != 0 {
		t.Errorf("footIn = %d, want none", f)
	}
	if q := quantity(text, func(string) bool { return false }); q != 1 {
		t.Errorf("quantity = %d, want 1", q)
	}
	if f := footIn("我脚长260mm 穿几码"); f != 260 {
		t.Errorf("footIn(260mm) = %d", f)
	}
	if q := quantity("要这个 ×2", func(string) bool { return false }); q != 2 {
		t.Errorf("quantity(×2) = %d", q)
	}
}
