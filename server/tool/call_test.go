package tool

import "testing"

// Typed prefers the value the tool produced: the JSON is not read when a Value is
// there, so a reader cannot be quietly re-parsing the model's text.
func TestTypedReadsValueNotResult(t *testing.T) {
	v := ProductInfo{ID: "p-typed", Title: "typed"}
	c := Call{Name: GetProduct, Result: `{"id":"p-json","title":"json"}`, Value: v}
	if got, ok := c.Typed().(ProductInfo); !ok || got.ID != "p-typed" {
		t.Fatalf("Typed() = %#v, want the Value", c.Typed())
	}
	c = Call{Name: GetProduct, Result: `{"error":"gone","code":"not_found"}`, Value: v}
	if c.Failed() {
		t.Error("Failed() read the JSON instead of the Value")
	}
	c = Call{Name: GetProduct, Result: `{"id":"p1"}`, Value: ErrorResult{Error: "x", Code: "internal"}}
	if !c.Failed() {
		t.Error("Failed() missed an ErrorResult Value")
	}
}

// The fallback reads only what it can: no value for text that is not the tool's
// JSON, for "null", or for a tool that does not exist.
func TestTypedFallbackOnUnreadableResults(t *testing.T) {
	for _, c := range []Call{
		{Name: QuotePrice, Result: `null`},
		{Name: QuotePrice, Result: `not json`},
		{Name: GetProduct, Result: `{"id":42}`},
		{Name: "no_such_tool", Result: `{"id":"p1"}`},
		{Name: GetOrder, Result: ``},
	} {
		if v := c.Typed(); v != nil {
			t.Errorf("%s %q: Typed() = %#v, want nil", c.Name, c.Result, v)
		}
		if c.Failed() {
			t.Errorf("%s %q: Failed() without an error object", c.Name, c.Result)
		}
	}
	e := Call{Name: "no_such_tool", Result: `{"error":"unknown tool","code":"unknown_tool"}`}
	if !e.Failed() {
		t.Error("an error object of an unknown tool is not a failure")
	}
}
