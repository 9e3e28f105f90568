package agent

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// Size advice and price quotes, in both languages, with the numbers computed by
// commerce directly.

func TestSizeAdvice(t *testing.T) {
	for _, tc := range []struct {
		name          string
		msgs          []string
		refSize       string
		refCat        string
		refSystem     string
		products      []string // the products advised, in order
		lang          i18n.Lang
		headline      string
		cannotTell    bool
		wantNoProduct bool
	}{
		{name: "two messages, zh", msgs: []string{"我平时穿38码皮鞋", "跑鞋买多大"}, refSize: "38", refCat: "leather-shoes",
			products: []string{"p-run-1", "p-run-2", "p-run-3"}, lang: i18n.ZH, headline: "按您平时穿的 38 码皮鞋来算"},
		{name: "one sentence, en", msgs: []string{"I usually wear 38 in leather shoes, what size should I get in running shoes?"},
			refSize: "38", refCat: "leather-shoes", products: []string{"p-run-1", "p-run-2", "p-run-3"}, lang: i18n.EN,
			headline: "Going by the size 38 you wear in leather shoes"},
		{name: "named product", msgs: []string{"我平时穿39码皮鞋，疾风缓震跑鞋选多大？"}, refSize: "39", refCat: "leather-shoes",
			products: []string{"p-run-1"}, lang: i18n.ZH},
		{name: "partial name through search", msgs: []string{"平时穿38码的皮鞋，步云碳板跑鞋买多大"}, refSize: "38",
			refCat: "leather-shoes", products: []string{"p-run-2"}, lang: i18n.ZH},
		{name: "size system named", msgs: []string{"I wear US 7, which size for the Gale Cushion Runner?"}, refSize: "7",
			refCat: "running-shoes", refSystem: "US", products: []string{"p-run-1"}, lang: i18n.EN, headline: "US 7"},
		{name: "no category: the product's own chart", msgs: []string{"我一般穿40码，帆布鞋买多大"}, refSize: "40",
			products: []string{"p-snk-1"}, lang: i18n.ZH},
		{name: "unknown reference size", msgs: []string{"我平时穿60码皮鞋，跑鞋买多大"}, refSize: "60", refCat: "leather-shoes",
			products: []string{"p-run-1", "p-run-2", "p-run-3"}, lang: i18n.ZH, cannotTell: true},
		{name: "no reference size", msgs: []string{"跑鞋买多大码合适？"}, lang: i18n.ZH, wantNoProduct: true,
			headline: "您平时穿多大码"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r, calls := f.plan(t, turn("alice", tc.msgs...))
			args := toolArgs(t, calls, tool.RecommendSize)
			if tc.wantNoProduct {
				if len(args) != 0 {
					t.Fatalf("recommend_size called without a reference size: %v", args)
				}
				mustContain(t, r.Text, tc.headline)
				return
			}
			var got []string
			for _, a := range args {
				got = append(got, a["product_id"].(string))
				if a["reference_size"] != tc.refSize || a["reference_category"] != tc.refCat ||
					(a["reference_system"] != nil && a["reference_system"] != tc.refSystem) {
					t.Errorf("recommend_size args %v, want size %s category %q system %q", a, tc.refSize, tc.refCat, tc.refSystem)
				}
			}
			if !slices.Equal(got, tc.products) {
				t.Fatalf("sized %v, want %v", got, tc.products)
			}
			if tc.headline != "" {
				mustContain(t, r.Text, tc.headline)
			}
			for _, id := range tc.products {
				p := demoSnap.Product(id)
				line := lineWith(r.Text, "**"+localText(p.Title, tc.lang)+"**")
				adv, err := commerce.RecommendSize(demoSnap, id, tc.refSize, tc.refCat, tc.refSystem)
				if tc.cannotTell {
					// Products of a category none of which can be sized are not set out
					// as answers; the tool's refusal is said plainly.
					if err == nil || !strings.Contains(r.Text, err.(*commerce.SizeError).In(tc.lang)) || line != "" {
						t.Errorf("want the refusal %v said plainly, without a line for %s:\n%s", err, id, r.Text)
					}
					continue
				}
				if line == "" {
					t.Fatalf("no line for %s:\n%s", id, r.Text)
				}
				if err != nil {
					t.Fatal(err)
				}
				// The size, bold, in the chart's system when the customer spoke of another ("**EU 41**").
				if !strings.Contains(line, "**"+adv.RecommendedSize+"**") && !strings.Contains(line, " "+adv.RecommendedSize+"**") {
					t.Errorf("line %q lacks size %s", line, adv.RecommendedSize)
				}
			}
			if tc.cannotTell {
				mustContain(t, r.Text, i18n.T(tc.lang, "agent.size.cant"))
			}
			if r.Handoff != nil {
				t.Errorf("size advice handed off: %+v", r.Handoff)
			}
		})
	}
}

