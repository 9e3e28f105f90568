package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

// "刻了字还能退吗" is answered by the shop's sentence that refuses that return, not
// by how returns work; "几天内可以退" asks the period, not the exception.
func TestReturnExceptionAnswersWhether(t *testing.T) {
	cat := *demoSnap.Catalog
	const rule = "刻字商品不支持7天无理由退货"
	cat.FAQs = append(append([]shop.FAQ{}, cat.FAQs...),
		shop.FAQ{ID: "f-t-engrave", Question: "钢笔可以刻字吗？", Answer: "钢笔支持免费激光刻字，最多10个字符。" + rule + "。", Lang: "zh"},
		shop.FAQ{ID: "f-t-howto", Question: "怎么申请退货？", Answer: "在订单详情页申请退货，我们安排上门取件，仓库签收后3-5个工作日原路退款。", Lang: "zh"})
	f := newFixture(t)
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("guest", "钢笔刻了字还能退吗"))
	if !strings.Contains(r.Text, rule) {
		t.Errorf("the exception: %q", r.Text)
	}
	r, _ = f.plan(t, turn("guest", "不喜欢的话几天内可以退"))
	if strings.Contains(r.Text, rule) {
		t.Errorf("a period asked, not the exception: %q", r.Text)
	}
}

// "cancel my <product> order" asks for that order's money back: on its way, a
// return (card); "return the u-lock" finds the order of the U型锁 by the word's part.
func TestCancelIsAReturnRequest(t *testing.T) {
	f := newAssetFixture(t, "demo-cycling")
	for user, q := range map[string]string{"tom_w": "cancel my radar light order pls", "david_k": "i'd like to return the u-lock, don't need it anymore", "zhaolei": "O-24122还没发吧，我想取消"} {
		r, _ := f.plan(t, turn(user, q))
		if len(r.Offers) != 1 || r.Offers[0].Kind != commerce.KindReturn {
			t.Errorf("%s %q: want a return card, got %q", user, q, r.Text)
		}
	}
}

// A return asked with the order named the spoken way ("鞋子那个" of a 安全鞋) or by
// two English words the glossary knows together ("the impact driver"), or with
// one order that can be returned at all ("I'd like to return it"): its card.
func TestReturnOfTheOrderMeant(t *testing.T) {
	hw := newAssetFixture(t, "demo-hardware")
	toys := newAssetFixture(t, "demo-toys")
	for _, c := range []struct {
		f        *fixture
		user, q  string
		wantCard string
	}{
		{hw, "zhao_min", "鞋子那个能退吗", "HW-24102"},
		{hw, "mike_chen", "The impact driver I got isn't what I expected. Can I send it back?", "HW-24095"},
		{toys, "emma_l", "The bunny is bigger than I expected, I'd like to return it", "O-T1012"},
	} {
		r, _ := c.f.plan(t, turn(c.user, c.q))
		if len(r.Offers) != 1 || r.Offers[0].OrderID != c.wantCard || r.Offers[0].Kind != commerce.KindReturn {
			t.Errorf("%s %q: want a return card for %s, got %q", c.user, c.q, c.wantCard, r.Text)
		}
	}
}
