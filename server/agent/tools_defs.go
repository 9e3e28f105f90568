package agent

import "github.com/concierge-shop/concierge/server/tool"

// The tools of SPEC §5: names fixed, arguments as JSON Schema. Descriptions are for
// the model (English); what the customer reads is written by the planner. Every
// schema forbids additional properties: there is no "user" to pass, ever.

var toolOrder = []string{
	tool.SearchKnowledge, tool.GetProduct, tool.CompareProducts, tool.QuotePrice, tool.ListOrders,
	tool.GetOrder, tool.RecommendSize, tool.CheckPriceProtection, tool.OfferRefund, tool.HandoffToHuman,
}

// maxCompare bounds compare_products: a table wider than this helps no one.
const maxCompare = 5

var toolSpecs = map[string]toolSpec{
	tool.SearchKnowledge: typed("Search the shop's FAQs, policies and products. Returns the best matches with their text "+
		"(FAQ answer, policy body, product summary). Use it before answering any question about the shop.",
		runSearchKnowledge),
	tool.GetProduct: typed("A product's details: skus with list price, price now after item promotions (price_now) and stock, "+
		"size chart, and the promotions that cover it now. Money is in cents.",
		runGetProduct),
	tool.CompareProducts: typed("Compare 2 to 5 products side by side: prices (cents), stock, sizes, fit, tags and live promotions.",
		runCompareProducts),
	tool.QuotePrice: typed("The final price (到手价) of a cart for this customer now, with every promotion, coupon, membership "+
		"and subsidy step. Returns total, lines, steps and notes; money in cents. Without coupon the best coupon the "+
		"customer holds is used.",
		runQuotePrice),
	tool.ListOrders: typed("The customer's own orders with status in plain words, items and amounts (cents).",
		runListOrders),
	tool.GetOrder: typed("One of the customer's own orders. Another customer's order is reported as not found.",
		runGetOrder),
	tool.RecommendSize: typed("Recommend a size of a product from the size the customer usually wears (reference_size) in a "+
		"category (reference_category: the catalog category of the shoes they named; empty = read on the product's own chart), or from the "+
		"foot length they measured (foot_mm, then no reference size is needed). Never guesses: returns an error "+
		"when it cannot tell.",
		runRecommendSize),
	tool.CheckPriceProtection: typed("Price protection for one of the customer's orders: per line the unit price paid, the unit price "+
		"now and the refund (cents), and refund_total. Eligible=false with a message when the order is outside the rules.",
		runCheckPriceProtection),
	tool.OfferRefund: typed("Offer the customer a refund card for one of their orders (kind deposit, price_protection or "+
		"return). It does not move money: the customer confirms on the card, and staff approve above the limit. "+
		"A refund the rules do not allow returns an error explaining why.",
		runOfferRefund),
	tool.HandoffToHuman: typed("Bring in a staff member: when the customer asks for a person, is upset, or you cannot help. "+
		"Tell the customer a colleague will reply in this conversation.",
		runHandoff),
}

// The arguments of each tool (SPEC §5); their tags are the schema (toolargs.go).
type (
	searchArgs struct {
		Query string `json:"query" required:"true" desc:"what to look for, in the customer's words"`
	}
	productArgs struct {
		ProductID string `json:"product_id" required:"true"`
	}
	compareArgs struct {
		ProductIDs []string `json:"product_ids" required:"true" minItems:"2" maxItems:"5"` // maxCompare
	}
	quoteArgs struct {
		Items  []quoteItem `json:"items" required:"true" minItems:"1"`
		Coupon string      `json:"coupon" desc:"a coupon code the customer asked for"`
	}
	quoteItem struct {
		SKUID string `json:"sku_id" required:"true"`
		Qty   int64  `json:"qty" required:"true" minimum:"1"`
	}
	noArgs    struct{}
	orderArgs struct {
		OrderID string `json:"order_id" required:"true"`
	}
	sizeArgs struct {
		ProductID         string `json:"product_id" required:"true"`
		ReferenceSize     string `json:"reference_size" desc:"e.g. 38"`
		ReferenceCategory string `json:"reference_category" desc:"catalog category of the reference shoes, or empty"`
		ReferenceSystem   string `json:"reference_system" desc:"size system of the reference size, e.g. EU, US, CN"`
		FootMM            int    `json:"foot_mm" desc:"the customer's measured foot length in millimetres, instead of a reference size"`
	}
	offerArgs struct {
		OrderID string   `json:"order_id" required:"true"`
		Kind    string   `json:"kind" required:"true" enum:"deposit,price_protection,return"`
		Reason  string   `json:"reason" required:"true" desc:"why, in a few words, shown on the card"`
		SKUs    []string `json:"sku_ids" desc:"return only: the sku_id of each order line the customer sends back when it is not the whole order; omit for the whole order"`
	}
	handoffArgs struct {
		Reason string `json:"reason" desc:"why a person is needed, in a few words"`
	}
)
