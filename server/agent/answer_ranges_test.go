package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

func TestInStatedRange(t *testing.T) {
	for _, c := range []struct {
		q, text string
		want    bool
	}{
		{"孩子5岁了", "3-6岁儿童调制乳粉", true},
		{"孩子五岁", "适合3至6岁", true},
		{"孩子8岁", "3-6岁儿童", false},
		{"my dog is 12 kg", "for dogs of 10-25kg", true},
		{"my dog is 12 kg", "for dogs of 10-25 cm", false},
		{"5 large", "3-6 l", false},
	} {
		if got := inStatedRange(c.q, c.text); got != c.want {
			t.Errorf("inStatedRange(%q, %q) = %v", c.q, c.text, got)
		}
	}
}

// "哪个奶粉合适" after "孩子5岁了": a recommendation, the product for that age first.
func TestRecommendByStatedRange(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-t-milk1", Title: "牧星 婴儿奶粉 1段 | Muxing Infant Milk", Category: "formula", Description: "0-6个月婴儿配方奶粉。",
			SKUs: []shop.SKU{{ID: "s-t-milk1", Price: 19800, Stock: 5}}},
		shop.Product{ID: "p-t-milk4", Title: "牧星 儿童奶粉 4段 | Muxing Kids Milk", Category: "formula", Description: "3-6岁儿童调制乳粉。",
			SKUs: []shop.SKU{{ID: "s-t-milk4", Price: 19800, Stock: 5}}})
	r, _ := f.plan(t, followTurn("alice", "喝你们哪个奶粉合适", "孩子5岁了"))
	i4, i1 := strings.Index(r.Text, "儿童奶粉 4段"), strings.Index(r.Text, "婴儿奶粉 1段")
	if i4 < 0 || i1 >= 0 && i1 < i4 {
		t.Fatalf("the 3-6 years milk first: %q", r.Text)
	}
}

// "一岁半" is 1.5 years, within a range "1.5-5岁".
func TestHalfAsDecimal(t *testing.T) {
	if !inStatedRange("一岁半的宝宝", "适合1.5-5岁") || inStatedRange("一岁半的宝宝", "适合3-6岁") {
		t.Error("一岁半 is 1.5 years")
	}
}
