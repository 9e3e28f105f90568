package shop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestDecodeCatalogValid(t *testing.T) {
	cat, err := DecodeCatalog(strings.NewReader(baseCatalog))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Products) != 2 || len(cat.Products[0].SKUs) != 2 || cat.Products[0].SKUs[0].Price != 59900 {
		t.Fatalf("decoded %+v", cat.Products)
	}
	if cat.Products[0].SizeChart == nil || cat.Products[0].SizeChart.FitMM != 5 || cat.Products[0].SizeChart.Rows[1].FootMM != 245 {
		t.Fatalf("size chart %+v", cat.Products[0].SizeChart)
	}
	if p := cat.Promotions[0]; p.Starts == nil || p.Starts.UTC().Format("2006-01-02T15") != "2026-10-31T16" || *p.PercentOff != 20 {
		t.Fatalf("promotion %+v", p)
	}
	if p := cat.Promotions[1]; p.PercentOff != nil || p.AmountOff == nil || *p.AmountOff != 3000 {
		t.Fatalf("absent percent_off must stay nil: %+v", p)
	}
}

// Structural problems: the JSON shape itself, found while decoding.
func TestDecodeCatalogStructure(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		mut  func(d map[string]any)
		msg  string
		want []string
	}{
		{"unknown top-level field", baseCatalog, func(d map[string]any) { d["extra"] = 1 }, "unknown field", []string{"extra"}},
		{"unknown sku field", baseCatalog, func(d map[string]any) { set(d, "red", "products", 1, "skus", 0, "colour") },
			"unknown field", []string{"products[1].skus[0].colour"}},
		{"unknown size row field", baseCatalog, func(d map[string]any) { set(d, 1, "products", 0, "size_chart", "rows", 1, "mm") },
			"unknown field", []string{"products[0].size_chart.rows[1].mm"}},
		{"unknown promotion field", baseCatalog, func(d map[string]any) { set(d, 1, "promotions", 3, "percentage") },
			"unknown field", []string{"promotions[3].percentage"}},
		{"price as string", baseCatalog, func(d map[string]any) { set(d, "59900", "products", 0, "skus", 1, "price") },
			"expected a whole number, got a string", []string{"products[0].skus[1].price"}},
		{"price with cents fraction", baseCatalog, func(d map[string]any) { set(d, 599.5, "products", 0, "skus", 0, "price") },
			"whole number", []string{"products[0].skus[0].price"}},
		{"price out of range", `{"currency":"CNY","products":[{"id":"p","title":"t","skus":[{"id":"s","price":99999999999999999999}]}]}`, nil,
			"out of range", []string{"products[0].skus[0].price"}},
		{"product not an object", baseCatalog, func(d map[string]any) { setIdx(d, 5, "products", 1) },
			"expected an object, got a number", []string{"products[1]"}},
		{"products not an array", baseCatalog, func(d map[string]any) { d["products"] = map[string]any{"id": "p"} },
			"expected an array, got an object", []string{"products"}},
		{"attribute not a string", baseCatalog, func(d map[string]any) { set(d, 38, "products", 0, "skus", 0, "attributes", "size") },
			"expected a string, got a number", []string{"products[0].skus[0].attributes.size"}},
		{"bool as string", baseCatalog, func(d map[string]any) { set(d, "yes", "products", 0, "membership_eligible") },
			"expected true or false", []string{"products[0].membership_eligible"}},
		{"title as object", baseCatalog, func(d map[string]any) { set(d, map[string]any{"zh": "跑鞋"}, "products", 0, "title") },
			"expected a string, got an object", []string{"products[0].title"}},
		{"tags not an array", baseCatalog, func(d map[string]any) { set(d, "run", "products", 0, "tags") },
			"expected an array", []string{"products[0].tags"}},
		{"size chart not an object", baseCatalog, func(d map[string]any) { set(d, []any{}, "products", 0, "size_chart") },
			"expected an object", []string{"products[0].size_chart"}},
		{"starts not RFC 3339", baseCatalog, func(d map[string]any) { set(d, "2026-11-01", "promotions", 0, "starts") },
			"RFC 3339", []string{"promotions[0].starts"}},
		{"ends with a space instead of T", baseCatalog, func(d map[string]any) { set(d, "2027-01-01 00:00:00+08:00", "promotions", 0, "ends") },
			"RFC 3339", []string{"promotions[0].ends"}},
		{"starts as number", baseCatalog, func(d map[string]any) { set(d, 1700000000, "promotions", 0, "starts") },
			"expected an RFC 3339 timestamp string, got a number", []string{"promotions[0].starts"}},
		{"currency as number", baseCatalog, func(d map[string]any) { d["currency"] = 156 },
			"expected a string", []string{"currency"}},
		{"several problems in one element, every one reported", baseCatalog, func(d map[string]any) {
			set(d, "x", "products", 0, "skus", 0, "stock")
			set(d, 1, "products", 0, "skus", 0, "bogus")
			set(d, true, "products", 0, "brand")
		}, "unknown field", []string{"products[0].skus[0].stock", "products[0].skus[0].bogus", "products[0].brand"}},
		{"problems in several sections", baseCatalog, func(d map[string]any) {
			set(d, 1, "faqs", 0, "answer")
			set(d, "zh", "policies", 0, "language")
			set(d, "CN", "size_systems", 0, "rows", 0, "foot")
		}, "unknown field", []string{"faqs[0].answer", "policies[0].language", "size_systems[0].rows[0].foot"}},
		{"trailing object", baseCatalog + ` {}`, nil, "trailing data", []string{""}},
		{"trailing garbage", baseCatalog + `x`, nil, "trailing data", []string{""}},
		{"duplicate top-level key", `{"currency":"CNY","products":[],"products":[]}`, nil, "duplicate key", []string{"products"}},
		{"empty document", ``, nil, "empty document", []string{""}},
		{"not an object", `[1]`, nil, "must be a JSON object", []string{""}},
		{"malformed inside an element", `{"currency":"CNY","products":[{"id":"p","title":"t","skus":[]}, {"id": }]}`, nil,
			"malformed JSON", []string{"products[1]"}},
		{"truncated", `{"currency":"CNY","products":[{"id":"p"`, nil, "ends before", []string{"products[0]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if tc.mut != nil {
				doc = mutate(t, tc.doc, tc.mut)
			}
			cat, err := DecodeCatalog(strings.NewReader(doc))
			if cat != nil {
				t.Fatal("an invalid catalog must not be returned")
			}
			wantPaths(t, err, tc.msg, tc.want...)
		})
	}
}

