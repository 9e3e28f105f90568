package agent

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/tool"
)

// Every tool's call keeps the value its JSON was made from, of the type the layers
// after the reply switch on; and the fallback that rebuilds it from the JSON alone
// (a call read back without its Value) gives the same type and the same JSON.
func TestCallsKeepTheirTypedValue(t *testing.T) {
	f := newFixture(t)
	tr := turn("carol", "price protection")
	tr.Where = Where{ChannelID: "dm-carol", DM: true}
	tb := NewToolbox(f.deps, tr)
	cases := []struct {
		name, args string
		want       any // a zero value of the type Value must hold
	}{
		{tool.SearchKnowledge, `{"query":"定金能退吗"}`, tool.SearchResult{}},
		{tool.GetProduct, `{"product_id":"p-run-1"}`, tool.ProductInfo{}},
		{tool.CompareProducts, `{"product_ids":["p-run-1","p-tee-1"]}`, tool.CompareResult{}},
		{tool.QuotePrice, `{"items":[{"sku_id":"s-run-1-39-white","qty":1}]}`, &commerce.Quote{}},
		{tool.ListOrders, `{}`, tool.OrdersResult{}},
		{tool.GetOrder, `{"order_id":"O-3001"}`, &commerce.OrderView{}},
		{tool.RecommendSize, `{"product_id":"p-run-1","foot_mm":245}`, &commerce.SizeAdvice{}},
		{tool.CheckPriceProtection, `{"order_id":"O-3001"}`, &commerce.PriceProtection{}},
		{tool.OfferRefund, `{"order_id":"O-3001","kind":"price_protection","reason":"price dropped"}`, tool.OfferedCard{}},
		{tool.HandoffToHuman, `{"reason":"upset"}`, tool.HandoffResult{}},
		{tool.GetOrder, `{"order_id":"O-9999"}`, tool.ErrorResult{}},
		{"delete_everything", `{}`, tool.ErrorResult{}},
	}
	for _, tc := range cases {
		res, _ := tb.Call(context.Background(), tc.name, tc.args)
		calls := tb.Calls()
		c := calls[len(calls)-1]
		want := reflect.TypeOf(tc.want)
		if got := reflect.TypeOf(c.Value); got != want {
			t.Errorf("%s(%s): Value is %v, want %v (result %s)", tc.name, tc.args, got, want, res)
			continue
		}
		if c.Result != res {
			t.Errorf("%s: the call keeps %q, the model read %q", tc.name, c.Result, res)
		}
		if b, _ := json.Marshal(c.Value); string(b) != res {
			t.Errorf("%s: Value encodes to %s, the result is %s", tc.name, b, res)
		}
		if c.Failed() != (want == reflect.TypeOf(tool.ErrorResult{})) {
			t.Errorf("%s: Failed() = %v for %v", tc.name, c.Failed(), want)
		}

		stored := tool.Call{Name: c.Name, Args: c.Args, Result: c.Result} // as read back: no Value
		back := stored.Typed()
		if got := reflect.TypeOf(back); got != want {
			t.Errorf("%s: decoded back as %v, the live call is %v", tc.name, got, want)
			continue
		}
		if b, _ := json.Marshal(back); string(b) != res {
			t.Errorf("%s: decoded back encodes to %s, the result is %s", tc.name, b, res)
		}
	}
}

// A call read back without its Value is decoded by package tool's own table of
// result types, which its readers use without importing this package; the tools
// here declare theirs by what their run functions return (typed's R). Every tool
// of this package must decode there into that type, so the two cannot drift.
func TestToolTableAgrees(t *testing.T) {
	if len(toolOrder) != len(toolSpecs) {
		t.Errorf("%d tools offered to the model, %d in the table", len(toolOrder), len(toolSpecs))
	}
	for name, spec := range toolSpecs {
		// {} is a valid result of every tool's type (all are structs or pointers to one).
		got := reflect.TypeOf(tool.Call{Name: name, Result: `{}`}.Typed())
		if got != spec.result {
			t.Errorf("%s returns %v, package tool decodes its JSON as %v", name, spec.result, got)
		}
	}
}
