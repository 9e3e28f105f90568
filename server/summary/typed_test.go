package summary

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// typedCalls are one turn of every kind the record keeps, each with the value its
// tool produced and a Result that says something else: a record made from them
// shows the values, so it proves the record reads them and not the JSON.
func typedCalls() []tool.Call {
	const lie = `{"error":"the JSON is not read when a value is there","code":"internal"}`
	return []tool.Call{
		{Name: tool.GetProduct, Result: lie, Value: tool.ProductInfo{ID: "p-run", Title: "Runner"}},
		{Name: tool.CompareProducts, Result: ``, Value: tool.CompareResult{Products: []tool.ProductSummary{
			{ID: "p-a", Title: "A"}, {ID: "p-b", Title: "B"}}}},
		{Name: tool.RecommendSize, Args: `{"product_id":"p-run","reference_size":"38"}`, Result: lie,
			Value: &commerce.SizeAdvice{ProductID: "p-run", RecommendedSize: "39", ReferenceFootMM: 240}},
		{Name: tool.ListOrders, Result: `{"orders":[]}`, Value: tool.OrdersResult{Orders: []commerce.OrderView{
			{ID: "O-1", Status: "shipped", Total: 100, Currency: "CNY", Items: []commerce.OrderItemView{{SKUID: "s1", Title: "Sock"}}}}}},
		{Name: tool.GetOrder, Result: lie, Value: &commerce.OrderView{ID: "O-2", Total: 200,
			Items: []commerce.OrderItemView{{SKUID: "s2"}}}},
		{Name: tool.QuotePrice, Result: lie, Value: &commerce.Quote{Total: 300, Currency: "CNY",
			Lines: []commerce.QuoteLine{{SKUID: "s3"}}, Steps: []commerce.Step{{Kind: commerce.KindCoupon, ID: "C50"}}}},
		{Name: tool.OfferRefund, Result: lie, Value: tool.OfferedCard{ID: "card1", OrderID: "O-2", Kind: "return", Amount: 200}},
		{Name: tool.SearchKnowledge, Result: `{"results":[]}`, Value: tool.ErrorResult{Error: "down", Code: "unavailable"}},
	}
}

func TestRecordReadsTheTypedValues(t *testing.T) {
	var rec Record
	rec.Add(t0, []string{"q"}, typedCalls())
	want := Record{
		Asks:     []Ask{{Text: "q", At: t0}},
		Products: []Product{{ID: "p-a", Title: "A"}, {ID: "p-b", Title: "B"}, {ID: "p-run", Title: "Runner"}},
		Orders: []Order{{ID: "O-1", Status: "shipped", Total: 100, Currency: "CNY", Items: []string{"Sock"}},
			{ID: "O-2", Total: 200, Items: []string{"s2"}}},
		Quotes:    []Quote{{Items: []string{"s3"}, Total: 300, Currency: "CNY", Coupon: "C50"}},
		Cards:     []Card{{ID: "card1", OrderID: "O-2", Kind: "return", Amount: 200}},
		Sizes:     []Size{{ProductID: "p-run", Reference: "38", FootMM: 240, Recommended: "39"}},
		ToolCalls: 8, ToolErrors: 1,
	}
	if !reflect.DeepEqual(rec, want) {
		t.Fatalf("record\n%+v\nwant\n%+v", rec, want)
	}
}

// A call read back with only its JSON (no Value) records the same facts as the
// live call it was encoded from.
func TestRecordSameFromJSONAlone(t *testing.T) {
	live := typedCalls()
	stored := make([]tool.Call, len(live))
	for i, c := range live {
		b, err := json.Marshal(c.Value)
		if err != nil {
			t.Fatal(err)
		}
		stored[i] = tool.Call{Name: c.Name, Args: c.Args, Result: string(b)}
	}
	var a, b Record
	a.Add(t0, nil, live)
	b.Add(t0, nil, stored)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("from values\n%+v\nfrom JSON\n%+v", a, b)
	}
}

func TestPersonalReadsTheTypedValues(t *testing.T) {
	quote := func(kind string) tool.Call {
		return tool.Call{Name: tool.QuotePrice, Result: `{"total":1,"steps":[{"kind":"coupon","id":"C50"}]}`,
			Value: &commerce.Quote{Total: 1, Lines: []commerce.QuoteLine{{SKUID: "s"}}, Steps: []commerce.Step{{Kind: kind, ID: "x"}}}}
	}
	if Personal([]tool.Call{quote("full_reduction")}, nil) {
		t.Error("a quote without a coupon is personal: the JSON's coupon was read, not the value")
	}
	if !Personal([]tool.Call{quote(commerce.KindCoupon)}, nil) {
		t.Error("a quote with the customer's coupon is not personal")
	}
	failed := tool.Call{Name: tool.ListOrders, Result: `{"orders":[{"id":"O-1"}]}`,
		Value: tool.ErrorResult{Error: "x", Code: "internal"}}
	if Personal([]tool.Call{failed}, nil) {
		t.Error("a failed list_orders is personal: the JSON was read, not the value")
	}
	failed.Value = tool.OrdersResult{}
	if !Personal([]tool.Call{failed}, nil) {
		t.Error("an answered list_orders is not personal")
	}
}
