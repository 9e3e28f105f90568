package shop

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSnapshotProductAndSKU(t *testing.T) {
	snap := NewSnapshot(mustCatalog(t, baseCatalog), nil)
	for _, id := range []string{"p1", "p2"} {
		if p := snap.Product(id); p == nil || p.ID != id {
			t.Errorf("Product(%q) = %+v", id, p)
		}
	}
	for id, pid := range map[string]string{"s1-38": "p1", "s1-39": "p1", "s2": "p2"} {
		k, p := snap.SKU(id)
		if k == nil || p == nil || k.ID != id || p.ID != pid {
			t.Errorf("SKU(%q) = %+v of %+v, want a sku of %s", id, k, p, pid)
			continue
		}
		if k != &p.SKUs[0] && k != &p.SKUs[len(p.SKUs)-1] {
			t.Errorf("SKU(%q) is not the product's own sku", id)
		}
	}
	// Ids between, before and after the known ones, a sku id as a product id and
	// the other way round, and prefixes of known ids.
	for _, id := range []string{"", "p", "p0", "p10", "p3", "s1", "s1-3", "s1-40", "s3", "zz", "P1", "s2"} {
		if p := snap.Product(id); p != nil {
			t.Errorf("Product(%q) = %s, want nil", id, p.ID)
		}
	}
	for _, id := range []string{"", "s", "s1", "s1-38 ", "s0", "s3", "p1", "S2"} {
		if k, p := snap.SKU(id); k != nil || p != nil {
			t.Errorf("SKU(%q) = %+v, %+v, want nils", id, k, p)
		}
	}
}

func TestSnapshotEmptyCatalog(t *testing.T) {
	for _, c := range []*Catalog{nil, {}, {Products: []Product{{ID: "p", SKUs: nil}}}} {
		snap := NewSnapshot(c, nil)
		if k, p := snap.SKU("s"); k != nil || p != nil {
			t.Errorf("SKU in %+v found %+v", c, k)
		}
		if p := snap.Product("x"); p != nil {
			t.Errorf("Product in %+v found %+v", c, p)
		}
	}
}

// A catalog built in code may repeat ids: the last product, and the last sku in
// document order, is found, as with the maps the index replaced.
func TestSnapshotDuplicateIDsLastWins(t *testing.T) {
	c := &Catalog{Products: []Product{
		{ID: "b", Title: "first b", SKUs: []SKU{{ID: "x", Price: 1}, {ID: "y", Price: 2}, {ID: "x", Price: 3}}},
		{ID: "a", Title: "only a", SKUs: []SKU{{ID: "y", Price: 4}}},
		{ID: "b", Title: "second b", SKUs: []SKU{{ID: "z", Price: 5}}},
		{ID: "b", Title: "third b", SKUs: []SKU{{ID: "x", Price: 6}, {ID: "w", Price: 7}}},
		{ID: "c", Title: "c", SKUs: []SKU{{ID: "y", Price: 8}}},
	}}
	snap := NewSnapshot(c, nil)
	for id, title := range map[string]string{"a": "only a", "b": "third b", "c": "c"} {
		if p := snap.Product(id); p == nil || p.Title != title {
			t.Errorf("Product(%q) = %+v, want %q", id, p, title)
		}
	}
	for id, want := range map[string]struct {
		price Money
		title string
	}{"x": {6, "third b"}, "y": {8, "c"}, "z": {5, "second b"}, "w": {7, "third b"}} {
		k, p := snap.SKU(id)
		if k == nil || k.Price != want.price || p.Title != want.title {
			t.Errorf("SKU(%q) = %+v of %+v, want price %d of %q", id, k, p, want.price, want.title)
		}
	}
	if len(snap.productIdx) != 3 || len(snap.skuIdx) != 4 {
		t.Errorf("index holds %d products and %d skus, want one per id (3, 4)", len(snap.productIdx), len(snap.skuIdx))
	}
}

// The sorted index answers as the maps did (id → last position) on random
// catalogs with many repeated ids.
func TestSnapshotIndexAgreesWithMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for round := range 200 {
		c := &Catalog{}
		for range r.IntN(40) {
			p := Product{ID: randomID(r, "p")}
			for range r.IntN(4) {
				p.SKUs = append(p.SKUs, SKU{ID: randomID(r, "s")})
			}
			c.Products = append(c.Products, p)
		}
		products, skus := map[string]int{}, map[string][2]int{}
		for i, p := range c.Products {
			products[p.ID] = i
			for j, k := range p.SKUs {
				skus[k.ID] = [2]int{i, j}
			}
		}
		snap := NewSnapshot(c, nil)
		for range 60 {
			id := randomID(r, "p")
			i, ok := products[id]
			if got := snap.Product(id); ok != (got != nil) || ok && got != &c.Products[i] {
				t.Fatalf("round %d: Product(%q) = %p, want position %d (found %t)", round, id, got, i, ok)
			}
			id = randomID(r, "s")
			at, ok := skus[id]
			k, p := snap.SKU(id)
			if ok != (k != nil) || ok && (p != &c.Products[at[0]] || k != &p.SKUs[at[1]]) {
				t.Fatalf("round %d: SKU(%q) = %p of %p, want %v (found %t)", round, id, k, p, at, ok)
			}
		}
	}
}

// randomID draws from a small set of ids (so that they repeat) that includes
// prefixes of one another and the empty id.
func randomID(r *rand.Rand, prefix string) string {
	n := r.IntN(30)
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%s%d", prefix, n) + strings.Repeat("-", r.IntN(2))
}

func mustCatalog(t *testing.T, doc string) *Catalog {
	t.Helper()
	c, err := DecodeCatalog(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
