package shop

import (
	"strings"
	"testing"
)

// ruleCase breaks one rule of baseCatalog and names the paths that must be reported.
type ruleCase struct {
	name string
	mut  func(d map[string]any)
	msg  string
	want []string
}

func runCatalogCases(t *testing.T, cases []ruleCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeCatalog(strings.NewReader(mutate(t, baseCatalog, tc.mut)))
			wantPaths(t, err, tc.msg, tc.want...)
		})
	}
}

// Semantic rules of SPEC §3/§4 on a well-formed catalog, one case (at least) per rule.
func TestValidateCatalogRules(t *testing.T) {
	type m = map[string]any
	cases := []ruleCase{
		// currency
		{"currency missing", func(d m) { delete(d, "currency") }, "three-letter", []string{"currency"}},
		{"currency lower case", func(d m) { d["currency"] = "cny" }, "three-letter", []string{"currency"}},
		{"currency too long", func(d m) { d["currency"] = "CNYY" }, "three-letter", []string{"currency"}},
		// required text
		{"product id empty", func(d m) { set(d, "", "products", 1, "id") }, "required", []string{"products[1].id"}},
		{"product id missing", func(d m) { del(d, "products", 1, "id") }, "required", []string{"products[1].id"}},
		{"product title blank", func(d m) { set(d, "  ", "products", 0, "title") }, "required", []string{"products[0].title"}},
		{"sku id empty", func(d m) { set(d, "", "products", 0, "skus", 1, "id") }, "required", []string{"products[0].skus[1].id"}},
		{"faq question empty", func(d m) { set(d, "", "faqs", 0, "question") }, "required", []string{"faqs[0].question"}},
		{"faq answer missing", func(d m) { del(d, "faqs", 0, "answer") }, "required", []string{"faqs[0].answer"}},
		{"faq id empty", func(d m) { set(d, "", "faqs", 0, "id") }, "required", []string{"faqs[0].id"}},
		{"policy title empty", func(d m) { set(d, "", "policies", 0, "title") }, "required", []string{"policies[0].title"}},
		{"policy body empty", func(d m) { set(d, "\n", "policies", 0, "body") }, "required", []string{"policies[0].body"}},
		{"promotion id empty", func(d m) { set(d, "", "promotions", 2, "id") }, "required", []string{"promotions[2].id"}},
		{"size row size empty", func(d m) { set(d, "", "products", 0, "size_chart", "rows", 0, "size") }, "required",
			[]string{"products[0].size_chart.rows[0].size"}},
		{"sku size attribute empty", func(d m) { set(d, "", "products", 0, "skus", 0, "attributes", "size") }, "required",
			[]string{"products[0].skus[0].attributes.size"}},
		{"size system category empty", func(d m) { set(d, "", "size_systems", 0, "category") }, "required", []string{"size_systems[0].category"}},
		{"size system name empty", func(d m) { set(d, "", "size_systems", 0, "system") }, "required", []string{"size_systems[0].system"}},
		// duplicates
		{"duplicate product id", func(d m) { set(d, "p1", "products", 1, "id") }, "duplicate product id", []string{"products[1].id"}},
		{"duplicate sku id across products", func(d m) { set(d, "s1-39", "products", 1, "skus", 0, "id") }, "first at products[0].skus[1]",
			[]string{"products[1].skus[0].id"}},
		{"duplicate faq id", func(d m) {
			d["faqs"] = append(d["faqs"].([]any), m{"id": "f1", "question": "q2", "answer": "a2"})
		}, "duplicate faq id", []string{"faqs[1].id"}},
		{"duplicate policy id", func(d m) {
			d["policies"] = append(d["policies"].([]any), m{"id": "pol1", "title": "t", "body": "b"})
		}, "duplicate policy id", []string{"policies[1].id"}},
		{"duplicate promotion id", func(d m) { set(d, "pr-item", "promotions", 4, "id") }, "duplicate promotion id", []string{"promotions[4].id"}},
		{"duplicate size system", func(d m) {
			d["size_systems"] = append(d["size_systems"].([]any), m{"category": "leather-shoes", "system": "CN", "rows": []any{m{"size": "39", "foot_mm": 245}}})
		}, "duplicate size system", []string{"size_systems[1].system"}},
		// numbers
		{"negative price", func(d m) { set(d, -1, "products", 1, "skus", 0, "price") }, "negative", []string{"products[1].skus[0].price"}},
		{"negative stock", func(d m) { set(d, -2, "products", 0, "skus", 0, "stock") }, "negative", []string{"products[0].skus[0].stock"}},
		{"zero foot length", func(d m) { set(d, 0, "products", 0, "size_chart", "rows", 1, "foot_mm") }, "positive",
			[]string{"products[0].size_chart.rows[1].foot_mm"}},
		{"negative foot length in a size system", func(d m) { set(d, -240, "size_systems", 0, "rows", 0, "foot_mm") }, "positive",
			[]string{"size_systems[0].rows[0].foot_mm"}},
		{"duplicate chart size", func(d m) { set(d, "38", "products", 0, "size_chart", "rows", 1, "size") }, "duplicate size",
			[]string{"products[0].size_chart.rows[1].size"}},
		{"empty chart", func(d m) { set(d, []any{}, "products", 0, "size_chart", "rows") }, "at least one row",
			[]string{"products[0].size_chart.rows"}},
		{"product without skus", func(d m) { set(d, []any{}, "products", 1, "skus") }, "at least one sku", []string{"products[1].skus"}},
		// lang
		{"product lang", func(d m) { set(d, "fr", "products", 0, "lang") }, `"zh", "en"`, []string{"products[0].lang"}},
		{"faq lang", func(d m) { set(d, "zh-CN", "faqs", 0, "lang") }, `"zh", "en"`, []string{"faqs[0].lang"}},
		{"policy lang", func(d m) { set(d, "EN", "policies", 0, "lang") }, `"zh", "en"`, []string{"policies[0].lang"}},
	}
	runCatalogCases(t, cases)
}

