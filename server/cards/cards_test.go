package cards

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/shop"
)

type catalog map[string]struct {
	sku  shop.SKU
	prod shop.Product
}

func (c catalog) SKU(id string) (*shop.SKU, *shop.Product) {
	if x, ok := c[id]; ok {
		return &x.sku, &x.prod
	}
	return nil, nil
}

var names = catalog{"sku-1": {
	sku:  shop.SKU{ID: "sku-1", Attributes: shop.Attrs{{Name: "size", Value: "39"}, {Name: "color", Value: "white"}}},
	prod: shop.Product{ID: "p-1", Title: "Trail Shoe"},
}}

func TestPriceMarkdownShowsEveryStepTotalAndNamesNotSKUs(t *testing.T) {
	q := &commerce.Quote{Currency: "CNY", Total: 24900,
		Lines: []commerce.QuoteLine{{SKUID: "sku-1", Qty: 1, List: 29900, Final: 24900}},
		Steps: []commerce.Step{{Kind: "discount", ID: "promo-a", Title: "Spring sale", Off: 3000}, {Kind: commerce.KindCoupon, ID: "SAVE20", Off: 2000}}}
	p := &model.Post{Message: "old"}
	Apply(p, View{Lang: "en", Text: "Here is your price.", Cards: []Card{{Kind: KindPrice, Price: new(PriceOf(names, q))}}})
	if p.Type != "custom_concierge_price" {
		t.Fatalf("type = %q", p.Type)
	}
	// The plugin RPC (gob) carries no types of ours: the prop must be plain JSON values.
	if _, ok := p.GetProp(Prop).(map[string]any); !ok {
		t.Fatalf("prop is a %T, want map[string]any", p.GetProp(Prop))
	}
	for _, want := range []string{"Here is your price.", "Trail Shoe (39 / white) × 1, list price ¥299.00", "Spring sale: −¥30.00", "SAVE20: −¥20.00", "Total: ¥249.00"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message lacks %q:\n%s", want, p.Message)
		}
	}
	if strings.Contains(p.Message, "sku-1") {
		t.Errorf("message shows a SKU id:\n%s", p.Message)
	}
}

func TestRefundViewSurvivesTheStoreAndIsReplacedByID(t *testing.T) {
	r := Refund{ID: "c1", Kind: "return", Title: "Return refund", OrderID: "O-1", Currency: "CNY", Amount: 11980,
		Lines: []RefundLine{{Item: ItemOf(names, "sku-1", ""), Qty: 1, Amount: 11980}}, State: "offered", Status: "Waiting", Actions: []string{"confirm", "cancel"}}
	p := &model.Post{}
	Apply(p, View{Lang: "zh", Text: "好的", Cards: []Card{{Kind: KindPrice, Price: &Price{Currency: "CNY"}}, {Kind: KindRefund, Refund: &r}}})
	if p.Type != "custom_concierge_refund" {
		t.Fatalf("a post with a refund takes its type, got %q", p.Type)
	}
	// What Mattermost hands back: props as decoded JSON.
	b, _ := json.Marshal(p)
	var stored model.Post
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	v, ok := FromPost(&stored)
	if !ok || v.V != Version || len(v.Cards) != 2 || v.Cards[1].Refund.Lines[0].Name != "Trail Shoe" {
		t.Fatalf("FromPost = %+v, %v", v, ok)
	}
	r.State, r.Status, r.Actions = "refunded", "Refunded ¥119.80", nil
	if !v.ReplaceRefund(r) || v.ReplaceRefund(Refund{ID: "other"}) {
		t.Fatal("ReplaceRefund must replace c1 and only c1")
	}
	Apply(&stored, v)
	if !strings.Contains(stored.Message, "状态：Refunded ¥119.80") || !strings.Contains(stored.Message, "订单 O-1") {
		t.Errorf("message after the change:\n%s", stored.Message)
	}
}

func TestFromPostRejectsOtherVersions(t *testing.T) {
	p := &model.Post{}
	p.AddProp(Prop, map[string]any{"v": 2, "cards": []any{}})
	if _, ok := FromPost(p); ok {
		t.Fatal("a version this server does not write must not be read")
	}
	Apply(p, View{Lang: "en", Text: "only words"})
	if p.Type != "" {
		t.Fatalf("a view without cards changes nothing, type %q", p.Type)
	}
}

// The offline planner writes every step and the total: its words are the
// breakdown, and the card's Markdown would say it all a second time.
func TestPriceCardSpelledOutByTheWordsIsNotRepeated(t *testing.T) {
	q := &commerce.Quote{Currency: "CNY", Total: 24900,
		Lines: []commerce.QuoteLine{{SKUID: "sku-1", Qty: 1, List: 29900, Final: 24900}},
		Steps: []commerce.Step{{Kind: "discount", ID: "promo-a", Title: "Spring sale", Off: 5000}}}
	card := Card{Kind: KindPrice, Price: new(PriceOf(names, q))}
	told := "Trail Shoe × 1 — list price ¥299.00\n- Spring sale: −¥50.00\n**Final price: ¥249.00**"
	if md := Markdown(View{Lang: "en", Text: told, Cards: []Card{card}}); md != told {
		t.Errorf("a quote the words spell out is repeated:\n%s", md)
	}
	// Words that give the total but not every step keep the card's breakdown.
	short := "That comes to ¥249.00."
	if md := Markdown(View{Lang: "en", Text: short, Cards: []Card{card}}); !strings.Contains(md, "Spring sale: −¥50.00") {
		t.Errorf("the steps are lost:\n%s", md)
	}
}

// A variant on sale shows what it costs now beside its list price, never the list
// price alone as if it were the price.
func TestProductVariantShowsNowBesideListPrice(t *testing.T) {
	p := shop.Product{ID: "p-1", Title: "Trail Shoe", SKUs: []shop.SKU{
		{ID: "a", Price: 59900, Stock: 3, Attributes: shop.Attrs{{Name: "size", Value: "42"}}},
		{ID: "b", Price: 59900, Stock: 0, Attributes: shop.Attrs{{Name: "size", Value: "43"}}}}}
	now := func(id string) (shop.Money, bool) { return 59900 * 8 / 10, id == "a" }
	c := ProductOf(&p, "CNY", now)
	if c.Variants[0].Now != 47920 || c.Variants[1].Now != 0 {
		t.Fatalf("variants = %+v", c.Variants)
	}
	md := Markdown(View{Lang: "zh", Cards: []Card{{Kind: KindProduct, Product: &c}}})
	for _, want := range []string{"42: 现价 ¥479.20（原价 ¥599.00）", "43: ¥599.00 (已售罄)"} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
}
