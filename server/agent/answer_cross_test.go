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

// A model is written whole or not at all: "<Line> 3" is not in "<Line> 3 Pro", but
// is in "<Line> 3、<Line> 4K"; glued or spaced alike.
func TestWritesWholeModel(t *testing.T) {
	for _, tc := range []struct {
		clause, name string
		want         bool
	}{
		{"适用 DJI Mini 4 Pro、Mini 3 Pro", "mini3", false},
		{"不适用 Mini 3、Mini 4K", "mini3", true},
		{"不适用于无碟刹的车型（如九号F2 Pro、E2 Plus）", "f2pro", true},
		{"（不适用Oculo设备）", "oculo", true},
		{"不适用于 Basecamp 4。", "basecamp4", true},
		{"Basecamp 40 专用", "basecamp4", false},
	} {
		if got := writesWhole(tc.clause, tc.name); got != tc.want {
			t.Errorf("writesWhole(%q, %q) = %v, want %v", tc.clause, tc.name, got, tc.want)
		}
	}
}

// A follow-up of a message whose product only the answer resolved ("<Model> 打印尺寸
// 多大", which a search of its words alone reads as another product) continues the
// product the answer showed.
func TestFollowUpOfTheProductShown(t *testing.T) {
	f := newAssetFixture(t, "demo-print3d")
	first := "K3 Max 打印尺寸多大"
	r0, _ := f.plan(t, turn("dave", first))
	tr := turn("dave", "现在啥价")
	tr.History = []Message{{FromCustomer: true, Text: first}, {Text: r0.Text}}
	r, _ := f.plan(t, tr)
	if !strings.Contains(r.Text, "K3 Max") || strings.Contains(r.Text, "脚长") {
		t.Errorf("现在啥价 after %q: %q", first, r.Text)
	}
}

// "<Line> 2 单机" of "<Line> 2" and "<Line> 2 Max", both sold 单机: the title that
// writes the model whole.
func TestWholeModelTitles(t *testing.T) {
	d2 := &shop.Product{ID: "d2", Title: "正浩 DELTA 2 户外移动电源 1024Wh"}
	big := &shop.Product{ID: "max", Title: "正浩 DELTA 2 Max 户外电源 2048Wh"}
	if got := wholeModelTitles("DELTA 2 单机多少钱", []*shop.Product{big, d2}); len(got) != 1 || got[0] != d2 {
		t.Errorf("got %v, want the DELTA 2", productIDs(got))
	}
	if got := wholeModelTitles("DELTA 2 Max 单机多少钱", []*shop.Product{big, d2}); len(got) != 1 || got[0] != big {
		t.Errorf("got %v, want the DELTA 2 Max", productIDs(got))
	}
}

// A follow-up naming a value of one attribute drops from the earlier message the
// value of another attribute that goes one to one with it ("8口的呢" after "<A1005>
// 多少钱": the model goes with the ports), but keeps a colour beside a size.
func TestOverrideValuesOfPairedAttributes(t *testing.T) {
	sw := &shop.Product{ID: "sw", Title: "迅联 2.5G交换机", SKUs: []shop.SKU{
		{ID: "s5", Attributes: attrsOf("ports", "5口", "model", "XL-A1005")},
		{ID: "s8", Attributes: attrsOf("ports", "8口", "model", "XL-A1008")}}}
	if got := overrideValues("XL-A1005多少钱", "8口的呢", []*shop.Product{sw}); strings.Contains(strings.ToLower(got), "a1005") {
		t.Errorf("the 5-port model kept: %q", got)
	}
	shoe := &shop.Product{ID: "shoe", Title: "匠履 牛津鞋", SKUs: []shop.SKU{
		{ID: "b42", Attributes: attrsOf("color", "棕色", "size", "42")},
		{ID: "k43", Attributes: attrsOf("color", "黑色", "size", "43")},
		{ID: "k42", Attributes: attrsOf("color", "黑色", "size", "42")}}}
	if got := overrideValues("牛津鞋棕色有哪些码", "43有吗", []*shop.Product{shoe}); !strings.Contains(got, "棕色") {
		t.Errorf("the colour asked about dropped: %q", got)
	}
}