func TestSizeBetweenSizesSaysSo(t *testing.T) {
	// A fixture, not the demo data (whose charts put no reference foot between two
	// rows): the runner's chart with a 7 mm allowance instead of 5, so a reference
	// foot on the 5 mm grid of the leather-shoe chart lands 2 mm past a row.
	cat := *demoSnap.Catalog
	cat.Products = slices.Clone(cat.Products)
	for i := range cat.Products {
		if p := &cat.Products[i]; p.ID == "p-run-1" {
			chart := *p.SizeChart
			chart.FitMM = 7
			p.SizeChart = &chart
		}
	}
	snap := shop.NewSnapshot(&cat, demoSnap.Orders)
	adv, err := commerce.RecommendSize(snap, "p-run-1", "38", "leather-shoes", "")
	if err != nil || !adv.BetweenSizes || adv.TargetFootMM != adv.ReferenceFootMM+7 {
		t.Fatalf("the fixture does not put 38 between sizes: %+v, %v", adv, err)
	}
	f := newFixture(t)
	f.withShop(t, snap)
	r, _ := f.plan(t, turn("alice", "I wear 38 in leather shoes. Which size of the Gale Cushion Runner?"))
	mustContain(t, r.Text, "between sizes", adv.RecommendedSize)
}

func TestFitQuestionUsesTheProductDiscussed(t *testing.T) {
	f := newFixture(t)
	tr := turn("alice", "这双跑鞋偏码吗？")
	tr.History = []Message{
		{FromCustomer: true, Text: "介绍一下疾风缓震跑鞋"},
		{Text: "**疾风缓震跑鞋 Gale Cushion Runner** — ¥599.00 …"},
	}
	r, calls := f.plan(t, tr)
	mustContain(t, r.Text, "疾风缓震跑鞋", "偏小", "5 毫米")
	mustNotContain(t, r.Text, "步云")
	if got := toolArgs(t, calls, tool.GetProduct); len(got) != 1 || got[0]["product_id"] != "p-run-1" {
		t.Errorf("get_product calls %v, want p-run-1 only", got)
	}
}

