package knowledge

import (
	"context"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/shop"
)

// TestFieldWeights: the same word, in fields of the same length, in documents
// otherwise alike, ranks a title match over a tag match over a body match. With
// equal weights (or weights bleve ignores) the three score the same.
func TestFieldWeights(t *testing.T) {
	// One word per field: every field has length 1, the average length is 1, and
	// the word is in one document per field, so only the field's weight differs.
	products := []shop.Product{
		{ID: "p-title", Title: "zorblax", Tags: []string{"plovik"}, Description: "wuxorn"},
		{ID: "p-tags", Title: "dinthe", Tags: []string{"zorblax"}, Description: "vornak"},
		{ID: "p-body", Title: "lombry", Tags: []string{"wabeti"}, Description: "zorblax"},
	}
	snap := shop.NewSnapshot(&shop.Catalog{Currency: "CNY", Products: products}, nil)
	snap.CatalogAt = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ix := buildIndex(t, production, snap)
	for _, ignore := range []bool{false, true} {
		hits, err := ix.Search(context.Background(), "zorblax", SearchOptions{IgnoreUnknownWords: ignore})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 3 {
			t.Fatalf("ignore unknown %v: %d hits, want 3: %+v", ignore, len(hits), hits)
		}
		for i, want := range []string{"p-title", "p-tags", "p-body"} {
			if hits[i].ID != want {
				t.Errorf("ignore unknown %v: hit %d is %s, want %s: %+v", ignore, i, hits[i].ID, want, hits)
			}
			if i > 0 && !(hits[i].Score < hits[i-1].Score) {
				t.Errorf("ignore unknown %v: %s scores %.4f, no less than %s's %.4f", ignore, hits[i].ID, hits[i].Score, hits[i-1].ID, hits[i-1].Score)
			}
		}
	}
}
