// Package tool is the contract of SPEC §5's tools as values: their names, the
// record of one call, and the types their results are. It sits below package
// agent, which runs the tools, and below the layers that read what a call found
// (summary's record and privacy check, the reply's cards, the conversation's
// privacy gate), so that a reader of a tool's facts needs the vocabulary only,
// not the planner that produced them.
package tool

// The tools' names, fixed by SPEC §5: the model calls a tool by its name.
const (
	SearchKnowledge      = "search_knowledge"
	GetProduct           = "get_product"
	CompareProducts      = "compare_products"
	QuotePrice           = "quote_price"
	ListOrders           = "list_orders"
	GetOrder             = "get_order"
	RecommendSize        = "recommend_size"
	CheckPriceProtection = "check_price_protection"
	OfferRefund          = "offer_refund"
	HandoffToHuman       = "handoff_to_human"
)
