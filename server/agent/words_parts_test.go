package agent

import (
	"fmt"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A part of a title set off by brackets or spaces names its product when no other
// product's title, tags or values have it; a shared part, a feature another
// product's description speaks of, a variant value and a count name none — but a
// longer name another description refers to ("请选<series>") still names it.
func TestTitlePartNames(t *testing.T) {
	ps := []shop.Product{
		{ID: "a", Title: "某作者《星海》全集 东岳出版社", Category: "books",
			SKUs: []shop.SKU{{ID: "a1", Attributes: shop.Attrs{{Name: "format", Value: "平装"}}}}},
		{ID: "b", Title: "某作者《云梯》 东岳出版社 平装", Category: "books"},
		{ID: "c", Title: "远山 电钢琴 88键 蓝牙", Category: "keyboards"},
		{ID: "d", Title: "近水 电钢琴 88键", Category: "keyboards", Description: "不支持蓝牙。"},
		{ID: "e", Title: "脆乡 海苔脆 40g×3袋", Category: "snacks"},
		{ID: "f", Title: "星河臻选 奶粉", Category: "formula"},
		{ID: "g", Title: "星河 成长 奶粉", Category: "formula", Description: "3岁以下请选星河臻选。"},
	}
	snap := shop.NewSnapshot(&shop.Catalog{Products: ps}, nil)
	named := map[string]string{}
	for _, k := range titlePartNames(snap.Catalog.Products, map[string]bool{}, nil, wordsFor(snap).attrParts) {
		named[k.key] = snap.Catalog.Products[k.prod].ID
	}
	for key, want := range map[string]string{"星海": "a", "全集": "a", "云梯": "b", "远山": "c", "近水": "d", "海苔脆": "e", "脆乡": "e", "星河臻选": "f"} {
		if named[key] != want {
			t.Errorf("%s names %q, want %q", key, named[key], want)
		}
	}
	for _, key := range []string{"某作者", "东岳出版社", "平装", "蓝牙", "88键", "3袋", "电钢琴"} {
		if id, ok := named[key]; ok {
			t.Errorf("%s names %s, want none", key, id)
		}
	}
}

// Books named by their 《title》 alone, in one breath with their format, and a count
// of them all ("三本一起") make one cart of one of each.
func TestCartOfTitlePartsAndACountOfAll(t *testing.T) {
	f := newFixture(t)
	var books []shop.Product
	for i, name := range []string{"星海", "云梯", "风铃"} {
		books = append(books, shop.Product{ID: fmt.Sprintf("p-t-book%d", i), Title: "某作者《" + name + "》 东岳出版社", Category: "books",
			SKUs: []shop.SKU{
				{ID: fmt.Sprintf("s-t-book%d-pb", i), Price: shop.Money(3000 + 1000*i), Stock: 5, Attributes: shop.Attrs{{Name: "format", Value: "平装"}}},
				{ID: fmt.Sprintf("s-t-book%d-hc", i), Price: shop.Money(8000 + 1000*i), Stock: 5, Attributes: shop.Attrs{{Name: "format", Value: "精装"}}},
			}})
	}
	f.withProducts(t, books...)
	r, calls := f.plan(t, turn("guest", "星海平装 云梯精装 风铃平装 三本一起多少钱"))
	args := toolArgs(t, calls, "quote_price")
	if len(args) != 1 {
		t.Fatalf("one quote of the cart, got %d: %q", len(args), r.Text)
	}
	got := fmt.Sprint(args[0]["items"])
	for _, want := range []string{"s-t-book0-pb", "s-t-book1-hc", "s-t-book2-pb"} {
		if !strings.Contains(got, want) {
			t.Errorf("cart %s lacks %s", got, want)
		}
	}
	if strings.Contains(r.Text, "× 3") {
		t.Errorf("the count of all is no item's quantity: %q", r.Text)
	}
}

func TestCountOfAll(t *testing.T) {
	for text, want := range map[string]int64{
		"A平装 B平装 C 三本一起多少": 3,
		"一共两件多少钱":          2,
		"all 3 together?":  3,
		"T恤黑M两件 一起下单多少":    0, // the tee's own quantity
		"两件多少钱":            0,
	} {
		if got := countOfAll(text); got != want {
			t.Errorf("%q: %d, want %d", text, got, want)
		}
	}
}
