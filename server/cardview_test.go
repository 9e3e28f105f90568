package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/cards"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/tool"
)

type snapShop struct{ s *shop.Snapshot }

func (f snapShop) Snapshot() *shop.Snapshot { return f.s }

type oneCard struct{ c *refund.Card }

func (f oneCard) Get(id string) (*refund.Card, error) {
	if f.c != nil && f.c.ID == id {
		return f.c, nil
	}
	return nil, nil
}

func TestReplyViewsBuildCardsFromTheToolResults(t *testing.T) {
	snap := shop.NewSnapshot(&shop.Catalog{Currency: "CNY", Products: []shop.Product{{ID: "p1", Title: "Trail Shoe",
		SKUs: []shop.SKU{{ID: "sku-9", Price: 29900, Stock: 2, Attributes: shop.Attrs{{Name: "size", Value: "39"}}}}}}}, nil)
	q, _ := json.Marshal(commerce.Quote{Currency: "CNY", Total: 26900,
		Lines: []commerce.QuoteLine{{SKUID: "sku-9", Qty: 1, List: 29900, Final: 26900}},
		Steps: []commerce.Step{{Kind: "discount", ID: "promo", Title: "Spring sale", Off: 3000}}})
	card := &refund.Card{ID: "card1", State: refund.StateOffered, Lang: "en",
		Offer: commerce.Offer{OrderID: "O-1", Kind: commerce.KindReturn, Amount: 29900, Currency: "CNY",
			Lines: []commerce.RefundLine{{SKUID: "sku-9", Qty: 1, Amount: 29900}}}}
	v := replyViews{shop: snapShop{snap}, refunds: oneCard{card}}

	reply := &agent.Reply{Text: "Here you go.", Offers: []tool.OfferedCard{{ID: "card1"}, {ID: "gone"}}, Calls: []tool.Call{
		{Name: tool.GetProduct, Result: `{"id":"p1"}`},
		{Name: tool.QuotePrice, Result: string(q)},
		{Name: tool.QuotePrice, Result: `{"error":"unknown sku"}`}, // a failed call adds nothing
	}}
	p := &model.Post{}
	v.Decorate(p, reply, "en")
	got, ok := cards.FromPost(p)
	if !ok || p.Type != "custom_concierge_refund" {
		t.Fatalf("type %q, view %v", p.Type, ok)
	}
	kinds := []string{}
	for _, c := range got.Cards {
		kinds = append(kinds, c.Kind)
	}
	// The price answers the question: no product card beside it; the unknown card is left out.
	if strings.Join(kinds, ",") != "price,refund" {
		t.Fatalf("cards %v, want price,refund", kinds)
	}
	if l := got.Cards[1].Refund.Lines[0]; l.Name != "Trail Shoe" || l.Variant != "39" {
		t.Errorf("refund line %+v, want the product's name and variant", l)
	}
	for _, want := range []string{"Here you go.", "Trail Shoe (39) × 1, list price ¥299.00", "Spring sale: −¥30.00", "Total: ¥269.00", "order O-1"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message lacks %q:\n%s", want, p.Message)
		}
	}

	// A reply with nothing typed stays a plain post.
	plain := &model.Post{Message: "hi"}
	v.Decorate(plain, &agent.Reply{Text: "hi"}, "en")
	if plain.Type != "" || plain.GetProp(cards.Prop) != nil {
		t.Errorf("a plain reply became %q with %v", plain.Type, plain.GetProp(cards.Prop))
	}
}

