package knowledge

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// TestQuestionSet is the quality gate on the labelled questions: recall@3 ≥ 0.9.
func TestQuestionSet(t *testing.T) {
	qs := loadQuestions(t)
	if len(qs) < 60 {
		t.Fatalf("only %d labelled questions", len(qs))
	}
	ix := buildIndex(t, production, fixtureSnapshot(t))
	r := evaluate(t, ix, qs)
	for _, m := range r.misses {
		t.Log("miss:", m)
	}
	t.Logf("recall@3 %.3f  MRR %.3f  (%d questions)", r.recall3, r.mrr, len(qs))
	if r.recall3 < 0.9 {
		t.Errorf("recall@3 = %.3f, want ≥ 0.9", r.recall3)
	}
}

// TestFixtureIsValidCatalog: the fixture is a valid SPEC §3 catalog, so it can
// be imported as a demo shop as it is.
func TestFixtureIsValidCatalog(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := shop.DecodeCatalog(f); err != nil {
		t.Fatal(err)
	}
}
