package shop

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Every problem the decoder and the validators report must read in Chinese too, and
// its English rendering must be exactly the API's message. The cases below break
// the base documents so that, together, they produce every shop.* message and term.
func TestProblemsRenderInBothLanguages(t *testing.T) {
	type m = map[string]any
	cat := func(f func(d m)) string { return mutate(t, baseCatalog, f) }
	ord := func(f func(d m)) string { return mutate(t, baseOrders, f) }
	cases := []struct {
		name   string
		orders bool
		doc    string
		want   string // a key that must be among the details
	}{
		{"currency", false, cat(func(d m) { d["currency"] = "cny" }), "shop.currency"},
		{"required", false, cat(func(d m) { set(d, " ", "products", 0, "title") }), "shop.required"},
		{"lang", false, cat(func(d m) { set(d, "fr", "faqs", 0, "lang") }), "shop.lang"},
		{"negative price", false, cat(func(d m) { set(d, -1, "products", 0, "skus", 0, "price") }), "shop.negative"},
		{"two problems", false, cat(func(d m) {
			set(d, -1, "products", 0, "skus", 0, "price")
			set(d, -1, "products", 0, "skus", 0, "stock")
		}), "shop.negative"},
		{"no skus", false, cat(func(d m) { set(d, []any{}, "products", 1, "skus") }), "shop.no_skus"},
		{"blank attribute name", false, cat(func(d m) { set(d, "x", "products", 0, "skus", 0, "attributes", "") }), "shop.attr_blank"},
		{"no size rows", false, cat(func(d m) { set(d, []any{}, "products", 0, "size_chart", "rows") }), "shop.no_rows"},
		{"duplicate size", false, cat(func(d m) { set(d, "38", "products", 0, "size_chart", "rows", 1, "size") }), "shop.dup_size"},
		{"foot length", false, cat(func(d m) { set(d, 0, "size_systems", 0, "rows", 0, "foot_mm") }), "shop.foot_mm"},
		{"duplicate size system", false, cat(func(d m) {
			d["size_systems"] = append(d["size_systems"].([]any), m{"category": "leather-shoes", "system": "CN", "rows": []any{m{"size": "38", "foot_mm": 240}}})
		}), "shop.dup_system"},
		{"vocabulary intent", false, cat(func(d m) { d["vocabulary"] = m{"intents": m{"no-such-list": m{"zh": []any{"词"}}}} }), "shop.vocab.intent"},
		{"vocabulary category", false, cat(func(d m) { d["vocabulary"] = m{"categories": m{"no-such-category": []any{"词"}}} }), "shop.vocab.category"},
		{"vocabulary word", false, cat(func(d m) { d["vocabulary"] = m{"social": m{"thanks": m{"zh": []any{" "}}}} }), "shop.vocab.word"},
		{"duplicate product id", false, cat(func(d m) { set(d, "p1", "products", 1, "id") }), "shop.duplicate"},
		{"duplicate sku id", false, cat(func(d m) { set(d, "s1-38", "products", 1, "skus", 0, "id") }), "shop.duplicate"},
		{"duplicate faq id", false, cat(func(d m) { d["faqs"] = append(d["faqs"].([]any), m{"id": "f1", "question": "q", "answer": "a"}) }), "shop.duplicate"},
		{"duplicate policy id", false, cat(func(d m) { d["policies"] = append(d["policies"].([]any), m{"id": "pol1", "title": "t", "body": "b"}) }), "shop.duplicate"},
		{"duplicate promotion id", false, cat(func(d m) { set(d, "pr-item", "promotions", 4, "id") }), "shop.duplicate"},
		{"promotion ends", false, cat(func(d m) { set(d, "2027-02-01T00:00:00+08:00", "promotions", 0, "starts") }), "shop.promo.ends"},
		{"promotion product", false, cat(func(d m) { set(d, []any{"p-gone"}, "promotions", 1, "product_ids") }), "shop.promo.unknown_product"},
		{"promotion type", false, cat(func(d m) { set(d, "bogo", "promotions", 0, "type") }), "shop.one_of"},
		{"promotion unused field", false, cat(func(d m) { set(d, 10, "promotions", 2, "percent_off") }), "shop.promo.unused_field"},
		{"item discount with both", false, cat(func(d m) { set(d, 500, "promotions", 0, "amount_off") }), "shop.promo.one_discount"},
		{"spend save threshold", false, cat(func(d m) { set(d, 0, "promotions", 2, "threshold") }), "shop.positive"},
		{"membership percent", false, cat(func(d m) { del(d, "promotions", 3, "percent_off") }), "shop.promo.membership"},
		{"percent", false, cat(func(d m) { set(d, 101, "promotions", 4, "percent") }), "shop.percent"},

		{"unknown field", false, cat(func(d m) { set(d, 1, "products", 0, "colour") }), "shop.json.unknown"},
		{"unknown top-level field", false, cat(func(d m) { d["extra"] = 1 }), "shop.json.unknown"},
		{"string for number", false, cat(func(d m) { set(d, "599", "products", 0, "skus", 0, "price") }), "shop.json.expected"},
		{"number for string", false, cat(func(d m) { set(d, 7, "products", 0, "title") }), "shop.json.expected"},
		{"string for bool", false, cat(func(d m) { set(d, "yes", "products", 0, "membership_eligible") }), "shop.json.expected"},
		{"bool for object", false, cat(func(d m) { set(d, true, "products", 0, "size_chart") }), "shop.json.expected"},
		{"object for array", false, cat(func(d m) { set(d, m{}, "products", 0, "tags") }), "shop.json.expected"},
		{"array for timestamp", false, cat(func(d m) { set(d, []any{}, "promotions", 0, "starts") }), "shop.json.expected"},
		{"top-level not an array", false, cat(func(d m) { d["faqs"] = "none" }), "shop.json.expected"},
		{"timestamp", false, cat(func(d m) { set(d, "2026-11-01", "promotions", 0, "starts") }), "shop.json.timestamp"},
		{"fraction of a cent", false, cat(func(d m) { set(d, 599.5, "products", 0, "skus", 0, "price") }), "shop.json.whole"},
		{"out of range", false, `{"currency":"CNY","products":[{"id":"p","title":"t","skus":[{"id":"s","price":99999999999999999999}]}]}`, "shop.json.range"},
		{"syntax", false, `{"currency":"CNY","products":[{"id": }]}`, "shop.json.syntax"},
		{"truncated", false, `{"currency":"CNY","products":[{"id":"p"`, "shop.json.eof"},
		{"empty", false, ``, "shop.json.empty"},
		{"null document", false, `null`, "shop.json.not_object"},
		{"number document", false, `5`, "shop.json.not_object"},
		{"array document", false, `[]`, "shop.json.not_object"},
		{"duplicate key", false, `{"currency":"CNY","faqs":[],"faqs":[]}`, "shop.json.dup_key"},
		{"trailing data", false, `{"currency":"CNY"} {}`, "shop.json.trailing"},

		{"duplicate customer", true, ord(func(d m) { set(d, "alice", "customers", 1, "user") }), "shop.duplicate"},
		{"duplicate coupon", true, ord(func(d m) { set(d, "C50", "customers", 0, "coupons", 1, "code") }), "shop.duplicate"},
		{"duplicate order id", true, ord(func(d m) { set(d, "O-1", "orders", 2, "id") }), "shop.duplicate"},
		{"status", true, ord(func(d m) { set(d, "pending", "orders", 2, "status") }), "shop.one_of"},
		{"paid_at", true, ord(func(d m) { del(d, "orders", 0, "paid_at") }), "shop.paid_at"},
		{"deposit", true, ord(func(d m) { set(d, m{"amount": 1, "refundable": true}, "orders", 0, "deposit") }), "shop.deposit"},
		{"no items", true, ord(func(d m) { set(d, []any{}, "orders", 2, "items") }), "shop.no_items"},
		{"duplicate item", true, ord(func(d m) { set(d, "s2", "orders", 0, "items", 0, "sku_id") }), "shop.dup_item"},
		{"unknown sku", true, ord(func(d m) { set(d, "s-gone", "orders", 2, "items", 0, "sku_id") }), "shop.unknown_sku"},
		{"qty", true, ord(func(d m) { set(d, 0, "orders", 2, "items", 0, "qty") }), "shop.qty"},
	}
	snap := baseSnapshot(t)
	used := map[string]bool{} // keys and terms seen
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.orders {
				_, err = DecodeOrders(strings.NewReader(tc.doc), snap)
			} else {
				_, err = DecodeCatalog(strings.NewReader(tc.doc))
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("want *ValidationError, got %T %v", err, err)
			}
			checkBilingual(t, "summary", ve.Key, ve.Args, ve.Message, ve.Localized, used)
			var keys []string
			for _, d := range ve.Details {
				checkBilingual(t, d.Path, d.Key, d.Args, d.Message, d.Localized, used)
				keys = append(keys, d.Key)
			}
			if !slices.Contains(keys, tc.want) {
				t.Fatalf("no detail with key %s among %v", tc.want, ve.Details)
			}
		})
	}
	// Problems no document can produce today (encoding/json refusing a value the
	// walker accepts; a field of a Go kind the walker does not know) and the cap.
	for _, d := range []Detail{
		problem("products[0]", "shop.json.refused", "json: cannot unmarshal x"),
		problem("products[0].x", "shop.json.go_type", "complex128"),
		problem("", "shop.more", 12),
	} {
		checkBilingual(t, d.Key, d.Key, d.Args, d.Message, d.Localized, used)
	}
	for _, k := range i18n.Keys(i18n.EN) {
		if strings.HasPrefix(k, "shop.") && !used[k] {
			t.Errorf("message %s is never produced by these cases: add one", k)
		}
	}
}

