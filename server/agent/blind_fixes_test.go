package agent

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Carts as a new shop's customers wrote them: a pack's count in Chinese numerals,
// a count before a Latin name, a pack sold by the box.
func TestCartCountsAndPacks(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-str", Title: "弦音 EJ16 磷铜吉他弦", Category: "strings", SKUs: []shop.SKU{
			{ID: "s-t-str-1", Price: 5900, Stock: 9, Attributes: attrsOf("pack", "单套")},
			{ID: "s-t-str-3", Price: 15900, Stock: 9, Attributes: attrsOf("pack", "3套装")}}},
		shop.Product{ID: "p-t-mk", Title: "Copic Sketch 马克笔（单支）", Category: "markers", SKUs: []shop.SKU{
			{ID: "s-t-mk-b00", Price: 2800, Stock: 99, Attributes: attrsOf("color", "B00")}}},
		shop.Product{ID: "p-t-gel", Title: "墨点 中性笔 10支装", Category: "pens", SKUs: []shop.SKU{
			{ID: "s-t-gel", Price: 1990, Stock: 99, Attributes: attrsOf("color", "黑")}}},
		shop.Product{ID: "p-t-paper", Title: "白鹭 复印纸 A4 70g", Category: "paper", SKUs: []shop.SKU{
			{ID: "s-t-paper-1", Price: 2590, Stock: 99, Attributes: attrsOf("pack", "500张/包")},
			{ID: "s-t-paper-5", Price: 12500, Stock: 99, Attributes: attrsOf("pack", "5包/箱")}}},
		shop.Product{ID: "p-t-milk", Title: "牧场 测试鲜奶", Category: "dairy", SKUs: []shop.SKU{
			{ID: "s-t-milk-1", Price: 1990, Stock: 99, Attributes: attrsOf("pack", "950ml×1瓶")},
			{ID: "s-t-milk-4", Price: 7590, Stock: 99, Attributes: attrsOf("pack", "950ml×4瓶")}}})
	for _, c := range []struct {
		say string
		sku string
		qty int64
	}{
		{"EJ16三套装多少钱", "s-t-str-3", 1},
		{"再加10支copic B00 一起多少钱", "s-t-mk-b00", 10},
		{"白鹭复印纸 整箱要6箱 多少钱", "s-t-paper-5", 6},
		{"白鹭复印纸 要两箱 多少钱", "s-t-paper-5", 2},
		{"测试鲜奶4瓶装多少钱", "s-t-milk-4", 1}, // a pack's size, not four of it
	} {
		_, calls := f.plan(t, turn("dave", c.say))
		if cart := quotedCart(t, calls); cart[c.sku] != int(c.qty) {
			t.Errorf("%q: quoted %v, want %d × %s", c.say, cart, c.qty, c.sku)
		}
	}
}

