package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// The shop's matters as new shops' customers asked them, in words its FAQs do
// not use: a price tag in a gift's box (价签 / 价格单), a bottle kept two years
// (its shelf life), a free sample with the order (会送…吗 / 赠送), a candle burning
// a hollow (陷下去一个坑 / 凹洞); in English, paying for shipping (its fee, not a
// payment question), "once I pay, how soon do you send it out" (dispatch), cash
// "when the courier shows up" (paying on delivery) — each answered by its FAQ.
func TestMoreShopMattersFindTheirFAQ(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-gift", Question: "可以包装成礼物吗？", Answer: "可以，免费礼盒包装，礼物订单包裹内不放价格单。", Lang: "zh"},
		shop.FAQ{ID: "f-t-shelf", Question: "香水保质期多久？", Answer: "未开封保质期5年，开封后建议3年内用完。", Lang: "zh"},
		shop.FAQ{ID: "f-t-samples", Question: "买香水有小样吗？", Answer: "每单随机赠送2支1.5ml小样。", Lang: "zh"},
		shop.FAQ{ID: "f-t-candle", Question: "蜡烛怎么点才不会出现凹洞？", Answer: "第一次点燃请烧满2小时，让表面完全融化。", Lang: "zh"},
		shop.FAQ{ID: "f-t-fee", Question: "运费怎么算？", Answer: "实付满99元包邮，不满收10元运费。", Lang: "zh"},
		shop.FAQ{ID: "f-t-dispatch", Question: "付款后多久发货？", Answer: "付款后48小时内发出。", Lang: "zh"},
		shop.FAQ{ID: "f-t-pay", Question: "支持哪些付款方式？能货到付款吗？", Answer: "支持支付宝、微信支付，不支持货到付款。", Lang: "zh"},
		shop.FAQ{ID: "f-t-install", Question: "行车记录仪可以帮忙安装吗？要多少钱？", Answer: "可以，到店安装收费150元。", Lang: "zh"},
		shop.FAQ{ID: "f-t-address", Question: "下单后可以改收货地址吗？", Answer: "发货前可在订单详情里改一次地址。", Lang: "zh"})
	for _, c := range []struct{ say, want string }{
		{"是送人的 盒子里会不会有价签啊", "价格单"},
		{"记录仪找你们装要另外收钱不", "150元"},
		{"香水放了两年没开 还能用吗", "5年"},
		{"下单会送试用装吗", "赠送"},
		{"蜡烛烧着烧着中间陷下去一个坑 咋回事", "2小时"},
		{"Do I have to pay for shipping?", "99元包邮"},
		{"Once I pay, how soon do you send it out?", "48小时"},
		{"Can I just pay in cash when the courier shows up?", "不支持货到付款"},
	} {
		r, _ := f.plan(t, turn("dave", c.say))
		if !strings.Contains(r.Text, c.want) {
			t.Errorf("%q: %q, want the FAQ saying %s", c.say, r.Text, c.want)
		}
	}
}

// A price range is shopping, not small talk, and "it" with nothing before it
// points at nothing: "need a <kind> as a gift, under 300 rmb, can you engrave a name
// on it?" is a recommendation within the budget.
func TestBudgetIsShoppingAndALoneItPointsAtNothing(t *testing.T) {
	f := newFixture(t)
	s := startSession(t.Context(), f.deps, turn("dave", "need a gift under 300 rmb for my mum, can you wrap it?"))
	if !s.asksRecommendation() {
		t.Error("a budget with a lone 'it' is no recommendation")
	}
	if !s.shopSignal(true) {
		t.Error("a budget is no shop signal")
	}
}

// A question of the shop's matters is never small talk ("Can you gift wrap it and
// add a little card?" is no good news to share), and whether a person is there at
// a time the customer names asks the shop's hours, not for a person now.
func TestMatterQuestionsAndHoursAtATime(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-gift", Question: "可以包装成礼物吗？", Answer: "可以，免费礼盒包装和手写贺卡。", Lang: "zh"},
		shop.FAQ{ID: "f-t-hours", Question: "人工客服什么时候在线？", Answer: "人工客服每天 9:00–23:00 在线。", Lang: "zh"},
		shop.FAQ{ID: "f-t-address", Question: "下单后可以改收货地址吗？", Answer: "发货前可在订单详情里改一次地址。", Lang: "zh"})
	r, _ := f.plan(t, turn("dave", "Can you gift wrap it and add a little card?"))
	if !strings.Contains(r.Text, "免费礼盒") {
		t.Errorf("gift wrap: %q, want the gift-wrap FAQ", r.Text)
	}
	r, _ = f.plan(t, turn("dave", "周日晚上九点有人工吗"))
	if r.Handoff != nil || !strings.Contains(r.Text, "23:00") {
		t.Errorf("周日晚上九点有人工吗: %q (handoff %v), want the hours and no handoff", r.Text, r.Handoff != nil)
	}
	if r, _ = f.plan(t, turn("dave", "转人工")); r.Handoff == nil {
		t.Error("转人工 no longer hands off")
	}
}