// checkBilingual asserts that a problem has a key, renders in English as its
// Message and in Chinese as a different, well-formed text; it records the key and
// the terms among args in used.
func checkBilingual(t *testing.T, where, key string, args []any, msg string, render func(i18n.Lang) string, used map[string]bool) {
	t.Helper()
	if key == "" {
		t.Errorf("%s: %q has no key", where, msg)
		return
	}
	used[key] = true
	for _, a := range args {
		if tm, ok := a.(term); ok {
			used[string(tm)] = true
		}
		switch a.(type) {
		case string, term, int, int64:
		default:
			t.Errorf("%s: argument %v is a %T, not a plain string or number", where, a, a)
		}
	}
	if en := render(i18n.EN); en != msg {
		t.Errorf("%s: English %q differs from Message %q", where, en, msg)
	}
	zh := render(i18n.ZH)
	switch {
	case zh == msg:
		t.Errorf("%s: Chinese text is the English one: %q", where, zh)
	case strings.Contains(zh, "%!") || strings.Contains(msg, "%!"):
		t.Errorf("%s: formatting error: %q / %q", where, zh, msg)
	case i18n.Detect(zh) != i18n.ZH:
		t.Errorf("%s: Chinese text has no Chinese: %q", where, zh)
	case strings.Contains(zh, "shop."):
		t.Errorf("%s: untranslated term in %q", where, zh)
	}
}

