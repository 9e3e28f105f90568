package agent

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// followTurn is msg after the earlier customer messages (and a bot reply to each).
func followTurn(user, msg string, earlier ...string) Turn {
	tr := turn(user, msg)
	for _, e := range earlier {
		tr.History = append(tr.History, Message{FromCustomer: true, Text: e}, Message{Text: "…"})
	}
	return tr
}

// Issue #15.4: the product and variant under discussion carry to the next message.
func TestFollowUpsCarryTheProduct(t *testing.T) {
	f := newFixture(t)
	// Stock of another colour, same size: black 40 has 7, white 40 none.
	r, _ := f.plan(t, followTurn("alice", "那黑色的呢", "疾风缓震跑鞋白色40码有货吗"))
	if r.Handoff != nil || !strings.Contains(r.Text, "疾风缓震跑鞋") || isClarify(r.Text) {
		t.Fatalf("colour follow-up: %q", r.Text)
	}
	// Another storage size: the 512 GB price, not the 256 GB one.
	r, calls := f.plan(t, followTurn("alice", "那512的呢", "星耀X7 256G 多少钱"))
	quoted := toolArgs(t, calls, tool.QuotePrice)
	if len(quoted) == 0 || !strings.Contains(r.Text, "¥4499.00") || strings.Contains(r.Text, "¥3999.00") {
		t.Fatalf("storage follow-up (quotes %v): %q", quoted, r.Text)
	}
	// English, "this one in blue?".
	r, _ = f.plan(t, followTurn("bob", "this one in blue?", "how much is the Stellar X7 512GB black"))
	if !strings.Contains(r.Text, "Glacier Blue") && !strings.Contains(r.Text, "冰川蓝") {
		t.Fatalf("english follow-up: %q", r.Text)
	}
	// The question first, then what it is about: one turn.
	r, calls = f.plan(t, followTurn("alice", "就那个X7 Pro的", "我想退定金"))
	mustOffer(t, calls, "O-1003", "deposit")
	if len(r.Offers) != 1 {
		t.Fatalf("the deposit card is not in the reply: %q", r.Text)
	}
	// A question of its own is not bent to the earlier product.
	tr := followTurn("alice", "发票怎么开", "星耀X7 256G 多少钱")
	r, _ = f.plan(t, tr)
	if strings.Contains(r.Text, "星耀") {
		t.Fatalf("stand-alone question read as a follow-up: %q", r.Text)
	}
	if i18n.Detect(r.Text) != i18n.ZH {
		t.Fatalf("language: %q", r.Text)
	}
}

func TestOverrideValues(t *testing.T) {
	p := demoSnap.Product("p-run-1")
	if p == nil {
		t.Fatal("no p-run-1")
	}
	for _, tc := range []struct{ prev, now, want string }{
		{"疾风缓震跑鞋白色40码有货吗", "那黑色的呢", "疾风缓震跑鞋 40码有货吗"},
		{"疾风缓震跑鞋白色40码有货吗", "42呢", "疾风缓震跑鞋白色 码有货吗"},
		{"疾风缓震跑鞋白色40码有货吗", "多少钱", "疾风缓震跑鞋白色40码有货吗"},
	} {
		got := strings.Join(strings.Fields(overrideValues(tc.prev, tc.now, []*shop.Product{p})), " ")
		if want := strings.Join(strings.Fields(tc.want), " "); got != want {
			t.Errorf("%q + %q = %q, want %q", tc.prev, tc.now, got, want)
		}
	}
}

// A measured foot length sizes a shoe on its own chart (SPEC §4 rule, with the
// length given), in the same message or carried from an earlier one.
func TestSizeFromFootLength(t *testing.T) {
	f := newFixture(t)
	p := demoSnap.Product("p-run-1")
	want, err := commerce.RecommendSizeForFoot(demoSnap, "p-run-1", 250)
	if err != nil || p.SizeChart == nil {
		t.Fatal(err)
	}
	for _, tr := range []Turn{
		turn("dave", "我脚长250mm 疾风缓震跑鞋穿几码"),
		turn("dave", "my foot is 25 cm, what size for the Gale Cushion Runner?"),
		followTurn("dave", "疾风缓震跑鞋穿几码", "我脚长250毫米"),
	} {
		r, calls := f.plan(t, tr)
		args := toolArgs(t, calls, tool.RecommendSize)
		if len(args) == 0 || !strings.Contains(r.Text, want.RecommendedSize) {
			t.Errorf("%q: size calls %v, want %s:\n%s", tr.Messages, args, want.RecommendedSize, r.Text)
		}
	}
	if footIn("身高170cm") != 0 || footIn("杯子300ml") != 0 {
		t.Error("a height or a volume read as a foot")
	}
}

