package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

// A recommendation within a budget lists only products the budget buys (at today's
// price), and says so when none does.
func TestRecommendWithinBudget(t *testing.T) {
	f := newFixture(t)
	cheapest := func(id string) int64 {
		lo := int64(-1)
		for _, k := range describe(demoSnap, demoSnap.Product(id), demoNow).SKUs {
			if k.Stock > 0 && (lo < 0 || k.PriceNow < lo) {
				lo = k.PriceNow
			}
		}
		return lo
	}
	for _, tc := range []struct {
		q      string
		budget int64
	}{{"3000元以内的手机推荐哪款", 300000}, {"recommend a phone under 2000", 200000}} {
		r, _ := f.plan(t, turn("alice", tc.q))
		listed := 0
		for _, p := range demoSnap.Catalog.Products {
			if p.Category != "phones" {
				continue
			}
			if strings.Contains(r.Text, localText(p.Title, langOf("", tc.q))) {
				listed++
				if c := cheapest(p.ID); c > tc.budget {
					t.Errorf("%s: %s costs %d, over the budget: %q", tc.q, p.ID, c, r.Text)
				}
			}
		}
		if listed == 0 && !strings.Contains(r.Text, i18n.T(langOf("", tc.q), "agent.recommend.none", i18n.Money(tc.budget, "CNY"))) {
			t.Errorf("%s: no phone listed and no 'nothing within budget': %q", tc.q, r.Text)
		}
	}
}

// A use named in the question ranks the product whose description speaks of it first.
func TestRecommendByUse(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "想买双跑鞋参加比赛，推荐哪双"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.intro")+"\n") {
		t.Fatalf("not a recommendation: %q", r.Text)
	}
	lines := strings.Split(r.Text, "\n")
	for _, p := range demoSnap.Catalog.Products {
		if p.Category == "running-shoes" && strings.Contains(p.Description, "比赛") {
			if !strings.Contains(lines[1], localText(p.Title, i18n.ZH)) {
				t.Errorf("the racing shoe is not first: %q", r.Text)
			}
			return
		}
	}
	t.Fatal("the demo has no racing shoe: the test proves nothing")
}

// A category named by an everyday word the lexicon knows (玩具 → toys) in a shop
// whose category id is the plain English name.
func TestEverydayCategoryWords(t *testing.T) {
	cat := *demoSnap.Catalog
	cat.Products = append(append([]shop.Product{}, cat.Products...), shop.Product{
		ID: "toy-1", Title: "彩虹 Rainbow 叠叠乐", Category: "toys", Description: "适用1岁以上，木质积木。",
		SKUs: []shop.SKU{{ID: "toy-1-a", Price: 9900, Stock: 3}},
	})
	snap := shop.NewSnapshot(&cat, demoSnap.Orders)
	if cats := mentionedCats(wordsFor(snap).categoryMentions("200块以内的玩具有啥")); len(cats) != 1 || cats[0] != "toys" {
		t.Fatalf("玩具: %v", cats)
	}
	f := newFixture(t)
	f.withShop(t, snap)
	r, _ := f.plan(t, turn("alice", "送刚满1岁的宝宝 200块以内的玩具有啥"))
	if !strings.Contains(r.Text, "叠叠乐") {
		t.Errorf("%q", r.Text)
	}
}

// "有适合新手的跑鞋吗" recommends; "这款适合新手吗" is about the product pointed at.
func TestSuitsIsRecommendationOnlyWithoutAProduct(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "有适合新手的跑鞋吗"))
	if !strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.intro")) {
		t.Errorf("not a recommendation: %q", r.Text)
	}
	r, calls := askAfter(t, f, "alice", "疾风缓震跑鞋多少钱", "这款跑鞋适合新手吗")
	if strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.intro")) || slices.Contains(calledTools(calls), tool.QuotePrice) {
		t.Errorf("not about the product pointed at: %q", r.Text)
	}
}

// Asked for a kind of product by its word ("硬床垫"), the products whose titles carry
// it come before a neighbour whose description only mentions it, whatever category
// the best search hit was in.
func TestRecommendPrefersTitlesOverDescriptions(t *testing.T) {
	sku := func(id string, price int64) []shop.SKU {
		return []shop.SKU{{ID: id, Price: price, Stock: 5}}
	}
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "x-sheet", Title: "云岭 床笠", Category: "cat-b", Description: "适合30cm以内的床垫，硬挺面料。", SKUs: sku("x-sheet-1", 12000)},
		shop.Product{ID: "x-hard", Title: "云岭 椰棕硬床垫", Category: "cat-a", Description: "椰棕，偏硬，护腰。", SKUs: sku("x-hard-1", 120000)},
		shop.Product{ID: "x-soft", Title: "云岭 乳胶软床垫", Category: "cat-a", Description: "乳胶，偏软。", SKUs: sku("x-soft-1", 130000)},
	)
	r, _ := f.plan(t, turn("alice", "腰不好 想要硬一点的床垫 预算1500以内"))
	lines := strings.Split(r.Text, "\n")
	if len(lines) < 2 || !strings.Contains(lines[1], "椰棕硬床垫") {
		t.Fatalf("the hard mattress is not first: %q", r.Text)
	}
}

