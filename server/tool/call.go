package tool

import (
	"encoding/json"
	"reflect"

	"github.com/concierge-shop/concierge/server/commerce"
)

// Call is one call as it happened. The model read Result; the layers after the
// reply (the reply's cards, the conversation's record, its privacy check) read the
// facts as the tool produced them, through Typed, so that no one parses the JSON
// the model was given to learn what the tool already knew.
type Call struct {
	Name string
	Args string
	// Result is the JSON the model read (and a log shows).
	Result string
	// Value is what Result was encoded from: an ErrorResult when the call failed,
	// else the tool's result, of the type results names for the tool.
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
// switches on are the same on both paths.
func (c Call) Typed() any {
	if c.Value != nil {
		return c.Value
	}
	var e ErrorResult
	if json.Unmarshal([]byte(c.Result), &e) == nil && e.Error != "" {
		return e // an error object, whatever the tool
	}
	decode, ok := results[c.Name]
	if !ok {
		return nil
	}
	return decode(c.Result)
}

// Failed reports whether the call answered {"error": …}: nothing the tool was
// asked for came back.
func (c Call) Failed() bool {
	_, failed := c.Typed().(ErrorResult)
	return failed
}

// results is the type of each tool's result, as the decoder of its JSON that
// Typed falls back on. It is this package's own statement, so that a reader needs
// no tool table to read a stored call; package agent's tests hold it to the types
// the tools' run functions return, so the two cannot drift.
var results = map[string]func(result string) any{
	SearchKnowledge:      decodeAs[SearchResult],
	GetProduct:           decodeAs[ProductInfo],
	CompareProducts:      decodeAs[CompareResult],
	QuotePrice:           decodeAs[*commerce.Quote],
	ListOrders:           decodeAs[OrdersResult],
	GetOrder:             decodeAs[*commerce.OrderView],
	RecommendSize:        decodeAs[*commerce.SizeAdvice],
	CheckPriceProtection: decodeAs[*commerce.PriceProtection],
	OfferRefund:          decodeAs[OfferedCard],
	HandoffToHuman:       decodeAs[HandoffResult],
}

// decodeAs reads a result's JSON as an R; nil when it cannot.
func decodeAs[R any](result string) any {
	var r R
	if json.Unmarshal([]byte(result), &r) != nil {
		return nil
	}
	if v := reflect.ValueOf(&r).Elem(); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil // "null": no value, not a nil pointer a reader would trip on
	}
	return r
}
