package agent

import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
)

// The schema of an arguments struct, against one written by hand.
func TestSchemaFromTags(t *testing.T) {
	got := schemaOf(reflect.TypeFor[quoteArgs]())
	want := `{"type":"object","additionalProperties":false,"required":["items"],"properties":{
		"items":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,
			"required":["sku_id","qty"],"properties":{"sku_id":{"type":"string"},"qty":{"type":"integer","minimum":1}}}},
		"coupon":{"type":"string","description":"a coupon code the customer asked for"}}}`
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("schema\n%s\nwant\n%s", got, want)
	}
}

// Every check the tags ask for, with the path of the first problem.
func TestCheckArgsFromTags(t *testing.T) {
	cases := []struct {
		args any
		want string // "" = fine
	}{
		{&quoteArgs{Items: []quoteItem{{SKUID: "s", Qty: 1}}}, ""},
		{&quoteArgs{}, "items is required"},
		{&quoteArgs{Items: []quoteItem{}}, "items needs at least 1 item(s)"},
		{&quoteArgs{Items: []quoteItem{{SKUID: "s", Qty: 1}, {SKUID: "t", Qty: 0}}}, "items[1].qty must be at least 1"},
		{&quoteArgs{Items: []quoteItem{{SKUID: " ", Qty: 1}}}, "items[0].sku_id is required"},
		{&offerArgs{OrderID: "O", Kind: "deposit", Reason: "r"}, ""},
		{&offerArgs{OrderID: "O", Kind: "all", Reason: "r"}, "kind must be one of deposit, price_protection, return"},
		{&compareArgs{ProductIDs: []string{"a"}}, "product_ids needs at least 2 item(s)"},
		{&compareArgs{ProductIDs: []string{"a", "b", "c", "d", "e", "f"}}, "product_ids takes at most 5 item(s)"},
		{&handoffArgs{}, ""},
		{&noArgs{}, ""},
	}
	for _, c := range cases {
		err := checkArgs(c.args)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("checkArgs(%+v) = %q, want %q", c.args, got, c.want)
		}
	}
}

// compare_products' maxItems tag and the code's bound are one number.
func TestCompareBoundIsTheSchemas(t *testing.T) {
	f, _ := reflect.TypeFor[compareArgs]().FieldByName("ProductIDs")
	if n, _ := strconv.Atoi(f.Tag.Get("maxItems")); n != maxCompare {
		t.Fatalf("maxItems %d, maxCompare %d", n, maxCompare)
	}
}
