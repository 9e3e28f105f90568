package shop

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// baseCatalog is a small valid catalog; table cases break one rule each.
const baseCatalog = `{
 "currency": "CNY",
 "products": [
  {"id": "p1", "title": "Runner", "category": "running-shoes", "lang": "zh", "membership_eligible": true,
   "size_chart": {"system": "EU", "fit_mm": 5, "rows": [{"size": "38", "foot_mm": 240}, {"size": "39", "foot_mm": 245}]},
   "skus": [{"id": "s1-38", "price": 59900, "stock": 3, "attributes": {"size": "38"}},
            {"id": "s1-39", "price": 59900, "stock": 0, "attributes": {"size": "39"}}]},
  {"id": "p2", "title": "Phone", "category": "phones", "subsidy_eligible": true,
   "skus": [{"id": "s2", "price": 399900, "stock": 5}]}
 ],
 "size_systems": [{"category": "leather-shoes", "system": "CN", "rows": [{"size": "38", "foot_mm": 240}]}],
 "faqs": [{"id": "f1", "question": "q", "answer": "a", "lang": "en"}],
 "policies": [{"id": "pol1", "title": "t", "body": "b", "lang": "zh"}],
 "promotions": [
  {"id": "pr-item", "type": "item_discount", "percent_off": 20, "categories": ["running-shoes"],
   "starts": "2026-11-01T00:00:00+08:00", "ends": "2027-01-01T00:00:00+08:00"},
  {"id": "pr-amt", "type": "item_discount", "amount_off": 3000, "product_ids": ["p1"]},
  {"id": "pr-ss", "type": "spend_save", "threshold": 30000, "off": 5000, "repeat": true, "max_off": 20000},
  {"id": "pr-vip", "type": "membership", "tier": "vip", "percent_off": 5},
  {"id": "pr-sub", "type": "subsidy", "percent": 15, "cap_per_unit": 50000, "categories": ["phones"]}
 ]
}`

// baseOrders is a valid orders document for baseCatalog.
const baseOrders = `{
 "customers": [
  {"user": "alice", "tier": "vip", "coupons": [{"code": "C50", "threshold": 30000, "off": 5000, "expires": "2026-12-31T23:59:59+08:00"},
                                               {"code": "C100", "threshold": 80000, "off": 10000}]},
  {"user": "bob"}
 ],
 "orders": [
  {"id": "O-1", "user": "alice", "status": "paid", "paid_at": "2026-11-01T10:00:00Z",
   "items": [{"sku_id": "s1-38", "qty": 1, "unit_price": 44900}, {"sku_id": "s2", "qty": 1, "unit_price": 399900}]},
  {"id": "O-2", "user": "bob", "status": "deposit_paid",
   "items": [{"sku_id": "s2", "qty": 1, "unit_price": 399900}], "deposit": {"amount": 5000, "refundable": true}},
  {"id": "O-3", "user": "bob", "status": "cancelled", "items": [{"sku_id": "s2", "qty": 2, "unit_price": 399900}]}
 ]
}`

// mutate decodes doc into generic JSON, applies f and encodes it again.
func mutate(t testing.TB, doc string, f func(d map[string]any)) string {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("base document: %v", err)
	}
	if f != nil {
		f(d)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// node walks a generic JSON value: string steps index objects, int steps arrays.
func node(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

// obj is node for an object.
func obj(v any, steps ...any) map[string]any { return node(v, steps...).(map[string]any) }

// set assigns val at the object reached by steps.
func set(d map[string]any, val any, steps ...any) {
	obj(d, steps[:len(steps)-1]...)[steps[len(steps)-1].(string)] = val
}

// del removes the key at the object reached by steps.
func del(d map[string]any, steps ...any) {
	delete(obj(d, steps[:len(steps)-1]...), steps[len(steps)-1].(string))
}

// setIdx replaces array element steps[-1] (an int) of the array reached by steps.
func setIdx(d map[string]any, val any, steps ...any) {
	node(d, steps[:len(steps)-1]...).([]any)[steps[len(steps)-1].(int)] = val
}

// paths returns the detail paths of a *ValidationError, failing on any other error.
func paths(t *testing.T, err error) []string {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want *ValidationError, got %T: %v", err, err)
	}
	var out []string
	for _, d := range ve.Details {
		out = append(out, d.Path)
	}
	return out
}

// wantPaths asserts that err reports exactly the given paths (in any order, with
// repetition) and that some message contains msg.
func wantPaths(t *testing.T, err error, msg string, want ...string) {
	t.Helper()
	got := paths(t, err)
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatalf("paths = %q, want %q\nerror: %v", got, want, err)
	}
	var ve *ValidationError
	errors.As(err, &ve)
	for _, d := range ve.Details {
		if strings.Contains(d.Message, msg) {
			return
		}
	}
	t.Fatalf("no message contains %q: %+v", msg, ve.Details)
}

// negativePrices is a catalog of n products, each with one problem: a negative price.
func negativePrices(n int) string {
	var b strings.Builder
	b.WriteString(`{"currency":"CNY","products":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"p%d","title":"t","skus":[{"id":"s%d","price":-1}]}`, i, i)
	}
	b.WriteString(`]}`)
	return b.String()
}
