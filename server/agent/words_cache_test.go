package agent

import (
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// An orders import makes a new snapshot around the same catalog: the catalog's
// words are not built again. A new catalog gets its own.
func TestWordsKeptAcrossAnOrdersImport(t *testing.T) {
	first := wordsFor(demoSnap)
	sameCatalog := shop.NewSnapshot(demoSnap.Catalog, &shop.Orders{})
	if got := wordsFor(sameCatalog); got != first {
		t.Fatal("new orders beside the same catalog rebuilt the catalog's words")
	}
	cat := *demoSnap.Catalog
	other := shop.NewSnapshot(&cat, demoSnap.Orders)
	if got := wordsFor(other); got == first {
		t.Fatal("a new catalog kept the previous catalog's words")
	}
	if got := wordsFor(demoSnap); got == first || len(got.byCat) != len(first.byCat) {
		t.Fatalf("the demo catalog again: words %p (first %p), %d categories (first %d)", got, first, len(got.byCat), len(first.byCat))
	}
}
