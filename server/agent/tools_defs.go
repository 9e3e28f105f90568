package agent

// The tools of SPEC §5: names fixed, arguments as JSON Schema. Descriptions are for
// the model (English); what the customer reads is written by the planner. Every
// schema forbids additional properties: there is no "user" to pass, ever.

// Tool names.
const (
	ToolSearchKnowledge      = "search_knowledge"
	ToolGetProduct           = "get_product"
	ToolCompareProducts      = "compare_products"
	ToolQuotePrice           = "quote_price"
	ToolListOrders           = "list_orders"
	ToolGetOrder             = "get_order"
	ToolRecommendSize        = "recommend_size"
	ToolCheckPriceProtection = "check_price_protection"
	ToolOfferRefund          = "offer_refund"
	ToolHandoffToHuman       = "handoff_to_human"
)

var toolOrder = []string{
	ToolSearchKnowledge, ToolGetProduct, ToolCompareProducts, ToolQuotePrice, ToolListOrders,
	ToolGetOrder, ToolRecommendSize, ToolCheckPriceProtection, ToolOfferRefund, ToolHandoffToHuman,
}

// maxCompare bounds compare_products: a table wider than this helps no one.
const maxCompare = 5

var tools = map[string]tool{
	ToolSearchKnowledge: {
		description: "Search the shop's FAQs, policies and products. Returns the best matches with their text " +
			"(FAQ answer, policy body, product summary). Use it before answering any question about the shop.",
		schema: `{"type":"object","properties":{
			"query":{"type":"string","description":"what to look for, in the customer's words"}},
			"required":["query"],"additionalProperties":false}`,
		run: runSearchKnowledge,
	},
	ToolGetProduct: {
		description: "A product's details: skus with list price, price now after item promotions (price_now) and stock, " +
			"size chart, and the promotions that cover it now. Money is in cents.",
		schema: `{"type":"object","properties":{
			"product_id":{"type":"string"}},
			"required":["product_id"],"additionalProperties":false}`,
		run: runGetProduct,
	},
	ToolCompareProducts: {
		description: "Compare 2 to 5 products side by side: prices (cents), stock, sizes, fit, tags and live promotions.",
		schema: `{"type":"object","properties":{
			"product_ids":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":5}},
			"required":["product_ids"],"additionalProperties":false}`,
		run: runCompareProducts,
	},
	ToolQuotePrice: {
		description: "The final price (到手价) of a cart for this customer now, with every promotion, coupon, membership " +
			"and subsidy step. Returns total, lines, steps and notes; money in cents. Without coupon the best coupon the " +
			"customer holds is used.",
		schema: `{"type":"object","properties":{
			"items":{"type":"array","minItems":1,"items":{"type":"object","properties":{
				"sku_id":{"type":"string"},"qty":{"type":"integer","minimum":1}},
				"required":["sku_id","qty"],"additionalProperties":false}},
			"coupon":{"type":"string","description":"a coupon code the customer asked for"}},
			"required":["items"],"additionalProperties":false}`,
		run: runQuotePrice,
	},
	ToolListOrders: {
		description: "The customer's own orders with status in plain words, items and amounts (cents).",
		schema:      `{"type":"object","properties":{},"additionalProperties":false}`,
		run:         runListOrders,
	},
	ToolGetOrder: {
		description: "One of the customer's own orders. Another customer's order is reported as not found.",
		schema: `{"type":"object","properties":{
			"order_id":{"type":"string"}},
			"required":["order_id"],"additionalProperties":false}`,
		run: runGetOrder,
	},
	ToolRecommendSize: {
		description: "Recommend a size of a product from the size the customer usually wears (reference_size) in a " +
			"category (reference_category: the catalog category of the shoes they named; empty = read on the product's own chart), or from the " +
			"foot length they measured (foot_mm, then no reference size is needed). Never guesses: returns an error " +
			"when it cannot tell.",
		schema: `{"type":"object","properties":{
			"product_id":{"type":"string"},
			"reference_size":{"type":"string","description":"e.g. 38"},
			"reference_category":{"type":"string","description":"catalog category of the reference shoes, or empty"},
			"reference_system":{"type":"string","description":"size system of the reference size, e.g. EU, US, CN"},
			"foot_mm":{"type":"integer","description":"the customer's measured foot length in millimetres, instead of a reference size"}},
			"required":["product_id"],"additionalProperties":false}`,
		run: runRecommendSize,
	},
	ToolCheckPriceProtection: {
		description: "Price protection for one of the customer's orders: per line the unit price paid, the unit price " +
			"now and the refund (cents), and refund_total. Eligible=false with a message when the order is outside the rules.",
		schema: `{"type":"object","properties":{
			"order_id":{"type":"string"}},
			"required":["order_id"],"additionalProperties":false}`,
		run: runCheckPriceProtection,
	},
	ToolOfferRefund: {
		description: "Offer the customer a refund card for one of their orders (kind deposit, price_protection or " +
			"return). It does not move money: the customer confirms on the card, and staff approve above the limit. " +
			"A refund the rules do not allow returns an error explaining why.",
		schema: `{"type":"object","properties":{
			"order_id":{"type":"string"},
			"kind":{"type":"string","enum":["deposit","price_protection","return"]},
			"reason":{"type":"string","description":"why, in a few words, shown on the card"}},
			"required":["order_id","kind","reason"],"additionalProperties":false}`,
		run: runOfferRefund,
	},
	ToolHandoffToHuman: {
		description: "Bring in a staff member: when the customer asks for a person, is upset, or you cannot help. " +
			"Tell the customer a colleague will reply in this conversation.",
		schema: `{"type":"object","properties":{
			"reason":{"type":"string"}},
			"required":["reason"],"additionalProperties":false}`,
		run: runHandoff,
	},
}