// A model code names its product whatever surrounds it; a plain word does not.
func TestProductsByModelWords(t *testing.T) {
	w := wordsFor(demoSnap)
	ids := func(ps []*shop.Product) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(w.byModel("ok so the x7 pro, 1tb please")); len(got) != 1 || got[0] != "p-phone-3" {
		t.Errorf("x7 pro: %v", got)
	}
	if got := ids(w.byModel("x7")); len(got) != 2 {
		t.Errorf("x7 names both X7 phones: %v", got)
	}
	if got := w.byModel("leather shoes please"); got != nil {
		t.Errorf("a plain word named %v", ids(got))
	}
}

// A product the customer named by words only the answer resolved is the one the
// answer showed in bold, not one its description mentions in passing.
func TestFollowUpOfTheProductTheAnswerShowed(t *testing.T) {
	f := newFixture(t)
	tr := turn("alice", "多少钱")
	tr.History = []Message{
		{FromCustomer: true, Text: "有没有那种大的 能放很多东西的"},
		{Text: "**霜净510升十字门冰箱 FrostFree 510 L French-Door Fridge** — ¥5999.00\n比星耀 X7 5G手机的电池还省电。"},
	}
	_, calls := f.plan(t, tr)
	var quoted []string
	for _, c := range calls {
		if c.Name == tool.QuotePrice {
			quoted = append(quoted, c.Args)
		}
	}
	if len(quoted) == 0 || !strings.Contains(strings.Join(quoted, " "), "fridge") || strings.Contains(strings.Join(quoted, " "), "phone") {
		t.Errorf("want the fridge quoted alone, got %v", calledTools(calls))
	}
}

// A go-ahead ("退吧") or a return asked with nothing named carries on the earlier
// message about what was bought: the order is found by its words and its return
// answered (here: the return window is over).
func TestGoAheadCarriesOnTheEarlierRequest(t *testing.T) {
	f := newFixture(t)
	for _, c := range [][2]string{
		{"收到的T恤和瑜伽裤都不太合适", "退吧"},
		{"the tee and leggings I got don't fit", "can I return the whole order?"},
	} {
		r0, _ := f.plan(t, turn("alice", c[0]))
		tr := turn("alice", c[1])
		tr.History = []Message{{FromCustomer: true, Text: c[0]}, {Text: r0.Text}}
		r, _ := f.plan(t, tr)
		// The return window ended on 2026-11-18, told in the customer's language.
		if day := i18n.Day(tr.Lang, time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)); !strings.Contains(r.Text, day) {
			t.Errorf("%v: want the order's return answered, got %q", c, r.Text)
		}
	}
}

// A price drop asked after naming the purchase is price protection, its own
// question: not carried on as a return of the earlier message.
func TestPriceDropIsNotAGoAhead(t *testing.T) {
	f := newFixture(t)
	tr := turn("alice", "现在便宜了100 我买的时候贵 能退差价吗")
	tr.History = []Message{{FromCustomer: true, Text: "我买的疾风缓震跑鞋"}, {Text: "好的"}}
	if text, ok := newSession(t.Context(), f.deps, tr).continuesRequest(); ok {
		t.Errorf("carried on as %q", text)
	}
}

// "and the 250g bag?" after a price: the value is the product under discussion's,
// though "bag" names another product too.
func TestFollowUpByValueDespiteASharedWord(t *testing.T) {
	f := newFixture(t)
	beans := shop.Product{ID: "p-t-beans", Title: "山泉咖啡豆 | Springs Coffee Beans", Category: "coffee", SKUs: []shop.SKU{
		{ID: "s-t-beans-250", Price: 6800, Stock: 5, Attributes: shop.Attrs{{Name: "weight", Value: "250g"}}},
		{ID: "s-t-beans-500", Price: 12800, Stock: 5, Attributes: shop.Attrs{{Name: "weight", Value: "500g"}}}}}
	drip := shop.Product{ID: "p-t-drip", Title: "山泉挂耳包 | Springs Drip Bag", Category: "coffee", SKUs: []shop.SKU{
		{ID: "s-t-drip-10", Price: 4900, Stock: 5, Attributes: shop.Attrs{{Name: "pack", Value: "10"}}}}}
	f.withProducts(t, beans, drip)
	s := newSession(t.Context(), f.deps, followTurn("bob", "and the 250g bag?", "price for the Springs Coffee Beans 500g?"))
	if s.standsAlone() {
		t.Fatal("a value of the coffee beans named with 'bag' stands alone")
	}
}

