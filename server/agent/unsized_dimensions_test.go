package agent

import (
	"maps"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A capacity written in ten thousands ("两万毫安", "2万毫安") is the variant sold
// in 20000mAh; "<brand><value><kind>多大" of a product sold in no sizes asks how
// big it is — its page answers, not a size chart — and the kind's one product
// sold in that value is the one meant, though the search alone is not sure.
func TestTenThousandsAndDimensionsOfUnsized(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-pb", Title: "Testa 移动电源 10000mAh/20000mAh 22.5W 快充版", Brand: "Testa", Category: "power-banks",
			Description: "20000mAh款：尺寸154×73.7×27.3mm，重约436g；10000mAh款：尺寸147×71×15mm，重约220g。", SKUs: []shop.SKU{
				{ID: "s-pb-20", Price: 11900, Stock: 9, Attributes: attrsOf("capacity", "20000mAh", "color", "黑色")},
				{ID: "s-pb-10", Price: 7900, Stock: 9, Attributes: attrsOf("capacity", "10000mAh", "color", "黑色")}}},
		shop.Product{ID: "p-pb-mag", Title: "Testa 磁吸移动电源 6000mAh 超薄", Brand: "Testa", Category: "power-banks", SKUs: []shop.SKU{
			{ID: "s-pb-mag", Price: 14900, Stock: 9, Attributes: attrsOf("capacity", "6000mAh")}}})
	if got := numeralsAsDigits("两万毫安的"); got != "20000毫安的" {
		t.Errorf("numeralsAsDigits(两万毫安的) = %q", got)
	}
	if got := numeralsAsDigits("12万"); got != "120000" {
		t.Errorf("numeralsAsDigits(12万) = %q", got)
	}
	_, calls := f.plan(t, turn("dave", "Testa移动电源两万毫安的 黑色 买两个一共多少"))
	if got := quotedCart(t, calls); !maps.Equal(got, map[string]int{"s-pb-20": 2}) {
		t.Errorf("两万毫安 ×2: quoted %v, want two of the 20000mAh", got)
	}
	r, _ := f.plan(t, turn("dave", "Testa两万毫安移动电源多大，能塞进小包吗"))
	if !strings.Contains(r.Text, "154×73.7") {
		t.Errorf("两万毫安移动电源多大: %q, want its dimensions from its page", r.Text)
	}
}