func TestPriceQuotes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		user   string
		msgs   []string
		items  []commerce.CartLine
		coupon string
		lang   i18n.Lang
		extra  []string // more text the reply must show
	}{
		{name: "name, size, color, zh", user: "alice", msgs: []string{"疾风缓震跑鞋39码白色到手价多少"},
			items: []commerce.CartLine{{SKUID: "s-run-1-39-white", Qty: 1}}, lang: i18n.ZH,
			extra: []string{"双12预热·跑鞋8折", "优惠券 C50", "到手价"}},
		{name: "same question, no vip, other coupon", user: "bob", msgs: []string{"疾风缓震跑鞋39码白色多少钱"},
			items: []commerce.CartLine{{SKUID: "s-run-1-39-white", Qty: 1}}, lang: i18n.ZH, extra: []string{"优惠券 B30"}},
		{name: "english name, two pairs, requested coupon", user: "alice",
			msgs:  []string{"how much are two pairs of the Gale Cushion Runner in size 40 black with coupon C100?"},
			items: []commerce.CartLine{{SKUID: "s-run-1-40-black", Qty: 2}}, coupon: "C100", lang: i18n.EN,
			extra: []string{"12.12 early access: running shoes 20% off", "Final price", "C100 needs a spend"}},
		{name: "sku id", user: "carol", msgs: []string{"s-phone-1-256-black 多少钱"},
			items: []commerce.CartLine{{SKUID: "s-phone-1-256-black", Qty: 1}}, lang: i18n.ZH, extra: []string{"国家补贴"}},
		{name: "zh quantity", user: "alice", msgs: []string{"羽绒服L码黑色两件多少钱"},
			items: []commerce.CartLine{{SKUID: "s-down-1-L-black", Qty: 2}}, lang: i18n.ZH, extra: []string{"羽绒服直降100元"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			r, calls := f.plan(t, turn(tc.user, tc.msgs...))
			args := toolArgs(t, calls, tool.QuotePrice)
			if len(args) != 1 {
				t.Fatalf("quote_price calls %v, want 1", args)
			}
			b, _ := json.Marshal(args[0]["items"])
			var items []commerce.CartLine
			_ = json.Unmarshal(b, &items)
			coupon, _ := args[0]["coupon"].(string)
			if !slices.Equal(items, tc.items) || coupon != tc.coupon {
				t.Errorf("quote_price args %v, want items %v coupon %q", args[0], tc.items, tc.coupon)
			}
			q := quote(t, tc.user, tc.coupon, tc.items...)
			lq, _ := commerce.Price(demoSnap, tc.user, commerce.QuoteRequest{Items: tc.items, Coupon: tc.coupon, At: demoNow})
			mustContain(t, r.Text, money(q.Total))
			for _, st := range q.Steps {
				mustContain(t, r.Text, money(st.Off))
			}
			for _, n := range i18n.Texts(lq.NoteMsgs, tc.lang) {
				mustContain(t, r.Text, n)
			}
			mustContain(t, r.Text, tc.extra...)
			if r.Handoff != nil || len(r.Offers) != 0 {
				t.Errorf("a quote handed off or offered a card: %+v", r)
			}
		})
	}
}

func TestPriceOfSeveralProducts(t *testing.T) {
	f := newFixture(t)
	// Together: one cart, so the spend-and-save counts both lines.
	r, calls := f.plan(t, turn("alice", "疾风缓震跑鞋39码和速干运动T恤M码黑色一起多少钱"))
	args := toolArgs(t, calls, tool.QuotePrice)
	if len(args) != 1 || len(args[0]["items"].([]any)) != 2 {
		t.Fatalf("want one cart of two lines, got %v", args)
	}
	q := quote(t, "alice", "", commerce.CartLine{SKUID: "s-run-1-39-white", Qty: 1}, commerce.CartLine{SKUID: "s-tee-1-M-black", Qty: 1})
	mustContain(t, r.Text, money(q.Total))
	// One of each product, even when a product has options at several prices.
	_, calls = f.plan(t, turn("alice", "空调和洗衣机一起买多少钱"))
	args = toolArgs(t, calls, tool.QuotePrice)
	if len(args) != 1 || len(args[0]["items"].([]any)) != 2 {
		t.Fatalf("want one cart with one air conditioner and one washer, got %v", args)
	}

	// Alternatives: the phone's storage sizes have different prices, each is quoted.
	r, calls = f.plan(t, turn("carol", "How much is the Stellar X7 5G?"))
	var skus []string
	for _, a := range toolArgs(t, calls, tool.QuotePrice) {
		skus = append(skus, a["items"].([]any)[0].(map[string]any)["sku_id"].(string))
	}
	if len(skus) != 2 || demoSnapPrice(skus[0]) == demoSnapPrice(skus[1]) {
		t.Fatalf("quoted %v, want one sku per distinct price", skus)
	}
	for _, id := range skus {
		mustContain(t, r.Text, money(quote(t, "carol", "", commerce.CartLine{SKUID: id, Qty: 1}).Total))
	}
}