// "Buy two, any discount?" after a price is that price for two; "after all
// discounts" asks the price of the variant named.
func TestPriceFollowUps(t *testing.T) {
	f := newFixture(t)
	r0, _ := f.plan(t, turn("dave", "速干运动T恤多少钱"))
	tr := turn("dave", "买两件呢 有优惠没")
	tr.History = []Message{{FromCustomer: true, Text: "速干运动T恤多少钱"}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	if cart := quotedCart(t, calls); len(cart) != 1 || !slices.Contains(slices.Collect(maps.Values(cart)), 2) {
		t.Errorf("买两件呢 有优惠没: quoted %v, want two of the tee", cart)
	}
	tr = turn("dave", "the black one, after all discounts")
	tr.History = []Message{{FromCustomer: true, Text: "how much is the Quick-Dry Training Tee?"}, {Text: r0.Text}}
	if _, calls = f.plan(t, tr); len(quotedCart(t, calls)) == 0 {
		t.Errorf("after all discounts: no quote, tools %v", calledTools(calls))
	}
}

// A thanks word inside a question is no thanks; "这么" asks nothing.
func TestThanksWordsInAQuestion(t *testing.T) {
	f := newFixture(t)
	thanks := i18n.T(i18n.ZH, "agent.thanks")
	for say, want := range map[string]bool{
		"收到货再给钱可以吗":        false,
		"鞋子寄过来是调好的吗":       false,
		"好嘞，都清楚了，谢谢你这么耐心～": true,
		"好的谢谢": true,
	} {
		r, _ := f.plan(t, turn("dave", say))
		if got := r.Text == thanks; got != want {
			t.Errorf("%q: %q, thanks %v", say, r.Text, want)
		}
	}
	if !strings.Contains(i18n.T(i18n.ZH, "agent.thanks"), "不客气") {
		t.Fatal("the thanks reply changed; this test reads it")
	}
}

// Offers on a kind of product are the promotions on that kind, not the card of the
// one product an English word names; a product of the kind named by its own words
// is asked about itself.
func TestOffersOnAKind(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-trail", Title: "Trailblazer Running Shoes", Category: "running-shoes", Lang: "en",
		SKUs: []shop.SKU{{ID: "s-t-trail-42", Price: 49900, Stock: 3, Attributes: shop.AttrsOf(map[string]string{"size": "42"})}}})
	for say, promos := range map[string]bool{
		"any deals on running shoes right now?": true,
		"听说跑鞋双12打八折 现在有吗":                       true,
		"疾风缓震跑鞋有活动吗":                            false,
	} {
		r, _ := f.plan(t, turn("dave", say))
		lang := i18n.Detect(say)
		if got := strings.HasPrefix(r.Text, i18n.T(lang, "agent.promos.live")); got != promos {
			t.Errorf("%q: the promotions %v, want %v:\n%s", say, got, promos, r.Text)
		}
	}
	// Figures closing a Chinese title are not its English half.
	if got := localText("全场满 1000 减 80", i18n.EN); got != "全场满 1000 减 80" {
		t.Errorf("localText: %q", got)
	}
}

// "Until when?" of a product's offer: its card gives each offer's end.
func TestProductOffersUntilWhen(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("dave", "疾风缓震跑鞋的8折活动到什么时候"))
	mustContain(t, r.Text, "2026年12月12日")
	r, _ = f.plan(t, turn("dave", "疾风缓震跑鞋有活动吗"))
	if strings.Contains(r.Text, "2026年12月12日") {
		t.Errorf("dates when nobody asked: %q", r.Text)
	}
}

// When it ships and how long it takes to arrive are two questions: a shop with an
// FAQ for each answers each from its own. A guest with no order who asks when
// "it" ships gets the shop's rule, not "no orders found".
func TestDispatchAndTransitFAQs(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-dispatch", Question: "下单后多久发货？", Answer: "现货付款后48小时内从杭州仓寄出。", Lang: "zh"},
		shop.FAQ{ID: "f-t-transit", Question: "快递几天能到？", Answer: "江浙沪次日达，其他地区3-5天。", Lang: "zh"},
		shop.FAQ{ID: "f-t-address", Question: "下单后可以改收货地址吗？", Answer: "发货前可在订单详情里改一次地址。", Lang: "zh"})
	r, _ := f.plan(t, turn("nobody", "今天拍了啥时候能寄出"))
	if strings.Contains(r.Text, i18n.T(i18n.ZH, "agent.orders.none")) {
		t.Errorf("no orders said for a dispatch question: %q", r.Text)
	}
	mustContain(t, r.Text, "48小时")
	r, _ = f.plan(t, turn("nobody", "下单了一般几天能收到货"))
	mustContain(t, r.Text, "3-5天")
}

