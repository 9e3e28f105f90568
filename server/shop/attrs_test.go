package shop

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/concierge-shop/concierge/server/store"
)

// Attrs must read and write exactly the JSON a map[string]string did: the KV store
// holds catalogs as JSON and documents are compared as text.
func TestAttrsJSONMatchesMap(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`{"size":"38","color":"white"}`,
		` { "b" : "2" , "a" : "1" } `,
		`{"size":"38","size":"39"}`,              // a repeated name keeps the last
		`{"size":null,"color":"red"}`,            // null is ""
		`{"k\"q\\":"\u767d\u8272 \ud83d\ude00"}`, // escapes, a surrogate pair
		`{"bad":"\ud800x","lone":"\udc00"}`,      // lone surrogates become U+FFFD
		"{\"raw\":\"\xff\xfe\"}",                 // invalid UTF-8 becomes U+FFFD
		`{"html":"<b>&</b>","sep":"a\u2028b\u2029","ctl":"\u0001\t\n\r\b\f\u007f"}`,
		`{"白色":"颜色 White"}`,
		`null`,
	} {
		t.Run(in, func(t *testing.T) {
			var m map[string]string
			var a Attrs
			errM, errA := json.Unmarshal([]byte(in), &m), json.Unmarshal([]byte(in), &a)
			if errM != nil || errA != nil {
				t.Fatalf("map: %v, attrs: %v", errM, errA)
			}
			if want := AttrsOf(m); !reflect.DeepEqual(a, want) {
				t.Fatalf("decoded %#v, a map gives %#v", a, want)
			}
			for _, html := range []bool{true, false} {
				if got, want := encode(t, a, html), encode(t, m, html); got != want {
					t.Fatalf("escapeHTML=%t: encoded %s, a map gives %s", html, got, want)
				}
			}
		})
	}
}

func encode(t *testing.T, v any, escapeHTML bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(struct {
		V any `json:"v,omitempty"`
	}{v}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAttrsRefusesNonStrings(t *testing.T) {
	for _, in := range []string{`[]`, `"x"`, `1`, `true`, `{"size":38}`, `{"a":{}}`, `{"a":["x"]}`, `{"a":"x",}`, `{"a" "x"}`, `{"a":"x`} {
		var a Attrs
		if err := a.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s: accepted as %#v", in, a)
		}
	}
}

func TestAttrsGetAndAll(t *testing.T) {
	a := AttrsOf(map[string]string{"size": "38", "color": "white", "fit": ""})
	for name, want := range map[string]string{"size": "38", "color": "white", "fit": "", "storage": ""} {
		if got := a.Get(name); got != want {
			t.Errorf("Get(%q) = %q, want %q", name, got, want)
		}
	}
	var names []string
	for k, v := range a.All() {
		names = append(names, k+"="+v)
		if k == "fit" {
			break // stopping early must not panic
		}
	}
	if want := []string{"color=white", "fit="}; !slices.Equal(names, want) {
		t.Fatalf("All: %v, want %v", names, want)
	}
	if AttrsOf(nil) != nil || Attrs(nil).Get("size") != "" {
		t.Fatal("nil attrs")
	}
}

// Attribute problems are reported at their paths, as they were with a map.
func TestDecodeAttributes(t *testing.T) {
	for _, tc := range []struct {
		attrs string
		want  Attrs  // when valid
		path  string // of the problem otherwise
	}{
		{`{"size":"38","size":"39"}`, Attrs{{"size", "39"}}, ""},
		{`{"color":"red","size":"38"}`, Attrs{{"color", "red"}, {"size", "38"}}, ""},
		{`null`, nil, ""},
		{`{"size":null,"color":"red"}`, nil, "products[0].skus[0].attributes.size"},
		{`{"size":38}`, nil, "products[0].skus[0].attributes.size"},
		{`[]`, nil, "products[0].skus[0].attributes"},
		{`{"":"x"}`, nil, "products[0].skus[0].attributes"},
	} {
		t.Run(tc.attrs, func(t *testing.T) {
			doc := `{"currency":"CNY","products":[{"id":"p","title":"t","skus":[{"id":"s","price":1,"stock":1,"attributes":` + tc.attrs + `}]}]}`
			cat, err := DecodeCatalog(strings.NewReader(doc))
			if tc.path != "" {
				if got := paths(t, err); !slices.Equal(got, []string{tc.path}) {
					t.Fatalf("problems at %v, want %s (%v)", got, tc.path, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cat.Products[0].SKUs[0].Attributes; !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("attributes %#v, want %#v", got, tc.want)
			}
		})
	}
}

// Repeated strings, attribute sets, tag lists and size charts are shared after a decode and after a load
// from the KV store.
func TestDecodeInterns(t *testing.T) {
	doc := largeCatalog(t, 6) // products 0 and 5 have a size chart
	ctx := context.Background()
	r := newTestRepo(store.NewMemory())
	if _, err := r.ImportCatalog(ctx, bytes.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	imported := r.Snapshot().Catalog
	if err := r.Load(ctx); err != nil {
		t.Fatal(err)
	}
	loaded := r.Snapshot().Catalog
	if loaded == imported {
		t.Fatal("Load kept the imported catalog")
	}
	for name, cat := range map[string]*Catalog{"imported": imported, "loaded": loaded} {
		p0, p1 := &cat.Products[0], &cat.Products[1]
		same := func(what, a, b string) {
			if a != b || unsafe.StringData(a) != unsafe.StringData(b) {
				t.Errorf("%s: %s %q and %q not shared", name, what, a, b)
			}
		}
		same("brand", p0.Brand, p1.Brand)
		same("lang", p0.Lang, p1.Lang)
		same("tag", p0.Tags[0], p1.Tags[0])
		if &p0.Tags[0] != &p1.Tags[0] {
			t.Errorf("%s: tag lists %q and %q not shared", name, p0.Tags, p1.Tags)
		}
		if p0.SizeChart != cat.Products[5].SizeChart {
			t.Errorf("%s: size charts %+v and %+v not shared", name, p0.SizeChart, cat.Products[5].SizeChart)
		}
		same("size", p0.SizeChart.Rows[0].Size, p0.SKUs[0].Attributes.Get("size"))
		a0, a1 := p0.SKUs[0].Attributes, p1.SKUs[0].Attributes
		if !reflect.DeepEqual(a0, a1) || &a0[0] != &a1[0] {
			t.Errorf("%s: attributes %v and %v not shared", name, a0, a1)
		}
		same("attribute name", p0.SKUs[0].Attributes[0].Name, p0.SKUs[1].Attributes[0].Name)
		if cap(p0.SKUs) != len(p0.SKUs) {
			t.Errorf("%s: %d skus kept room for %d", name, len(p0.SKUs), cap(p0.SKUs))
		}
	}
}
