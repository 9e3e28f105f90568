package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// A figure of speech is no fault ("打印机都快冒烟了": worked hard), a chore for
// someone else is out of scope, a call asked for is a person, and "有哪些牌子"
// lists the kind's products (on the demo-printink shop).
func TestSocialMomentsOfAShop(t *testing.T) {
	f := newAssetFixture(t, "demo-printink")
	for say, handoff := range map[string]bool{
		"今天好累啊 打了一天报表 打印机都快冒烟了": false,
		"打印机冒烟了！":    true,
		"顺便帮我写个请假条呗": false,
		"全屋8个窗户想整体定制 有没有人能打电话跟我聊一下": true,
	} {
		r, _ := f.plan(t, turn("guest", say))
		if (r.Handoff != nil) != handoff {
			t.Errorf("%q: handed off %v, want %v (%q)", say, r.Handoff != nil, handoff, r.Text)
		}
	}
	r, _ := f.plan(t, turn("guest", "顺便帮我写个请假条呗"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "social.offtopic")) {
		t.Errorf("请假条: %q, want the out-of-scope reply", r.Text)
	}
	// A price asked for a bulk order is the shop's rule for those, not today's offers.
	r, _ = f.plan(t, turn("guest", "公司要一次采购十几台打印机 能给个优惠价不"))
	if !strings.Contains(r.Text, "企业价") {
		t.Errorf("批量采购: %q, want the FAQ on bulk orders", r.Text)
	}
	// How to tell which fits is the FAQ's, not a recommendation.
	r, _ = f.plan(t, turn("guest", "怎么知道哪个硒鼓适合我的打印机啊"))
	if !strings.Contains(r.Text, "适用机型") {
		t.Errorf("怎么知道哪个硒鼓适合: %q, want the FAQ on finding the fit", r.Text)
	}
	r, _ = f.plan(t, turn("guest", "你们家复印纸都有哪些牌子"))
	for _, brand := range []string{"得力", "天章", "Double A"} {
		if !strings.Contains(r.Text, brand) || isClarify(r.Text) {
			t.Errorf("复印纸有哪些牌子: %q, want the papers of every brand", r.Text)
		}
	}
}