// A tag only one product carries does not name it where the customer speaks of
// another kind ("跑鞋…新款" is no jacket tagged 新款), unless the tag holds the
// kind's word itself.
func TestTagNamesNoProductBesideAnotherKind(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-jacket", Title: "风行 轻量夹克", Category: "apparel", Tags: []string{"搬家季"},
		SKUs: []shop.SKU{{ID: "s-t-jacket", Price: 29900, Stock: 3, Attributes: shop.AttrsOf(map[string]string{"size": "M"})}}})
	named := func(text string) bool {
		s := startSession(t.Context(), f.deps, turn("dave", text))
		return containsProduct(s.namedProducts(text), f.deps.Shop.Snapshot().Product("p-t-jacket"))
	}
	if !named("搬家季有什么推荐") {
		t.Error("the tag alone no longer names its product")
	}
	if named("跑鞋搬家季能打折吗") {
		t.Error("a tag named a jacket in a question about running shoes")
	}
}

// A tag every product of a kind carries names that kind, unless it ends the names
// of other kinds ("吉他" of lessons, the end of 民谣吉他 and 电吉他); a tag other
// products only hold as a modifier stays the kind's ("角磨机" beside 角磨机配件).
func TestCategoryTagsThatEndOtherNames(t *testing.T) {
	mk := func(id, cat, title string, tags ...string) shop.Product {
		return shop.Product{ID: id, Title: title, Category: cat, Tags: tags}
	}
	cat := shop.Catalog{Currency: "CNY", Products: []shop.Product{
		mk("l1", "lessons", "零基础入门录播课", "课程", "吉他"),
		mk("l2", "lessons", "一对一直播课", "课程", "吉他"),
		mk("g1", "acoustic-guitars", "入门 民谣吉他 41寸", "民谣吉他"),
		mk("e1", "electric-guitars", "入门 电吉他 套装", "电吉他"),
		mk("a1", "angle-grinders", "博世 角磨机 GWS 700", "角磨机"),
		mk("d1", "discs", "树脂切割片 100mm", "角磨机配件")}}
	snap := shop.NewSnapshot(&cat, &shop.Orders{})
	got := readTagStats(snap).categoryTags(snap.Catalog.Products)
	if _, ok := got["吉他"]; ok {
		t.Errorf("吉他 names %s", got["吉他"])
	}
	if got["角磨机"] != "angle-grinders" || got["课程"] != "lessons" {
		t.Errorf("category tags %v", got)
	}
}

// Everyday words for a shop's FAQs: a country for overseas, 碎了/划痕 for damage,
// 刻个名字 for engraving, 升上去 for membership tiers.
func TestEverydayWordsFindTheFAQ(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-overseas", Question: "海外能发货吗？", Answer: "目前只发中国大陆和港澳，暂不发其他国家和地区。", Lang: "zh"},
		shop.FAQ{ID: "f-t-broken", Question: "快递收到的商品破损怎么办？", Answer: "签收48小时内拍照联系客服，免费补发。", Lang: "zh"},
		shop.FAQ{ID: "f-t-engrave", Question: "可以刻字吗？", Answer: "暂不提供刻字服务。", Lang: "zh"},
		shop.FAQ{ID: "f-t-tier", Question: "会员等级怎么划分？", Answer: "年消费满2万元自动升为SVIP。", Lang: "zh"},
		shop.FAQ{ID: "f-t-ship", Question: "多久发货？", Answer: "付款后48小时内发货。", Lang: "zh"})
	for say, want := range map[string]string{
		"能寄到美国吗":          "港澳",
		"快递来的杯子要是碎了咋办":    "补发",
		"快递送来的柜子要是有划痕怎么办": "补发",
		"上面能刻个名字吗":        "刻字",
		"SVIP怎么才能升上去":     "2万",
	} {
		r, _ := f.plan(t, turn("dave", say))
		if !strings.Contains(r.Text, want) {
			t.Errorf("%q: %q, want the FAQ saying %s", say, r.Text, want)
		}
	}
}