// A recommendation asked for a kind of product ("衬衫推荐哪件", "which jacket")
// shows products of that kind, not the category's others.
func TestRecommendKeepsTheKindNamed(t *testing.T) {
	f := newFixture(t)
	// The category (leather shoes) holds Oxfords and loafers.
	r, _ := f.plan(t, turn("bob", "which loafers do you recommend?"))
	if !strings.Contains(r.Text, "Loafers") || strings.Contains(r.Text, "Oxford") {
		t.Errorf("loafers alone: %q", r.Text)
	}
}

// "有没有<kind>" / "do you sell <kind>?" is answered by the products of that kind.
func TestHaveAnyKind(t *testing.T) {
	f := newFixture(t)
	for q, want := range map[string]string{"有没有帆布鞋": "云朵帆布鞋", "do you sell loafers?": "Loafers"} {
		r, _ := f.plan(t, turn("alice", q))
		yes := i18n.T(i18n.Detect(q), "agent.recommend.have")
		if !strings.HasPrefix(r.Text, yes) || !strings.Contains(r.Text, want) || strings.Contains(r.Text, "Oxford") {
			t.Errorf("%s: want %s: %q", q, want, r.Text)
		}
	}
}

// "<kind><variant>有货吗" asks after that product's variant, not whether there is
// such a product.
func TestVariantOfAKindIsNoRecommendation(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("alice", "帆布鞋白色39码有货吗"))
	if strings.HasPrefix(r.Text, i18n.T(i18n.ZH, "agent.recommend.have")) {
		t.Fatalf("the variant's stock, not a list: %q", r.Text)
	}
}

// "the cheapest running shoe" lists the running shoes by price, lowest first.
func TestCheapestOfAKind(t *testing.T) {
	f := newFixture(t)
	r, _ := f.plan(t, turn("bob", "what's the cheapest running shoe you have?"))
	lite, cushion, racer := strings.Index(r.Text, "Gale Lite"), strings.Index(r.Text, "Gale Cushion"), strings.Index(r.Text, "Carbon Racer")
	if !strings.HasPrefix(r.Text, i18n.T(i18n.EN, "agent.recommend.cheapest")) || lite < 0 || !(lite < cushion && cushion < racer) {
		t.Fatalf("running shoes, cheapest first: %q", r.Text)
	}
}

// "a lock for my bike" in English to a shop whose locks are titled in Chinese:
// the locks (链锁, U型锁 …) are recommended, not the bikes the question mentions.
func TestRecommendTheKindAnEnglishWordGlosses(t *testing.T) {
	f := newAssetFixture(t, "demo-cycling")
	r, _ := f.plan(t, turn("alice", "need a lock for leaving my bike overnight downtown, what's the most secure one?"))
	lines := strings.Split(r.Text, "\n")
	var picks []string
	for _, l := range lines {
		if strings.HasPrefix(l, "•") {
			picks = append(picks, l)
		}
	}
	if len(picks) == 0 {
		t.Fatalf("no recommendation: %q", r.Text)
	}
	for _, p := range picks {
		if !strings.Contains(p, "锁") {
			t.Errorf("not a lock: %q", p)
		}
	}
}

// "竿子": a kind said the spoken way finds the titles ending in its rune (…鲫鱼竿).
func TestColloquialKind(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-rod1", Title: "渔光 轻风 鲫鱼竿", Category: "rods", Description: "入门鲫鱼竿，适合新手。",
			SKUs: []shop.SKU{{ID: "s-t-rod1", Price: 8900, Stock: 5}}},
		shop.Product{ID: "p-t-hook", Title: "渔光 袖钩 20对装", Category: "hooks",
			SKUs: []shop.SKU{{ID: "s-t-hook", Price: 1200, Stock: 5}}})
	s := newSession(t.Context(), f.deps, turn("alice", "新手想钓鲫鱼，推荐根便宜点的竿子"))
	if k := s.kindNoun(); k != "竿" {
		t.Errorf("kind %q, want 竿", k)
	}
}
