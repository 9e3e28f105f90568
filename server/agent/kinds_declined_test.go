package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "whisky", the last word of the one English title among 威士忌 titles, is the
// kind they all are, not that product's name; and "nothing smoky" declines the
// product tagged smoky: a first-timer's whisky question is a recommendation of
// the others.
func TestKindWordsAndDeclinedTags(t *testing.T) {
	f := newFixture(t)
	p := func(id, title string, price int64, tags ...string) shop.Product {
		return shop.Product{ID: id, Title: title, Category: "whisky", Tags: tags,
			SKUs: []shop.SKU{{ID: "s-" + id, Price: price, Stock: 9}}}
	}
	f.withProducts(t,
		p("p-t-isl", "Kilbrae 16 Year Old Islay Single Malt Scotch Whisky", 69800, "smoky", "peated"),
		p("p-t-spey", "远川 单一麦芽苏格兰威士忌", 32800, "入门"),
		p("p-t-iri", "青岚 爱尔兰威士忌", 13800, "顺滑"))
	r, _ := f.plan(t, turn("dave", "first time trying whisky - nothing smoky and not too pricey, what should I get?"))
	isl, spey := strings.Index(r.Text, "Kilbrae"), strings.Index(r.Text, "远川")
	if spey < 0 || isl >= 0 && isl < spey {
		t.Errorf("want a recommendation with the smoky one last, if at all: %q", r.Text)
	}
}

// Naming no product, a question of the shop's matters gets the FAQ before a
// product the search found for its other words — unless that product's page, in
// the customer's language, says what was asked.
func TestShopMatterBeforeAFoundProduct(t *testing.T) {
	f := newAssetFixture(t, "demo-hardware")
	r, _ := f.plan(t, turn("dave", "Will someone come to install the smart lock, and is it free?"))
	if !strings.Contains(r.Text, "免费") {
		t.Errorf("install FAQ: %q", r.Text)
	}
	f = newAssetFixture(t, "demo-bedding")
	r, _ = f.plan(t, turn("dave", "记忆棉枕头最近变得硬邦邦的 是不是质量问题"))
	if !strings.Contains(r.Text, "15℃") {
		t.Errorf("the pillow's own page: %q", r.Text)
	}
}