// A measure-like model name ("78G+") names its product, with or without the plus.
func TestMeasureLikeModelName(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-78g", Title: "百乐 PILOT 78G+ 钢笔", Category: "pens",
		SKUs: []shop.SKU{{ID: "s-t-78g", Price: 9800, Stock: 3, Attributes: shop.AttrsOf(map[string]string{"color": "黑色"})}}})
	s := startSession(t.Context(), f.deps, turn("dave", "78G送吸墨器不"))
	if !containsProduct(s.namedProducts(s.text), f.deps.Shop.Snapshot().Product("p-t-78g")) {
		t.Error("78G does not name the 78G+ pen")
	}
}

// "A跟B一样吗" compares them.
func TestSameAsComparesThem(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("dave", "疾风缓震跑鞋跟步云竞速跑鞋一样吗"))
	if !slices.Contains(calledTools(calls), tool.CompareProducts) {
		t.Errorf("no comparison: tools %v", calledTools(calls))
	}
}

// The sentences an FAQ says of places set apart are left out for a customer who
// names none of them, and kept for one who does.
func TestFAQWithoutPlacesSetApart(t *testing.T) {
	f := newFixture(t)
	answer := "订单满99元包邮，不满99元收运费8元。乐器发顺丰，小配件发中通。新疆、西藏、青海地区每单另加运费30元。港澳台及海外暂不发货。"
	s := startSession(t.Context(), f.deps, turn("dave", "就买个调音器 要运费吗"))
	if got := s.withoutExceptions(answer); got != "订单满99元包邮，不满99元收运费8元。乐器发顺丰，小配件发中通。" {
		t.Errorf("without the places: %q", got)
	}
	s = startSession(t.Context(), f.deps, turn("dave", "寄新疆要运费吗"))
	if got := s.withoutExceptions(answer); got != answer {
		t.Errorf("a customer in 新疆 gets the whole answer: %q", got)
	}
	mention := "其他商品可改发顺丰，加10元（偏远地区除外）。"
	if got := s.withoutExceptions(mention); got != mention {
		t.Errorf("a rule that mentions a place in passing stays: %q", got)
	}
}

// A crack in what arrived, told in anger, and a wish to talk to the shop's people
// go to staff, whatever product they name.
func TestCrackInAngerAndTheShopsPeopleHandOff(t *testing.T) {
	f := newFixture(t)
	for _, say := range []string{"收到的疾风缓震跑鞋鞋底有条裂 气死我了 你们怎么验货的", "批量价我想直接跟你们企业客服的人谈",
		// A product named with a question word ("什么") in a complaint, and a person
		// who can decide asked for in other words.
		"疾风缓震跑鞋穿了两次就开胶 跑起来响得跟什么似的 什么垃圾东西", "跑鞋才穿两次就磨破 太气人了 你们卖的什么东西",
		"别跟我绕了 叫个说话算数的人来",
		// Frustration at the shop with 我 inside the words ("耽误我大事").
		"说好下午送 结果晚上九点才到 耽误我大事了 你们怎么回事"} {
		if r, _ := f.plan(t, turn("dave", say)); r.Handoff == nil {
			t.Errorf("%q: no handoff: %q", say, r.Text)
		}
	}
}

// "推荐" of a kind stands beside a word another product's title happens to have
// ("零基础" of a course).
func TestRecommendBesideAnotherTitlesWord(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-course", Title: "零基础30天跑步入门课", Category: "lessons",
		SKUs: []shop.SKU{{ID: "s-t-course", Price: 14900, Stock: 99, Attributes: shop.AttrsOf(map[string]string{"plan": "30天"})}}})
	s := startSession(t.Context(), f.deps, turn("dave", "大人零基础 想买双跑鞋 推荐下"))
	if !s.asksRecommendation() {
		t.Error("an explicit recommendation of running shoes was read as the course")
	}
	s = startSession(t.Context(), f.deps, turn("dave", "零基础30天跑步入门课适合我吗"))
	if s.asksRecommendation() {
		t.Error("a question about the course itself was read as a recommendation")
	}
}