func TestValidatePromotionRules(t *testing.T) {
	type m = map[string]any
	// promotions: 0 item_discount percent, 1 item_discount amount, 2 spend_save, 3 membership, 4 subsidy
	cases := []ruleCase{
		{"unknown type", func(d m) { set(d, "bogo", "promotions", 0, "type") }, "must be one of", []string{"promotions[0].type"}},
		{"missing type", func(d m) { del(d, "promotions", 2, "type") }, "must be one of", []string{"promotions[2].type"}},
		{"starts after ends", func(d m) { set(d, "2027-02-01T00:00:00+08:00", "promotions", 0, "starts") }, "must be after starts",
			[]string{"promotions[0].ends"}},
		{"starts equals ends as instants", func(d m) {
			set(d, "2026-12-31T16:00:00Z", "promotions", 0, "starts") // = 2027-01-01T00:00:00+08:00
		}, "must be after starts", []string{"promotions[0].ends"}},
		{"unknown product id", func(d m) { set(d, []any{"p1", "p-gone"}, "promotions", 1, "product_ids") }, `unknown product id "p-gone"`,
			[]string{"promotions[1].product_ids[1]"}},
		{"empty category", func(d m) { set(d, []any{""}, "promotions", 4, "categories") }, "required", []string{"promotions[4].categories[0]"}},
		// item_discount
		{"item discount with both", func(d m) { set(d, 500, "promotions", 0, "amount_off") }, "exactly one",
			[]string{"promotions[0].percent_off"}},
		{"item discount with neither", func(d m) { del(d, "promotions", 1, "amount_off") }, "exactly one",
			[]string{"promotions[1].percent_off"}},
		{"item percent over 100", func(d m) { set(d, 101, "promotions", 0, "percent_off") }, "0 to 100", []string{"promotions[0].percent_off"}},
		{"item percent negative", func(d m) { set(d, -5, "promotions", 0, "percent_off") }, "0 to 100", []string{"promotions[0].percent_off"}},
		{"item percent fraction", func(d m) { set(d, 12.5, "promotions", 0, "percent_off") }, "whole number", []string{"promotions[0].percent_off"}},
		{"item amount negative", func(d m) { set(d, -3000, "promotions", 1, "amount_off") }, "negative", []string{"promotions[1].amount_off"}},
		{"item discount given a subsidy field", func(d m) { set(d, 10, "promotions", 0, "percent") }, "not used by type item_discount",
			[]string{"promotions[0].percent"}},
		// spend_save
		{"spend save threshold zero", func(d m) { set(d, 0, "promotions", 2, "threshold") }, "greater than 0", []string{"promotions[2].threshold"}},
		{"spend save threshold missing", func(d m) { del(d, "promotions", 2, "threshold") }, "greater than 0", []string{"promotions[2].threshold"}},
		{"spend save threshold negative", func(d m) { set(d, -1, "promotions", 2, "threshold") }, "greater than 0", []string{"promotions[2].threshold"}},
		{"spend save off zero", func(d m) { set(d, 0, "promotions", 2, "off") }, "greater than 0", []string{"promotions[2].off"}},
		{"spend save off negative", func(d m) { set(d, -100, "promotions", 2, "off") }, "greater than 0", []string{"promotions[2].off"}},
		{"spend save max_off negative", func(d m) { set(d, -1, "promotions", 2, "max_off") }, "negative", []string{"promotions[2].max_off"}},
		{"spend save with percent_off", func(d m) { set(d, 10, "promotions", 2, "percent_off") }, "not used by type spend_save",
			[]string{"promotions[2].percent_off"}},
		// membership
		{"membership without tier", func(d m) { del(d, "promotions", 3, "tier") }, "required", []string{"promotions[3].tier"}},
		{"membership without percent", func(d m) { del(d, "promotions", 3, "percent_off") }, "required for a membership", []string{"promotions[3].percent_off"}},
		{"membership percent over 100", func(d m) { set(d, 150, "promotions", 3, "percent_off") }, "0 to 100", []string{"promotions[3].percent_off"}},
		{"membership max_off negative", func(d m) { set(d, -1, "promotions", 3, "max_off") }, "negative", []string{"promotions[3].max_off"}},
		{"membership with repeat", func(d m) { set(d, true, "promotions", 3, "repeat") }, "not used by type membership", []string{"promotions[3].repeat"}},
		// subsidy
		{"subsidy percent over 100", func(d m) { set(d, 101, "promotions", 4, "percent") }, "0 to 100", []string{"promotions[4].percent"}},
		{"subsidy percent negative", func(d m) { set(d, -15, "promotions", 4, "percent") }, "0 to 100", []string{"promotions[4].percent"}},
		{"subsidy cap negative", func(d m) { set(d, -1, "promotions", 4, "cap_per_unit") }, "negative", []string{"promotions[4].cap_per_unit"}},
		{"subsidy with percent_off instead of percent", func(d m) {
			del(d, "promotions", 4, "percent")
			set(d, 15, "promotions", 4, "percent_off")
		}, "not used by type subsidy", []string{"promotions[4].percent_off"}},
	}
	runCatalogCases(t, cases)
}

// Boundary values the rules allow must pass: 0 and 100 percent, an open-ended
// promotion, a negative fit_mm (a model that runs large), zero stock and price.
func TestValidateCatalogAcceptsBoundaries(t *testing.T) {
	doc := mutate(t, baseCatalog, func(d map[string]any) {
		set(d, 0, "promotions", 0, "percent_off")
		del(d, "promotions", 0, "starts")
		set(d, 100, "promotions", 3, "percent_off")
		set(d, 0, "promotions", 4, "percent")
		set(d, 0, "promotions", 1, "amount_off")
		set(d, -5, "products", 0, "size_chart", "fit_mm")
		set(d, 0, "products", 1, "skus", 0, "price")
		set(d, "2026-11-11T00:00:00.5-05:30", "promotions", 0, "ends")
	})
	if _, err := DecodeCatalog(strings.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
}
