package agent

import (
	"strings"
	"testing"
)

// "<brand>66W的<tag>多少钱" is not the 20W product the tag names alone; after a
// comparison, "买哪个" chooses among the products compared (on the
// demo-phonecase shop: one charger tagged 充电头, the others not).
func TestMeasureSaidAndFollowUpOfAComparison(t *testing.T) {
	if !otherMeasureIn("华为66W的充电头多少钱", "闪充侠 20W PD快充头") || otherMeasureIn("66W的充电头", "麒充 66W 超级快充头") || otherMeasureIn("充电头多少钱", "闪充侠 20W PD快充头") {
		t.Error("otherMeasureIn: want true only for another figure of the same unit")
	}
	// English writes the unit apart: "40 inch" is another figure than "12 inch".
	if !otherMeasureIn("two of the 40 inch gold balloons", "Confetti Balloons 12 inch, Pack of 20") || otherMeasureIn("2 black tees", "Tee 2 pack") {
		t.Error("otherMeasureIn: a number and its unit written apart are one measure")
	}
	f := newAssetFixture(t, "demo-phonecase")
	_, calls := f.plan(t, turn("guest", "华为66W的充电头多少钱"))
	if got := quotedCart(t, calls); got["s-chg-06-white"] != 1 || len(got) != 1 {
		t.Errorf("华为66W的充电头: quoted %v, want the 66W charger", got)
	}
	r, _ := f.planAfter(t, "guest", "35W和67W的充电头有啥区别", "我就给iPhone充 买哪个")
	if !strings.Contains(r.Text, "35W") || strings.Contains(r.Text, "20W PD") {
		t.Errorf("买哪个 after comparing 35W and 67W: %q, want those two, not the 20W", r.Text)
	}
}

// "我退货的话运费要自己出吗" is answered by the FAQ on return shipping, not by
// another FAQ's sentence that limits a return ("已经发货的订单不能改地址，可以拒收后
// 按退货处理"), which speaks less of the fee asked (on the demo-innerwear shop).
func TestReturnFeeNotAnotherRule(t *testing.T) {
	f := newAssetFixture(t, "demo-innerwear")
	r, _ := f.plan(t, turn("lily", "我退货的话运费要自己出吗"))
	if !strings.Contains(r.Text, "运费由买家承担") || strings.Contains(r.Text, "改地址") {
		t.Errorf("退货运费: %q, want the return-shipping FAQ", r.Text)
	}
}