// "2x <item>" is two of it; "2XL" is a size.
func TestTimesBeforeTheItem(t *testing.T) {
	none := func(string) bool { return false }
	for text, want := range map[string]int64{
		"2x Titan 20 inch titanium grey - final price for me?": 2,
		"Titan 20 inch x3":             3,
		"the hoodie in 2XL, how much?": 1,
		"2 x titan please":             2,
	} {
		if got := quantity(text, none); got != want {
			t.Errorf("%q: %d, want %d", text, got, want)
		}
	}
}

// "two pairs of <A> and one pair of <B>, how much?" is a cart of both, each with its
// count, though only one is named by its title.
func TestEnglishCartWithCounts(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("dave", "How much for two Quick-Dry Training Tees size M black and one pair of yoga leggings size S?"))
	cart := quotedCart(t, calls)
	if len(cart) != 2 || !slices.Contains(slices.Collect(maps.Values(cart)), 2) {
		t.Errorf("cart %v, want two tees and one leggings", cart)
	}
}

// Two questions of a product in one line each get their sentence ("<thing>有没有"
// of a thing its page speaks of asks what it comes with, not the stock); "多重啊
// 会不会干裂": the weight is the first question's answer, though its words share
// none with the sentence that states it.
func TestTwoQuestionsOfAProduct(t *testing.T) {
	for _, c := range []struct {
		title, desc, spec, say string
		want                   []string
	}{
		{"鼓韵 Nitro Max 电子鼓",
			"8件套：8寸双区军鼓、3个8寸通鼓、底鼓塔含底鼓踏板、10寸踩镲。440种音色，32套鼓组，蓝牙播放伴奏，USB-MIDI。" +
				"网面鼓皮打击噪音小，戴耳机练习基本不扰邻，踩底鼓的振动仍会传到楼下，建议加隔音垫。含鼓棒，不含鼓凳和耳机。需自行组装，约40分钟。" +
				"整套重量约25公斤，占地约1.2米×0.9米，适合卧室和书房。保修一年，鼓皮和踏板属于易损件不在保修范围内。",
			"8件套", "nitro max带底鼓踏板吗 鼓凳有没有", []string{"底鼓踏板", "不含鼓凳"}},
		{"恩雅 Nova Go 碳纤维吉他",
			"35寸小尺寸旅行吉他，琴体为碳纤维一体成型，整琴重量约1.3kg，有效弦长590mm。碳纤维琴体不怕潮湿和干燥，不会开裂变形，适合北方暖气房。" +
				"标准版为纯原声；智能拾音版内置拾音器和混响效果，Type-C充电，满电可连续使用约8小时。随琴附赠：便携琴包、背带、拨片。",
			"黑色", "nova go多重啊 北方暖气房会不会干裂", []string{"1.3kg", "不会开裂"}},
	} {
		f := newFixture(t)
		f.withProducts(t, shop.Product{ID: "p-t-two", Title: c.title, Category: "instruments", Description: c.desc,
			SKUs: []shop.SKU{{ID: "s-t-two", Price: 99900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"spec": c.spec})}}})
		r, _ := f.plan(t, turn("dave", c.say))
		for _, w := range c.want {
			mustContain(t, r.Text, w)
		}
	}
}

// "寄新疆包邮不": the FAQ whose own question names the place answers it, not the
// shipping FAQ that sets the place apart in passing; "带去美国能用么" is no parcel.
func TestPlaceNamedByTheFAQsQuestion(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-ship", Question: "什么时候发货？用什么快递？", Answer: "16:00前付款当天发货，默认中通。全店满199元包邮（新疆、西藏、青海除外）。", Lang: "zh", Tags: []string{"发货", "包邮"}},
		shop.FAQ{ID: "f-t-remote", Question: "新疆、西藏、青海能发货吗？运费多少？", Answer: "可以发货，这三个地区不参与满199包邮，每单运费25元。", Lang: "zh"},
		shop.FAQ{ID: "f-t-return", Question: "可以七天无理由退货吗？", Answer: "签收7天内未使用可退。", Lang: "zh"})
	r, _ := f.plan(t, turn("dave", "寄新疆包邮不"))
	mustContain(t, r.Text, "25元")
	s := startSession(t.Context(), f.deps, turn("dave", "带去美国能用么"))
	if _, ok := s.placeFAQ([]tool.SearchItem{{Kind: "faq", ID: "f-t-remote", Title: "新疆、西藏、青海能发货吗？运费多少？"}}); ok {
		t.Error("a question of using the product abroad took the remote-areas FAQ")
	}
}

