package agent

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/concierge-shop/concierge/server/commerce"
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
		tool, args string
		want       any // a zero value of the type Value must hold
	}{
		{ToolSearchKnowledge, `{"query":"定金能退吗"}`, searchResult{}},
		{ToolGetProduct, `{"product_id":"p-run-1"}`, ProductInfo{}},
		{ToolCompareProducts, `{"product_ids":["p-run-1","p-tee-1"]}`, CompareResult{}},
		{ToolQuotePrice, `{"items":[{"sku_id":"s-run-1-39-white","qty":1}]}`, &commerce.Quote{}},
		{ToolListOrders, `{}`, OrdersResult{}},
		{ToolGetOrder, `{"order_id":"O-3001"}`, &commerce.OrderView{}},
		{ToolRecommendSize, `{"product_id":"p-run-1","foot_mm":245}`, &commerce.SizeAdvice{}},
		{ToolCheckPriceProtection, `{"order_id":"O-3001"}`, &commerce.PriceProtection{}},
		{ToolOfferRefund, `{"order_id":"O-3001","kind":"price_protection","reason":"price dropped"}`, OfferedCard{}},
		{ToolHandoffToHuman, `{"reason":"upset"}`, handoffResult{}},
		{ToolGetOrder, `{"order_id":"O-9999"}`, ErrorResult{}},
		{"delete_everything", `{}`, ErrorResult{}},
	}
	for _, tc := range cases {
		res, _ := tb.Call(context.Background(), tc.tool, tc.args)
		calls := tb.Calls()
		c := calls[len(calls)-1]
		want := reflect.TypeOf(tc.want)
		if got := reflect.TypeOf(c.Value); got != want {
			t.Errorf("%s(%s): Value is %v, want %v (result %s)", tc.tool, tc.args, got, want, res)
			continue
		}
		if c.Result != res {
			t.Errorf("%s: the call keeps %q, the model read %q", tc.tool, c.Result, res)
		}
		if b, _ := json.Marshal(c.Value); string(b) != res {
			t.Errorf("%s: Value encodes to %s, the result is %s", tc.tool, b, res)
		}
		if c.Failed() != (want == reflect.TypeOf(ErrorResult{})) {
			t.Errorf("%s: Failed() = %v for %v", tc.tool, c.Failed(), want)
		}

		stored := ToolCall{Name: c.Name, Args: c.Args, Result: c.Result} // as read back: no Value
		back := stored.Typed()
		if got := reflect.TypeOf(back); got != want {
			t.Errorf("%s: decoded back as %v, the live call is %v", tc.tool, got, want)
			continue
		}
		if b, _ := json.Marshal(back); string(b) != res {
			t.Errorf("%s: decoded back encodes to %s, the result is %s", tc.tool, b, res)
		}
	}
}

// Typed prefers the value the tool produced: the JSON is not read when a Value is
// there, so a reader cannot be quietly re-parsing the model's text.
func TestTypedReadsValueNotResult(t *testing.T) {
	v := ProductInfo{ID: "p-typed", Title: "typed"}
	c := ToolCall{Name: ToolGetProduct, Result: `{"id":"p-json","title":"json"}`, Value: v}
	if got, ok := c.Typed().(ProductInfo); !ok || got.ID != "p-typed" {
		t.Fatalf("Typed() = %#v, want the Value", c.Typed())
	}
	c = ToolCall{Name: ToolGetProduct, Result: `{"error":"gone","code":"not_found"}`, Value: v}
	if c.Failed() {
		t.Error("Failed() read the JSON instead of the Value")
	}
	c = ToolCall{Name: ToolGetProduct, Result: `{"id":"p1"}`, Value: ErrorResult{Error: "x", Code: codeInternal}}
	if !c.Failed() {
		t.Error("Failed() missed an ErrorResult Value")
	}
}

// The fallback reads only what it can: no value for text that is not the tool's
// JSON, for "null", or for a tool that does not exist.
func TestTypedFallbackOnUnreadableResults(t *testing.T) {
	for _, c := range []ToolCall{
		{Name: ToolQuotePrice, Result: `null`},
		{Name: ToolQuotePrice, Result: `not json`},
		{Name: ToolGetProduct, Result: `{"id":42}`},
		{Name: "no_such_tool", Result: `{"id":"p1"}`},
		{Name: ToolGetOrder, Result: ``},
	} {
		if v := c.Typed(); v != nil {
			t.Errorf("%s %q: Typed() = %#v, want nil", c.Name, c.Result, v)
		}
		if c.Failed() {
			t.Errorf("%s %q: Failed() without an error object", c.Name, c.Result)
		}
	}
	e := ToolCall{Name: "no_such_tool", Result: `{"error":"unknown tool","code":"unknown_tool"}`}
	if !e.Failed() {
		t.Error("an error object of an unknown tool is not a failure")
	}
}