// A product named by its kind's word only, whose page repeats that word, says
// nothing of a shop matter asked of it: "就买个<kind> 要付运费吗" is the shipping FAQ.
func TestKindWordIsNoMatterOfThePage(t *testing.T) {
	f := newFixture(t)
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{ID: "p-t-dripper", Title: "Harutest V60 锥形 树脂滤杯", Category: "pour-over",
		Description: "经典 60° 锥形滤杯，内壁螺旋肋，单一大孔。AS 树脂材质，轻便耐摔，可放洗碗机。", SKUs: []shop.SKU{{ID: "s-t-dripper", Price: 3900, Stock: 9}}})
	cat.Policies, cat.FAQs = nil, []shop.FAQ{
		{ID: "f-t-fee", Question: "运费怎么算？", Answer: "实付满99元包邮，不满收10元运费。", Lang: "zh"},
		{ID: "f-t-address", Question: "下单后可以改收货地址吗？", Answer: "发货前可在订单详情里改一次地址。", Lang: "zh"}}
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("dave", "就买个V60滤杯 要付运费吗"))
	if !strings.Contains(r.Text, "99元包邮") {
		t.Errorf("就买个V60滤杯 要付运费吗: %q, want the shipping FAQ", r.Text)
	}
	// The check itself (on the coffee shop's data the route went through it:
	// demo-coffee-b-038): the page repeating 滤杯 does not describe the fee.
	s := startSession(t.Context(), f.deps, turn("dave", "就买个V60滤杯 要付运费吗"))
	if p := f.deps.Shop.Snapshot().Product("p-t-dripper"); s.describedInTheirWords([]*shop.Product{p}) {
		t.Error("the dripper's page, repeating its kind's word, counts as describing the shipping fee")
	}
	if got := kindEnds("Harutest V60 锥形 树脂滤杯"); !slices.Equal(got, []string{"滤杯"}) {
		t.Errorf("kindEnds = %v, want [滤杯]", got)
	}
}

// "我现在是在跟AI聊天吗" asks who is answering (the bot says it is the shop's AI
// assistant); a question naming a kind the shop sells is shopping, not good news
// to cheer ("第一次买<kind> 不知道喜欢啥 能先试试吗").
func TestWhoIsAnsweringAndAKindAskedAbout(t *testing.T) {
	f := newFixture(t)
	for _, say := range []string{"我现在是在跟AI聊天吗", "你是 AI 吧？说的靠谱吗", "你是不是chatgpt啊"} {
		if r, _ := f.plan(t, turn("dave", say)); r.Text != i18n.T(i18n.ZH, "social.bot_identity") {
			t.Errorf("%q: %q, want the bot's identity", say, r.Text)
		}
	}
	s := startSession(t.Context(), f.deps, turn("dave", "第一次买跑鞋 不知道喜欢啥 能先试试吗"))
	if !s.shopSignal(true) {
		t.Error("a question naming a kind the shop sells is no shop signal")
	}
}

// "两个定金都退了吧" from a customer with two deposits: a card for each (each still
// needs its own click), not a question of which — and a deposit the shop does not
// refund is said so, with no card (the auto shop's data: O-2425 refundable,
// O-2426 not).
func TestBothDepositsAskedBack(t *testing.T) {
	f := newAssetFixture(t, "demo-auto")
	_, calls := f.plan(t, turn("lina", "两个定金都退了吧"))
	var asked []string
	for _, args := range toolArgs(t, calls, tool.OfferRefund) {
		asked = append(asked, args["order_id"].(string))
	}
	if !slices.Equal(asked, []string{"O-2425", "O-2426"}) {
		t.Errorf("offer_refund asked for %v, want both deposit orders", asked)
	}
}