// An English yes-no question answered by a Chinese FAQ that opens with a plain no
// gets the no in English first.
func TestEnglishLeadOnAChineseFAQ(t *testing.T) {
	f := newFixture(t)
	f.withOnlyFAQs(t,
		shop.FAQ{ID: "f-t-cod", Question: "支持货到付款吗？", Answer: "不支持货到付款。可以用支付宝、微信支付付款。", Lang: "zh", Tags: []string{"支付"}},
		shop.FAQ{ID: "f-t-ship", Question: "多久发货？", Answer: "付款后48小时内发货。", Lang: "zh"})
	r, _ := f.plan(t, turn("dave", "can i pay cash on delivery?"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.EN, "agent.fact.no")+"不支持") {
		t.Errorf("no English no before the Chinese answer: %q", r.Text)
	}
}

// What arrived broken, told as it is, goes to a person; the same supposed ("要是…")
// asks the shop's rule. "你们这什么质量", "得负责" and frustration shouted
// ("你们到底怎么回事！！") are complaints.
func TestComplaintsAboutWhatArrived(t *testing.T) {
	f := newFixture(t)
	for say, handoff := range map[string]bool{
		"收到的跑鞋鞋带断了一根 包装也是破的 怎么处理": true,
		"要是送来的鞋子有划痕 还管不管":         false,
		"收到的跑鞋一直掉色 你们这什么质量！":      true,
		"穿了你们的袜子起了一身疹子 你们得负责":     true,
		// Frustration shouted is a complaint; asked calmly, a question.
		"雪地靴发了这么久还没到！你们到底怎么回事！！": true,
		"雪地靴发了这么久还没到，到底怎么回事？":    false,
		// A danger that happened is for a person; one asked about is a question.
		"充电宝用了几天就鼓包了，吓死人了，差点着火": true,
		"跑鞋收到鞋面有一道划痕，你们怎么发的货":   true,
		"充电宝放车里夏天会不会爆炸":         false,
	} {
		r, _ := f.plan(t, turn("dave", say))
		if got := r.Handoff != nil; got != handoff {
			t.Errorf("%q: handoff %v, want %v: %q", say, got, handoff, r.Text)
		}
	}
}

// A number a title writes alone is its name, not a count ("埃及棉100支那套" of
// "Egypt 100"); a count of something else stays one.
func TestTitleNumberIsNoCount(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-egypt", Title: "棉语 Egypt 100 埃及长绒棉四件套", Category: "bedding",
		SKUs: []shop.SKU{{ID: "s-t-egypt", Price: 159900, Stock: 10, Attributes: shop.AttrsOf(map[string]string{"size": "1.8m床"})}}})
	_, calls := f.plan(t, turn("dave", "埃及长绒棉100支那套 1.8的 现在买多少钱"))
	if cart := quotedCart(t, calls); cart["s-t-egypt"] != 1 {
		t.Errorf("cart %v, want one set", cart)
	}
}

// A shop that sizes nothing by charts is not asked for a shoe size.
func TestSizeAskWithoutCharts(t *testing.T) {
	f := newFixture(t)
	cat := *demoSnap.Catalog
	cat.SizeSystems = nil
	cat.Products = slices.Clone(cat.Products)
	for i := range cat.Products {
		cat.Products[i].SizeChart = nil
	}
	f.withShop(t, shop.NewSnapshot(&cat, demoSnap.Orders))
	r, _ := f.plan(t, turn("dave", "帮我看看尺码"))
	if r.Text != i18n.T(i18n.ZH, "agent.size.ask_needs") {
		t.Errorf("%q", r.Text)
	}
	f = newFixture(t)
	if r, _ = f.plan(t, turn("dave", "帮我看看尺码")); r.Text != i18n.T(i18n.ZH, "agent.size.ask_reference") {
		t.Errorf("a shop with size charts: %q", r.Text)
	}
}