// A product bought is named in the plural too ("the salted macadamias").
func TestContainsWordForm(t *testing.T) {
	for _, c := range []struct {
		low, w string
		want   bool
	}{{"can i send back the macadamias?", "macadamia", true}, {"the boxes", "box", true}, {"macadamian", "macadamia", false}} {
		if got := containsWordForm(c.low, c.w); got != c.want {
			t.Errorf("containsWordForm(%q, %q) = %v", c.low, c.w, got)
		}
	}
}

// "Grow" names the product titled Grow, not the one whose title has longer words
// beginning with it ("Growth", "Growing"), however many.
func TestModelWordExactBeatsLongerWords(t *testing.T) {
	f := newFixture(t)
	seat := shop.Product{ID: "p-t-seat", Title: "护途 Grow 座椅 | Hutu Grow Seat", Category: "seats",
		SKUs: []shop.SKU{{ID: "s-t-seat", Price: 89900, Stock: 5}}}
	milk := shop.Product{ID: "p-t-milk", Title: "牧星 Growth 奶粉 | Muxing Growth Growing-up Milk", Category: "formula",
		SKUs: []shop.SKU{{ID: "s-t-milk", Price: 19800, Stock: 5}}}
	f.withProducts(t, seat, milk)
	s := newSession(t.Context(), f.deps, turn("alice", "Grow几岁能用"))
	if got := s.namedProducts(s.text); len(got) != 1 || got[0].ID != "p-t-seat" {
		t.Fatalf("named %v, want the Grow seat", got)
	}
}

// "orders" names no product whose title says "pre-order".
func TestOrdersIsNoTitleWord(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t, shop.Product{ID: "p-t-pre", Title: "礼盒（预售） | Gift Box (Pre-order)", Category: "gifts",
		SKUs: []shop.SKU{{ID: "s-t-pre", Price: 39900, Stock: 5}}})
	if got := productWordsIn("what orders do i have", f.deps.Shop.Snapshot().Product("p-t-pre")); len(got) > 0 {
		t.Fatalf("words %v name the gift box", got)
	}
}

// A code the titles write in capitals ("GTX") names the products that carry it,
// together; a capitalised word several share ("Leather") still does not.
func TestSharedCodeNamesItsProducts(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-gtx1", Title: "岩途 GTX 登山鞋 | Rockway GTX Boot", Category: "boots", SKUs: []shop.SKU{{ID: "s-t-gtx1", Price: 89900, Stock: 5}}},
		shop.Product{ID: "p-t-gtx2", Title: "岩途 Lady GTX 登山鞋 | Rockway Lady GTX Boot", Category: "boots", SKUs: []shop.SKU{{ID: "s-t-gtx2", Price: 89900, Stock: 5}}})
	s := newSession(t.Context(), f.deps, turn("alice", "GTX偏码吗"))
	if got := s.words.byModel(s.low); len(got) != 2 {
		t.Fatalf("named %v, want both GTX boots", got)
	}
	if got := s.words.byModel("leather"); len(got) != 0 {
		t.Fatalf("leather names %v", got)
	}
}

// "那X那单呢" after a price-protection request asks it for the order X names —
// that order alone, not the earlier message's.
func TestRefundTalkCarriesToAnotherOrder(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, followTurn("alice", "那水壶那单呢", "跑鞋降价了 能保价吗"))
	var checked []string
	for _, c := range calls {
		if c.Name == tool.CheckPriceProtection {
			checked = append(checked, c.Args)
		}
	}
	if len(checked) != 1 || !strings.Contains(checked[0], "O-1004") {
		t.Fatalf("price protection of the kettle's order alone: %v", calledTools(calls))
	}
}

// "那<B>呢" after "<kind of A>多少钱": the price of B alone — the words that named A
// (a part of its title) are taken out of the earlier question, not only its title.
func TestWhatAboutAnotherAfterAKindWord(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-santoku", Title: "刃丰 RenFeng VG10 大马士革三德刀 Santoku 18cm", Category: "knives",
			SKUs: []shop.SKU{{ID: "s-t-santoku", Price: 59900, Stock: 5}}},
		shop.Product{ID: "p-t-gyuto", Title: "Kiso 木曾 日式牛刀 Gyuto 21cm", Category: "knives",
			SKUs: []shop.SKU{{ID: "s-t-gyuto", Price: 69900, Stock: 5}}})
	_, calls := askAfter(t, f, "alice", "三德刀多少钱", "那木曾的牛刀呢")
	if got := quotedCart(t, calls); len(got) != 1 || got["s-t-gyuto"] != 1 {
		t.Errorf("quoted %v, want the gyuto alone", got)
	}
}