// A bad value is reported once, structurally; the semantic check that would see the
// zero left in its place (id "required") stays quiet.
func TestStructuralErrorIsNotRepeated(t *testing.T) {
	doc := mutate(t, baseCatalog, func(d map[string]any) {
		set(d, 7, "products", 1, "id")
		set(d, -5, "products", 1, "skus", 0, "price") // a separate, semantic problem in the same element
	})
	_, err := DecodeCatalog(strings.NewReader(doc))
	wantPaths(t, err, "expected a string", "products[1].id", "products[1].skus[0].price")
}

// The walker, used after encoding/json fails, must accept what encoding/json accepts:
// keys differing only in case and null for optional values.
func TestWalkerAgreesWithEncodingJSON(t *testing.T) {
	doc := `{"currency":"CNY","products":[{"ID":"p","Title":"t","size_chart":null,"tags":null,"bogus":1,
	  "skus":[{"id":"s","price":100,"attributes":null}]}]}`
	_, err := DecodeCatalog(strings.NewReader(doc))
	wantPaths(t, err, "unknown field", "products[0].bogus")
}

func TestNullArraysAreEmpty(t *testing.T) {
	cat, err := DecodeCatalog(strings.NewReader(`{"currency":"CNY","products":null,"faqs":null}`))
	if err != nil || len(cat.Products) != 0 {
		t.Fatalf("cat=%v err=%v", cat, err)
	}
}

func TestDetailsAreCapped(t *testing.T) {
	const n = 300
	_, err := DecodeCatalog(strings.NewReader(negativePrices(n)))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v", err)
	}
	if len(ve.Details) != maxDetails+1 {
		t.Fatalf("%d details, want %d", len(ve.Details), maxDetails+1)
	}
	if last := ve.Details[maxDetails]; last.Path != "" || last.Message != fmt.Sprintf("... and %d more", n-maxDetails) {
		t.Fatalf("last detail %+v", last)
	}
	if ve.Details[maxDetails-1].Path != fmt.Sprintf("products[%d].skus[0].price", maxDetails-1) {
		t.Fatalf("details out of order: %+v", ve.Details[maxDetails-1])
	}
	if !strings.HasPrefix(ve.Message, fmt.Sprintf("invalid catalog: %d problems", n)) {
		t.Fatalf("message %q", ve.Message)
	}
}

func TestValidationErrorJSONAndSummary(t *testing.T) {
	doc := mutate(t, baseCatalog, func(d map[string]any) {
		set(d, -1, "products", 0, "skus", 0, "price")
		set(d, "", "faqs", 0, "question")
	})
	_, err := DecodeCatalog(strings.NewReader(doc))
	b, _ := json.Marshal(err)
	want := `{"error":"invalid catalog: 2 problems","details":[{"path":"products[0].skus[0].price","message":"must not be negative, got -1"},{"path":"faqs[0].question","message":"required, must not be empty"}]}`
	if string(b) != want {
		t.Fatalf("json = %s\nwant   %s", b, want)
	}
	if s := err.Error(); s != "invalid catalog: 2 problems: products[0].skus[0].price: must not be negative, got -1; faqs[0].question: required, must not be empty" {
		t.Fatalf("Error() = %q", s)
	}
}

type failingReader struct{ after int }

var errBroken = errors.New("connection reset")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errBroken
	}
	n := copy(p, baseCatalog[:min(f.after, len(p))])
	f.after -= n
	return n, nil
}

// A failing reader (a dropped connection, a body over the size limit) is not the
// document's fault: it must reach the caller as itself, not as a 400.
func TestReaderErrorIsNotAValidationError(t *testing.T) {
	for _, after := range []int{0, 40} {
		_, err := DecodeCatalog(&failingReader{after: after})
		var ve *ValidationError
		if errors.As(err, &ve) || !errors.Is(err, errBroken) {
			t.Fatalf("after %d bytes: got %T %v", after, err, err)
		}
		_, err = DecodeOrders(io.MultiReader(strings.NewReader(`{"orders":[`), &failingReader{}), nil)
		if errors.As(err, &ve) || !errors.Is(err, errBroken) {
			t.Fatalf("orders: got %T %v", err, err)
		}
	}
}

// Elements are decoded into chunks and joined: order and count must survive.
func TestLongArraysKeepOrder(t *testing.T) {
	const n = 5000
	cat, err := DecodeCatalog(bytes.NewReader(largeCatalog(t, n)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Products) != n {
		t.Fatalf("%d products", len(cat.Products))
	}
	for i, p := range cat.Products {
		if want := fmt.Sprintf("p-%d", i); p.ID != want || p.SKUs[2].ID != fmt.Sprintf("s-%d-blue", i) {
			t.Fatalf("products[%d] = %s / %s", i, p.ID, p.SKUs[2].ID)
		}
	}
}
