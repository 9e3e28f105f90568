package agent

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// "再加一条X 一共多少" after a price question adds X to the product asked about
// before; "2 of those + 1 X" sets the earlier item's quantity; a follow-up's own
// quantity ("我买两件") wins over the earlier one ("一件").
func TestCartAcrossMessages(t *testing.T) {
	f := newFixture(t)
	tee, leggings := localText(demoSnap.Product("p-tee-1").Title, i18n.ZH), localText(demoSnap.Product("p-yoga-1").Title, i18n.ZH)
	ask := func(turns ...string) string {
		tr := turn("alice", turns[len(turns)-1])
		for _, h := range turns[:len(turns)-1] {
			r, _ := f.plan(t, turn("alice", h))
			tr.History = append(tr.History, Message{FromCustomer: true, Text: h}, Message{Text: r.Text})
		}
		r, _ := f.plan(t, tr)
		return r.Text
	}
	if tee == "" || leggings == "" {
		t.Fatal("demo products missing")
	}
	got := ask("速干T恤黑色M码多少钱", "再加一条瑜伽裤S码 一共多少")
	if !strings.Contains(got, tee) || !strings.Contains(got, leggings) {
		t.Errorf("cart of both: %q", got)
	}
	got = ask("速干T恤黑色M码多少钱一件", "我买两件 到手多少")
	if !strings.Contains(got, "× 2") {
		t.Errorf("follow-up quantity: %q", got)
	}
	got = ask("how much is the quick-dry tee black M?", "ok 2 of those + 1 yoga leggings S, total?")
	if !strings.Contains(got, "× 2") || !strings.Contains(got, "× 1") {
		t.Errorf("2 of those: %q", got)
	}
}

// "还在路上的那单" is the customer's one order on its way.
func TestOrderByStateTold(t *testing.T) {
	f := newFixture(t)
	var shipped []string
	for _, o := range demoSnap.OrdersOf("alice") {
		if o.Status == "shipped" {
			shipped = append(shipped, o.ID)
		}
	}
	if len(shipped) != 1 || len(demoSnap.OrdersOf("alice")) < 2 {
		t.Fatalf("alice needs one shipped order among several: %v", shipped)
	}
	r, _ := f.plan(t, turn("alice", "还在路上的那单到哪了"))
	for _, o := range demoSnap.OrdersOf("alice") {
		if strings.Contains(r.Text, o.ID) != (o.ID == shipped[0]) {
			t.Errorf("%s named %v: %q", o.ID, strings.Contains(r.Text, o.ID), r.Text)
		}
	}
}

// "不用优惠券的话多少" quotes with no coupon and no note about it; "我买的话" is no
// order of theirs; "1匹 vs 1.5匹 到手多少" quotes both variants of the one product.
func TestPriceReadings(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "不用优惠券的话 缓震跑鞋白39多少"))
	if !slices.Contains(calledTools(calls), tool.QuotePrice) || strings.Contains(r.Text, "C50") || strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.price.note", "")) {
		t.Errorf("no coupon: %q", r.Text)
	}
	with, _ := f.plan(t, turn("alice", "缓震跑鞋白39多少"))
	if with.Text == r.Text {
		t.Errorf("the coupon made no difference: the test proves nothing")
	}
	r, calls = f.plan(t, turn("alice", "清风空调1匹 我买的话最后到手多少钱"))
	if slices.Contains(calledTools(calls), tool.ListOrders) {
		t.Errorf("a purchase not yet made listed the orders: %q", r.Text)
	}
	r, calls = f.plan(t, turn("alice", "1HP vs 1.5HP AC, what's the difference in the final price?"))
	if n := strings.Count(strings.Join(calledTools(calls), " "), tool.QuotePrice); n != 2 {
		t.Errorf("%d quotes, want one per variant: %q", n, r.Text)
	}
}

// askAfter plans the last turn with the earlier ones (and the bot's answers) as history.
func askAfter(t *testing.T, f *fixture, user string, turns ...string) (*Reply, []tool.Call) {
	t.Helper()
	tr := turn(user, turns[len(turns)-1])
	for _, h := range turns[:len(turns)-1] {
		r, _ := f.plan(t, turn(user, h))
		tr.History = append(tr.History, Message{FromCustomer: true, Text: h}, Message{Text: r.Text})
	}
	return f.plan(t, tr)
}