// A reply that priced two carts (two variants, a recommendation) gives the prices
// in its words: a card of the last one would show a total nobody asked for as the
// answer, and the products it looked up are not "the" product either.
func TestReplyViewsShowNoCardForSeveralQuotes(t *testing.T) {
	snap := shop.NewSnapshot(&shop.Catalog{Currency: "CNY", Products: []shop.Product{
		{ID: "p1", Title: "Trail Shoe", SKUs: []shop.SKU{{ID: "a", Price: 29900, Stock: 2}}},
		{ID: "p2", Title: "Road Shoe", SKUs: []shop.SKU{{ID: "b", Price: 39900, Stock: 2}}}}}, nil)
	quote := func(sku string, total int64) string {
		b, _ := json.Marshal(commerce.Quote{Currency: "CNY", Total: total, Lines: []commerce.QuoteLine{{SKUID: sku, Qty: 1, List: total, Final: total}}})
		return string(b)
	}
	v := replyViews{shop: snapShop{snap}, refunds: oneCard{}}
	p := &model.Post{}
	v.Decorate(p, &agent.Reply{Text: "Two picks.", Calls: []tool.Call{
		{Name: tool.GetProduct, Result: `{"id":"p1"}`}, {Name: tool.QuotePrice, Result: quote("a", 29900)},
		{Name: tool.GetProduct, Result: `{"id":"p2"}`}, {Name: tool.QuotePrice, Result: quote("b", 39900)},
	}}, "en")
	if p.Type != "" || strings.Contains(p.Message, "¥399.00") {
		t.Errorf("several quotes made a %q card:\n%s", p.Type, p.Message)
	}
	// One product looked up, no quote: its card.
	one := &model.Post{}
	v.Decorate(one, &agent.Reply{Text: "This one.", Calls: []tool.Call{{Name: tool.GetProduct, Result: `{"id":"p2"}`}}}, "en")
	if one.Type != "custom_concierge_product" || !strings.Contains(one.Message, "Road Shoe") {
		t.Errorf("one product: type %q\n%s", one.Type, one.Message)
	}
}

// The cards come from the values the tools produced: each call below carries a
// Result that is empty or says something else, and the cards show the values.
func TestReplyViewsReadTheTypedValues(t *testing.T) {
	snap := shop.NewSnapshot(&shop.Catalog{Currency: "CNY", Products: []shop.Product{
		{ID: "p1", Title: "Trail Shoe", SKUs: []shop.SKU{{ID: "a", Price: 29900, Stock: 2}}},
		{ID: "p2", Title: "Road Shoe", SKUs: []shop.SKU{{ID: "b", Price: 39900, Stock: 2}}}}}, nil)
	v := replyViews{shop: snapShop{snap}, refunds: oneCard{}}

	one := &model.Post{}
	v.Decorate(one, &agent.Reply{Text: "This one.", Calls: []tool.Call{
		{Name: tool.GetProduct, Result: `{"id":"p1"}`, Value: tool.ProductInfo{ID: "p2"}}}}, "en")
	if one.Type != "custom_concierge_product" || !strings.Contains(one.Message, "Road Shoe") || strings.Contains(one.Message, "Trail Shoe") {
		t.Errorf("product from the value p2: type %q\n%s", one.Type, one.Message)
	}

	both := &model.Post{}
	v.Decorate(both, &agent.Reply{Text: "Side by side.", Calls: []tool.Call{{Name: tool.CompareProducts,
		Value: tool.CompareResult{Products: []tool.ProductSummary{{ID: "p1"}, {ID: "p2"}}}}}}, "en")
	got, ok := cards.FromPost(both)
	if !ok || len(got.Cards) != 1 || got.Cards[0].Kind != cards.KindCompare || len(got.Cards[0].Compare.Products) != 2 {
		t.Fatalf("comparison from the value: %v %+v", ok, got)
	}

	priced := &model.Post{}
	v.Decorate(priced, &agent.Reply{Text: "That is", Calls: []tool.Call{{Name: tool.QuotePrice,
		Result: `{"error":"not read","code":"internal"}`,
		Value:  &commerce.Quote{Currency: "CNY", Total: 12300, Lines: []commerce.QuoteLine{{SKUID: "b", Qty: 1, List: 39900, Final: 12300}}}}}}, "en")
	if !strings.Contains(priced.Message, "Total: ¥123.00") {
		t.Errorf("price from the value:\n%s", priced.Message)
	}

	failed := &model.Post{}
	v.Decorate(failed, &agent.Reply{Text: "Sorry.", Calls: []tool.Call{{Name: tool.GetProduct,
		Result: `{"id":"p1"}`, Value: tool.ErrorResult{Error: "gone", Code: "not_found"}}}}, "en")
	if failed.Type != "" {
		t.Errorf("a failed call made a %q card:\n%s", failed.Type, failed.Message)
	}
}
