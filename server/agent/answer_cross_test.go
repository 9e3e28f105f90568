package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// Whether one product goes with another is answered from the description that
// names the other ("不适用于…（如<B>）"), yes or no by the clause naming it — when
// the product whose page says so is the subject, asked first or under discussion;
// "<B> 买了带<A>吗" asks of <B>, not whether <A> fits it.
func TestCrossMentionAnswersFit(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-cx-lock", Title: "迅风 指纹碟刹锁 报警", Category: "locks",
			Description: "指纹解锁。适用于碟刹车型（如迅风 K9 Max）；不适用于无碟刹的车型（如迅风 F5 Pro、E7 Plus）。重约260g。",
			SKUs:        []shop.SKU{{ID: "s-cx-lock", Price: 19900, Stock: 5, Attributes: attrsOf("color", "黑色")}}},
		shop.Product{ID: "p-cx-f5", Title: "迅风 F5 Pro 折叠滑板车", Category: "scooters",
			Description: "续航55km。前鼓刹+后电子刹车（无碟刹）。",
			SKUs:        []shop.SKU{{ID: "s-cx-f5", Price: 279900, Stock: 5, Attributes: attrsOf("color", "灰色")}}},
		shop.Product{ID: "p-cx-k9", Title: "迅风 K9 Max 长续航滑板车", Category: "scooters",
			Description: "续航70km。前后碟刹。",
			SKUs:        []shop.SKU{{ID: "s-cx-k9", Price: 399900, Stock: 5, Attributes: attrsOf("color", "黑色")}}})
	ask := func(history, say string) string {
		tr := turn("dave", say)
		if history != "" {
			r0, _ := f.plan(t, turn("dave", history))
			tr.History = []Message{{FromCustomer: true, Text: history}, {Text: r0.Text}}
		}
		r, _ := f.plan(t, tr)
		return r.Text
	}
	if got := ask("迅风那个指纹碟刹锁", "F5 Pro能用吗"); !strings.HasPrefix(got, "不行") || !strings.Contains(got, "不适用于无碟刹") {
		t.Errorf("F5 Pro能用吗 after the lock: %q", got)
	}
	if got := ask("", "指纹碟刹锁能给K9 Max用吗"); !strings.HasPrefix(got, "可以") || !strings.Contains(got, "适用于碟刹车型") {
		t.Errorf("锁能给K9 Max用吗: %q", got)
	}
	if got := ask("", "F5 Pro 买了带碟刹锁吗"); strings.Contains(got, "不适用于无碟刹") {
		t.Errorf("F5 Pro 买了带锁吗 asks of the scooter, not the lock's fit: %q", got)
	}
}
