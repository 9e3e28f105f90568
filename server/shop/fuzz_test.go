package shop

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// decodeAll decodes doc read whole and in small pieces: where the decoder's reads
// end must not change what is reported (the recorder keeps element bytes across
// reads).
func decodeAll(doc []byte) map[string]error {
	out := map[string]error{}
	_, out["whole"] = DecodeCatalog(bytes.NewReader(doc))
	_, out["one byte"] = DecodeCatalog(iotest.OneByteReader(bytes.NewReader(doc)))
	_, out["half"] = DecodeCatalog(iotest.HalfReader(bytes.NewReader(doc)))
	return out
}

// Indented text with errors in several elements, read in pieces of any size.
func TestDecodeIndependentOfReadSizes(t *testing.T) {
	doc := strings.NewReplacer(
		`"price": 399900`, `"price": "399900"`,
		`"stock": 0,`, `"stock": 0, "colour": "red",`,
		`"question": "q"`, `"question": 1`,
	).Replace(baseCatalog)
	errs := decodeAll([]byte(doc))
	for name, err := range errs {
		t.Run(name, func(t *testing.T) {
			wantPaths(t, err, "unknown field", "products[1].skus[0].price", "products[0].skus[1].colour", "faqs[0].question")
		})
	}
}

// FuzzDecodeCatalog: any input yields either a catalog or an error, never a panic;
// a *ValidationError always has details, at most maxDetails+1; a catalog that
// passes still passes after being encoded again; the result does not depend on
// how the input is split into reads.
//
//	go test -run '^$' -fuzz FuzzDecodeCatalog -fuzztime 60s ./server/shop
func FuzzDecodeCatalog(f *testing.F) {
	f.Add([]byte(baseCatalog))
	if demo, err := os.ReadFile(filepath.Join("..", "..", "assets", "demo", "catalog.json")); err == nil {
		f.Add(demo)
	}
	f.Add([]byte(`{"currency":"CNY","products":[{"id":"p","title":"t","skus":[{"id":"s","price":1}]}]}`))
	f.Add([]byte(`{"currency":"CNY","products":[{"id":"p","title":"t","skus":[{"id":"s","price":"1","x":{}}],"size_chart":[]}],"y":[1,{"a":null}]}`))
	f.Add([]byte(`{"promotions":[{"type":"subsidy","percent":1e3,"starts":"2026-01-01T00:00:00Z","ends":5}]} {}`))
	f.Add([]byte(`{"products":[1,"a",null,true,[],{}],"faqs":{"id":1}}`))
	f.Add([]byte(`{"products":[{"id":"p","skus":[{"attributes":{"size":[1,2]}}]`))
	f.Add([]byte(`  `))
	f.Fuzz(func(t *testing.T, doc []byte) {
		cat, err := DecodeCatalog(bytes.NewReader(doc))
		if (cat == nil) == (err == nil) {
			t.Fatalf("cat=%v err=%v", cat != nil, err)
		}
		var ve *ValidationError
		if err != nil {
			if !errors.As(err, &ve) {
				t.Fatalf("a bytes.Reader cannot fail, so every error is a ValidationError: %T %v", err, err)
			}
			if len(ve.Details) == 0 || len(ve.Details) > maxDetails+1 || ve.Error() == "" {
				t.Fatalf("details %d: %v", len(ve.Details), err)
			}
		} else {
			again, err := json.Marshal(cat)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := DecodeCatalog(bytes.NewReader(again)); err != nil {
				t.Fatalf("re-encoded catalog rejected: %v\n%s", err, again)
			}
		}
		_, small := DecodeCatalog(iotest.OneByteReader(bytes.NewReader(doc)))
		if !reflect.DeepEqual(err, small) { //nolint:govet // the same error value, field by field, is the point
			t.Fatalf("read sizes changed the result:\n%v\n%v", err, small)
		}
	})
}

func FuzzDecodeOrders(f *testing.F) {
	f.Add([]byte(baseOrders))
	f.Add([]byte(`{"orders":[{"id":"O","user":"u","status":"paid","paid_at":"x","items":[{"sku_id":"s","qty":-1}],"deposit":{}}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		o, err := DecodeOrders(bytes.NewReader(doc), nil)
		if (o == nil) == (err == nil) {
			t.Fatalf("orders=%v err=%v", o != nil, err)
		}
	})
}