// "那note5呢" after "x7多少钱" is the price of the other product only; a long
// English follow-up pointing back ("it") continues the product; "US8" is a size.
func TestFollowUpsAcrossProducts(t *testing.T) {
	f := newFixture(t)
	x7, note := localText(demoSnap.Product("p-phone-1").Title, i18n.ZH), localText(demoSnap.Product("p-phone-2").Title, i18n.ZH)
	r, _ := askAfter(t, f, "alice", "x7多少钱", "那note5呢")
	if !strings.Contains(r.Text, note) || strings.Contains(r.Text, x7) {
		t.Errorf("switch to Note 5: %q", r.Text)
	}
	r, _ = askAfter(t, f, "alice", "Is the kettle stainless steel?", "how long does it keep water warm?")
	if !strings.Contains(r.Text, localText(demoSnap.Product("p-kettle-1").Title, i18n.EN)) {
		t.Errorf("English follow-up: %q", r.Text)
	}
	if rs := referenceSize("平时穿US8的跑鞋"); rs == nil || rs.size != "8" || rs.system != "US" {
		t.Errorf("US8: %+v", rs)
	}
}

// "哪些单子还没到手" is every order not yet received; "has it been delivered yet?"
// continues the order told of before; a coupon named in a follow-up quotes the
// product asked about before with it.
func TestOrderAndCouponFollowUps(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "帮我看看我有哪些单子还没到手"))
	for _, o := range demoSnap.OrdersOf("alice") {
		want := o.Status != "delivered"
		if strings.Contains(r.Text, o.ID) != want {
			t.Errorf("%s (%s) named %v: %q", o.ID, o.Status, !want, r.Text)
		}
	}
	r, calls := askAfter(t, f, "alice", "hi, I ordered a kettle a while ago", "has it been delivered yet?")
	if !slices.Contains(calledTools(calls), tool.GetOrder) {
		t.Errorf("order follow-up: %v %q", calledTools(calls), r.Text)
	}
	r, calls = askAfter(t, f, "alice", "缓震跑鞋白39多少钱", "我用C50那张券 到手多少")
	if !slices.Contains(calledTools(calls), tool.QuotePrice) || !strings.Contains(r.Text, "C50") {
		t.Errorf("coupon follow-up: %v %q", calledTools(calls), r.Text)
	}
}

// "我那张X的券还能用吗" answers from the customer's own coupons: an expired one is
// said to be expired; "我有哪些优惠券" lists them all; the member discount a product
// does not take is said in its quote.
func TestCouponsAndEligibility(t *testing.T) {
	f := newFixture(t)
	var expired, valid string
	for _, c := range demoSnap.Customer("alice").Coupons {
		if c.Expires != nil && !demoNow.Before(*c.Expires) {
			expired = c.Code
		} else {
			valid = c.Code
		}
	}
	r, _ := f.plan(t, turn("alice", "我那张"+expired+"的券还能用吗"))
	if !strings.Contains(r.Text, expired) || !strings.Contains(r.Text, "过期") || strings.Contains(r.Text, valid) {
		t.Errorf("expired coupon: %q", r.Text)
	}
	r, _ = f.plan(t, turn("alice", "我有哪些优惠券"))
	if !r.Private {
		t.Error("the customer's coupons are not marked private (SPEC §7)")
	}
	for _, c := range demoSnap.Customer("alice").Coupons {
		if !strings.Contains(r.Text, c.Code) {
			t.Errorf("%s not listed: %q", c.Code, r.Text)
		}
	}
	if r, _ = f.plan(t, turn("guest", "我有哪些优惠券")); !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.coupons.none")) {
		t.Errorf("guest: %q", r.Text)
	}
	var ineligible *shop.Product
	for i := range demoSnap.Catalog.Products {
		if p := &demoSnap.Catalog.Products[i]; !p.MembershipEligible {
			ineligible = p
			break
		}
	}
	if ineligible == nil {
		t.Fatal("every demo product takes the member discount: the test proves nothing")
	}
	r, _ = f.plan(t, turn("alice", localText(ineligible.Title, i18n.ZH)+"会员价多少钱"))
	if !strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.price.no_member", localText(ineligible.Title, i18n.ZH))) {
		t.Errorf("no member discount not said: %q", r.Text)
	}
}

