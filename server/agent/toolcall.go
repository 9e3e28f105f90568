package agent

import "encoding/json"

// ToolCall is one call as it happened. The model read Result; the layers after the
// reply (the reply's cards, the conversation's record, its privacy check) read the
// facts as the tool produced them, through Typed, so that no one parses the JSON
// the model was given to learn what the tool already knew.
type ToolCall struct {
	Name string
	Args string
	// Result is the JSON the model read (and a log shows).
	Result string
	// Value is what Result was encoded from: an ErrorResult when the call failed,
	// else the tool's result:
	//
	//	get_product             ProductInfo
	//	compare_products        CompareResult
	//	quote_price             *commerce.Quote
	//	list_orders             OrdersResult
	//	get_order               *commerce.OrderView
	//	recommend_size          *commerce.SizeAdvice
	//	check_price_protection  *commerce.PriceProtection
	//	offer_refund            OfferedCard
	//	search_knowledge, handoff_to_human: this package's own (no one outside reads them)
	//
	// It may share slices with the shop's snapshot (a product's tags, its size
	// chart): read it, never change it. It is not encoded with the call (json:"-"):
	// read it through Typed, which also covers a call that has only its JSON.
	Value any `json:"-"`
}

// Typed is the call's value: Value, or, for a call without one, Result decoded
// into the type that tool produces (nil when Result cannot be read as it).
//
// A call lacks a Value when it was rebuilt from its JSON form — a call stored or
// logged and read back (after a restart, say), or one a test writes as the model
// would see it. That fallback lives here and nowhere else, so the types a reader
// switches on are the same on both paths (the tool table makes both from one type).
func (c ToolCall) Typed() any {
	if c.Value != nil {
		return c.Value
	}
	return decodeResult(c.Name, c.Result)
}

// Failed reports whether the call answered {"error": …}: nothing the tool was
// asked for came back.
func (c ToolCall) Failed() bool {
	_, failed := c.Typed().(ErrorResult)
	return failed
}

// decodeResult is the fallback of Typed: an error object whatever the tool, else
// the tool's own result type.
func decodeResult(name, result string) any {
	var e ErrorResult
	if json.Unmarshal([]byte(result), &e) == nil && e.Error != "" {
		return e
	}
	t, ok := tools[name]
	if !ok {
		return nil
	}
	return t.decode(result)
}