func demoSnapPrice(sku string) int64 {
	k, _ := demoSnap.SKU(sku)
	return k.Price
}

func TestPriceAfterSizeAdviceUsesTheAdvisedSize(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("alice", "我平时穿39码皮鞋，疾风缓震跑鞋买多大，到手价多少"))
	adv, err := commerce.RecommendSize(demoSnap, "p-run-1", "39", "leather-shoes", "")
	if err != nil {
		t.Fatal(err)
	}
	args := toolArgs(t, calls, tool.QuotePrice)
	if len(args) != 1 {
		t.Fatalf("quote_price calls %v", args)
	}
	sku := args[0]["items"].([]any)[0].(map[string]any)["sku_id"].(string)
	if k, _ := demoSnap.SKU(sku); k == nil || k.Attributes.Get("size") != adv.RecommendedSize {
		t.Fatalf("quoted %s, want a size-%s sku", sku, adv.RecommendedSize)
	}
	mustContain(t, r.Text, money(quote(t, "alice", "", commerce.CartLine{SKUID: sku, Qty: 1}).Total), "**"+adv.RecommendedSize+"**")
}

func TestPriceOfTheProductDiscussedBefore(t *testing.T) {
	f := newFixture(t)
	tr := turn("bob", "多少钱？")
	tr.History = []Message{{FromCustomer: true, Text: "有羽绒服吗"}, {Text: "**轻暖90白鸭绒羽绒服 Featherlight 90% Down Jacket** — ¥899.00"}}
	r, calls := f.plan(t, tr)
	args := toolArgs(t, calls, tool.QuotePrice)
	if len(args) == 0 || !strings.HasPrefix(args[0]["items"].([]any)[0].(map[string]any)["sku_id"].(string), "s-down-1") {
		t.Fatalf("quote_price calls %v, want the down jacket", args)
	}
	mustContain(t, r.Text, "轻暖90白鸭绒羽绒服")

	// With nothing to go on, the planner asks instead of guessing.
	r, calls = f.plan(t, turn("bob", "多少钱？"))
	if len(toolArgs(t, calls, tool.QuotePrice)) != 0 || r.Handoff != nil {
		t.Fatalf("quoted or handed off with no product: %v", calls)
	}
	mustContain(t, r.Text, i18n.T(i18n.ZH, "agent.price.ask"))
}

// Several items in one message, each with its own variant and quantity, are one
// cart (issue #15.2): the total is the quote of exactly that cart.
func TestCartOfSeveralItems(t *testing.T) {
	f := newFixture(t)
	r, calls := f.plan(t, turn("dave", "羽绒服黑色L一件，再加两件白色XL的速干T恤，一共多少"))
	want := quote(t, "dave", "", commerce.CartLine{SKUID: "s-down-1-L-black", Qty: 1}, commerce.CartLine{SKUID: "s-tee-1-XL-white", Qty: 2})
	quoted := toolArgs(t, calls, tool.QuotePrice)
	if len(quoted) != 1 || !strings.Contains(r.Text, money(want.Total)) {
		t.Fatalf("quotes %v, want one cart totalling %s:\n%s", quoted, money(want.Total), r.Text)
	}
}

// "多少" beside a product asks its price; "多少克" does not.
func TestBareHowMuch(t *testing.T) {
	f := newFixture(t)
	_, calls := f.plan(t, turn("alice", "疾风缓震跑鞋白色39 到手多少"))
	if len(toolArgs(t, calls, tool.QuotePrice)) == 0 {
		t.Error("到手多少 not quoted")
	}
	_, calls = f.plan(t, turn("alice", "疾风缓震跑鞋白色39 用完券多少"))
	if len(toolArgs(t, calls, tool.QuotePrice)) == 0 {
		t.Error("bare 多少 beside a product not quoted")
	}
	_, calls = f.plan(t, turn("alice", "疾风缓震跑鞋一只多少克"))
	if len(toolArgs(t, calls, tool.QuotePrice)) != 0 {
		t.Error("多少克 quoted as a price")
	}
}