// A follow-up with a question of its own asks that about the earlier product, not
// the earlier question again: "有什么活动" after a price question is no quote.
func TestFollowUpOwnQuestion(t *testing.T) {
	f := newFixture(t)
	r, calls := askAfter(t, f, "alice", "速干T恤黑色M码多少钱", "那它现在有什么活动")
	if slices.Contains(calledTools(calls), tool.QuotePrice) {
		t.Errorf("the earlier price question was asked again: %q", r.Text)
	}
	if !strings.Contains(r.Text, localText(demoSnap.Product("p-tee-1").Title, i18n.ZH)) {
		t.Errorf("not about the tee: %q", r.Text)
	}
}

// "A加一个B": the count after 加 starts the next item of the cart, B alone is B.
func TestPlusCountStartsAnItem(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("alice", "x7 256黑色加一个电水壶 一起买多少"))
	got := oneCart(t, calls)
	if !strings.Contains(got, "s-phone-1-256-black") || !strings.Contains(got, "s-kettle-1-white") || strings.Contains(got, "s-phone-3") {
		t.Fatalf("the X7 256 black and the kettle: %v", got)
	}
}

// "36和38各一双": one of each size named, in one cart, though they cost the same.
func TestEachValueNamedInOneCart(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("alice", "轻量跑鞋粉色36和38各一双 一共多少钱"))
	got := oneCart(t, calls)
	if !strings.Contains(got, "s-run-3-36-pink") || !strings.Contains(got, "s-run-3-38-pink") {
		t.Fatalf("36 and 38 pink: %v", got)
	}
}

// "三文鱼的呢" after the price of a product the search found ("野迹成犬粮"): that
// product's salmon variant alone, not another product sold in salmon.
func TestValueFollowUpOfASearchedProduct(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-dog", Title: "野迹 WildTrail Prairie 无谷鲜肉全价成犬粮", Category: "dog-food", SKUs: []shop.SKU{
			{ID: "s-t-dog-c5", Price: 25900, Stock: 5, Attributes: shop.Attrs{{Name: "flavor", Value: "鸡肉"}, {Name: "weight", Value: "5kg"}}},
			{ID: "s-t-dog-s5", Price: 27900, Stock: 5, Attributes: shop.Attrs{{Name: "flavor", Value: "三文鱼"}, {Name: "weight", Value: "5kg"}}}}},
		shop.Product{ID: "p-t-can", Title: "毛球日记 主食猫罐头", Category: "cat-food", SKUs: []shop.SKU{
			{ID: "s-t-can-s", Price: 6900, Stock: 5, Attributes: shop.Attrs{{Name: "flavor", Value: "三文鱼"}}}}})
	_, calls := f.plan(t, followTurn("alice", "三文鱼的呢", "野迹成犬粮鸡肉5kg多少钱"))
	got := fmt.Sprint(toolArgs(t, calls, tool.QuotePrice))
	if !strings.Contains(got, "s-t-dog-s5") || strings.Contains(got, "s-t-can-s") {
		t.Fatalf("the dog food's salmon 5kg alone: %s", got)
	}
}

// oneCart is the items of the turn's one quote, printed; the test fails on none or more.
func oneCart(t *testing.T, calls []tool.Call) string {
	t.Helper()
	args := toolArgs(t, calls, tool.QuotePrice)
	if len(args) != 1 {
		t.Fatalf("one cart: %v", args)
	}
	return fmt.Sprint(args[0]["items"])
}

// An earlier message is searched with the values it names, not the follow-up's:
// "再加一盒<B>64片" after "<A>240粒的多少钱" adds B to A, not B to B because B
// sells the 64 the follow-up names (on the demo-kids shop, whose two toys share a
// brand and so are both found for "积木").
func TestCartKeepsTheEarlierProductFoundBySearch(t *testing.T) {
	f := newAssetFixture(t, "demo-kids")
	first := "积木240粒的多少钱"
	r0, _ := f.plan(t, turn("guest", first))
	tr := turn("guest", "再加一盒磁力片64片 一共多少")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	args := toolArgs(t, calls, "quote_price")
	if len(args) != 1 {
		t.Fatalf("one quote, got %d", len(args))
	}
	got := fmt.Sprint(args[0]["items"])
	if !strings.Contains(got, "s-toy-1-240") || !strings.Contains(got, "s-toy-5-64") {
		t.Errorf("the cart of both: %s", got)
	}
}