// A Latin word two titles share and the Chinese only one of them has name that one
// ("Satin四件套" beside a Satin 被套).
func TestSharedWordAndOwnChinese(t *testing.T) {
	f := newFixture(t)
	sku := func(id string) []shop.SKU {
		return []shop.SKU{{ID: id, Price: 69900, Stock: 5, Attributes: shop.AttrsOf(map[string]string{"color": "月光白"})}}
	}
	f.withProducts(t,
		shop.Product{ID: "p-t-set", Title: "棉语 Satin 60支长绒棉贡缎四件套", Category: "bedding", SKUs: sku("s-t-set")},
		shop.Product{ID: "p-t-cover", Title: "棉语 Satin 60支贡缎被套 单件", Category: "bedding", SKUs: sku("s-t-cover")})
	s := startSession(t.Context(), f.deps, turn("dave", "Satin四件套月光白到手多少"))
	named := s.namedProducts(s.text)
	if len(named) != 1 || named[0].ID != "p-t-set" {
		t.Errorf("named %v, want the 四件套 alone", named)
	}
}

// "2.0米的呢" after "…1.8米…到手多少": the 2.0 m variant alone.
func TestFollowUpReplacesADecimalSize(t *testing.T) {
	got := overrideValues("四件套1.8米月光白到手多少", "2.0米的呢", []*shop.Product{{SKUs: []shop.SKU{
		{ID: "a", Attributes: shop.AttrsOf(map[string]string{"size": "1.8m床"})},
		{ID: "b", Attributes: shop.AttrsOf(map[string]string{"size": "2.0m床"})}}}})
	if strings.Contains(got, "1.8") {
		t.Errorf("the earlier size stays: %q", got)
	}
}

// "黑色两瓶，青色品红各一瓶": each variant of one product with its own count (the
// stationery shop of the blind sets, asked as its customer did).
func TestCountsPerVariant(t *testing.T) {
	snap, err := loadShop("demo-stationery")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixtureFor(t, snap, indexOf(t, snap), demoNow)
	r0, _ := f.plan(t, turn("dave", "爱普生003墨水有哪些颜色"))
	tr := turn("dave", "黑色两瓶，青色品红各一瓶，一共多少")
	tr.History = []Message{{FromCustomer: true, Text: "爱普生003墨水有哪些颜色"}, {Text: r0.Text}}
	_, calls := f.plan(t, tr)
	counts := slices.Sorted(maps.Values(quotedCart(t, calls)))
	if !slices.Equal(counts, []int{1, 1, 2}) {
		t.Errorf("counts %v, want two of one colour and one of two others", counts)
	}
}

// Budgets in Chinese numerals, and "左右" beside 预算 is a budget to be near.
func TestChineseBudgets(t *testing.T) {
	f := newFixture(t)
	for say, want := range map[string][2]int64{
		"预算五千左右 推荐台相机":  {375000, 625000},
		"预算三百以内 有推荐吗":   {0, 30000},
		"预算一千五 推荐双跑鞋":   {0, 150000},
		"3000以内的跑鞋推荐一下": {0, 300000},
		"2000左右的跑鞋":     {150000, 250000},
	} {
		s := startSession(t.Context(), f.deps, turn("dave", say))
		if lo, hi, ok := s.budget(); !ok || lo != want[0] || hi != want[1] {
			t.Errorf("%q: budget %d–%d (%v), want %d–%d", say, lo, hi, ok, want[0], want[1])
		}
	}
}