// The summary and count stay right when the list of details is cut.
func TestValidationErrorLocalizedSummary(t *testing.T) {
	n := maxDetails + 5
	_, err := DecodeCatalog(strings.NewReader(negativePrices(n)))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	tests := []struct {
		lang       i18n.Lang
		sum, extra string
	}{
		{i18n.EN, fmt.Sprintf("invalid catalog: %d problems", n), "... and 5 more"},
		{i18n.ZH, fmt.Sprintf("商品目录校验未通过：共 %d 个问题", n), "……另有 5 个问题未列出"},
	}
	for _, tt := range tests {
		if got := ve.Localized(tt.lang); got != tt.sum {
			t.Errorf("%s summary %q, want %q", tt.lang, got, tt.sum)
		}
		if got := ve.Details[len(ve.Details)-1].Localized(tt.lang); got != tt.extra {
			t.Errorf("%s last detail %q, want %q", tt.lang, got, tt.extra)
		}
	}
	if ve.Problems() != n || len(ve.Details) != maxDetails+1 {
		t.Fatalf("Problems()=%d, %d details", ve.Problems(), len(ve.Details))
	}
	// A ValidationError made elsewhere, without keys, renders its own text.
	other := &ValidationError{Message: "bad", Details: []Detail{{Path: "x", Message: "worse"}}}
	if other.Localized(i18n.ZH) != "bad" || other.Details[0].Localized(i18n.ZH) != "worse" || other.Problems() != 1 {
		t.Fatalf("keyless error rendered %q / %q", other.Localized(i18n.ZH), other.Details[0].Localized(i18n.ZH))
	}
}

// A Chinese rendering of typical problems, as an admin reads it.
func TestProblemsReadNaturallyInChinese(t *testing.T) {
	doc := mutate(t, baseCatalog, func(d map[string]any) {
		set(d, -1, "products", 0, "skus", 0, "price")
		set(d, "p1", "products", 1, "id")
		set(d, "59900", "products", 0, "skus", 1, "price")
		set(d, 1, "products", 0, "colour")
	})
	_, err := DecodeCatalog(strings.NewReader(doc))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	want := map[string]string{
		"products[0].skus[0].price": "不能为负数，当前为 -1",
		"products[1].id":            `商品 ID "p1" 重复（首次出现在 products[0]）`,
		"products[0].skus[1].price": "应为整数，当前为字符串",
		"products[0].colour":        "未知字段",
	}
	for _, d := range ve.Details {
		if w, ok := want[d.Path]; !ok || d.Localized(i18n.ZH) != w {
			t.Errorf("%s: %q, want %q", d.Path, d.Localized(i18n.ZH), w)
		}
		delete(want, d.Path)
	}
	if len(want) > 0 {
		t.Errorf("not reported: %v", want)
	}
}