// A count of as many items as sizes named is one of each ("两双，38和39的"); a
// count said of each ("各两双") is each one's.
func TestCountOfEachSizeNamed(t *testing.T) {
	f := newFixture(t)
	for q, want := range map[string]float64{
		"疾风缓震跑鞋白色买两双，38和39的，一共多少": 1,
		"疾风缓震跑鞋白色38和39各两双 一共多少":   2,
	} {
		_, calls := f.plan(t, turn("alice", q))
		args := toolArgs(t, calls, "quote_price")
		if len(args) != 1 {
			t.Fatalf("%s: one quote, got %d", q, len(args))
		}
		items, _ := args[0]["items"].([]any)
		if len(items) != 2 {
			t.Fatalf("%s: two lines, got %v", q, args[0]["items"])
		}
		for _, it := range items {
			if qty := it.(map[string]any)["qty"]; qty != want {
				t.Errorf("%s: qty %v, want %v (%v)", q, qty, want, items)
			}
		}
	}
}

// "and for me as a member?" after a price asks that price again, for them, not
// the membership FAQ.
func TestMemberFollowUpRepricesForThem(t *testing.T) {
	f := newFixture(t)
	for _, c := range [][2]string{
		{"疾风缓震跑鞋39码白色多少钱", "那我是会员呢 能便宜点吗"},
		{"how much is the 疾风缓震跑鞋 39 white?", "and for me as a member?"},
	} {
		r0, calls0 := f.plan(t, turn("alice", c[0]))
		first := toolArgs(t, calls0, "quote_price")
		tr := turn("alice", c[1])
		tr.History = []Message{{FromCustomer: true, Text: c[0]}, {Text: r0.Text}}
		_, calls := f.plan(t, tr)
		again := toolArgs(t, calls, "quote_price")
		if len(first) != 1 || len(again) != 1 || fmt.Sprint(first[0]["items"]) != fmt.Sprint(again[0]["items"]) {
			t.Errorf("%v: the same quote again, got %v then %v", c, first, again)
		}
	}
}

// "<A>+<B> 多少钱" is one cart; the plus of "16+512" is a figure's.
func TestPlusJoinsACart(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("alice", "疾风缓震跑鞋39码白色+速干T恤M码黑色 多少钱"))
	if args := toolArgs(t, calls, "quote_price"); len(args) != 1 || len(args[0]["items"].([]any)) != 2 {
		t.Errorf("one cart of two: %v", args)
	}
	if !plusJoin.MatchString("落地打气筒+电动充气泵") || plusJoin.MatchString("X9 Pro 12+256黑色") {
		t.Error("plus_join reads a figure's plus as a cart's")
	}
}

// A separator inside a product's name ("Monthly Plus") does not make its variant
// and quantity, told after it, another item's.
func TestCartSeparatorInsideAName(t *testing.T) {
	f := newFixture(t)
	power := func(id, v string) shop.SKU {
		return shop.SKU{ID: id, Price: 12900, Stock: 9, Attributes: shop.Attrs{{Name: "power", Value: v}}}
	}
	f.withProducts(t,
		shop.Product{ID: "p-t-lens", Title: "水润 Aquaveil Monthly Plus 月抛隐形眼镜", Category: "contact-lenses",
			SKUs: []shop.SKU{power("s-t-lens-300", "-3.00"), power("s-t-lens-350", "-3.50")}},
		shop.Product{ID: "p-t-care", Title: "洁视 护理液 360ml", Category: "lens-care", SKUs: []shop.SKU{{ID: "s-t-care", Price: 6900, Stock: 9}}})
	_, calls := f.plan(t, turn("guest", "Monthly Plus月抛 -3.50 要4盒 再加一瓶护理液 算下到手价"))
	args := toolArgs(t, calls, "quote_price")
	if len(args) != 1 {
		t.Fatalf("one quote, got %d", len(args))
	}
	got := fmt.Sprint(args[0]["items"])
	if got != "[map[qty:4 sku_id:s-t-lens-350] map[qty:1 sku_id:s-t-care]]" {
		t.Errorf("cart %s", got)
	}
}
