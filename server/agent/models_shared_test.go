package agent

import (
	"slices"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// A model word two products share (a device and its accessory of one model,
// "<AB>-Pro", where "<AB>" starts four titles) names both, and the variant the
// customer names picks the one sold in it. Before, the word named neither, and the
// search's first hit — the accessory — was quoted, or a product of another name
// sold in exactly the colour word said. Pinned by demo-haircare-b-001, -012, -018.
func TestSharedModelWordNamesItsLine(t *testing.T) {
	f := newAssetFixture(t, "demo-haircare")
	wantQuoted(t, f, "FY-Pro白色的到手多少钱？", map[string]int{"s-dr-1-white": 1})
	wantQuoted(t, f, "FY-Pro黑色再加一个扩散风嘴，总共多少", map[string]int{"s-dr-1-black": 1, "s-dr-6-diffuser": 1})
}

// A category of one product (a spare battery "for the <model>") makes no
// category word of that product's model tag: "<model> 黑色" is the device in
// black, not the battery's category. Pinned by demo-smarthome-b-001, -100.
func TestOneProductCategoryModelTag(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	wantQuoted(t, f, "X7 Pro 黑色现在到手多少钱", map[string]int{"s-lock-01-black": 1})
}

// Asked by a model's name, the main product is meant, not an add-on whose title
// names the model too ("…锂电池（<Model>适用）"): a comparison of two models lists
// the two devices; naming the add-on's kind keeps it. Pinned by
// demo-smarthome-b-098.
func TestAddOnBesideItsMain(t *testing.T) {
	f := newAssetFixture(t, "demo-smarthome")
	r, _ := f.plan(t, turn("dave", "X7 Pro 跟 V9 主要区别是啥"))
	if strings.Contains(r.Text, "专用锂电池") || !strings.Contains(r.Text, "V9") {
		t.Errorf("compare: %q", r.Text)
	}
	wantQuoted(t, f, "X7 Pro的锂电池多少钱", map[string]int{"s-lock-06": 1})
}

// A model word a few titles share ("DualWave" of a controller, an Edge controller
// and a charging stand) names the one sold in the value the customer says
// ("DualWave 星尘红": the controller made in red); a common word ("black") or an
// earlier message read in context does not. Pinned by demo-gaming-b-040, -002,
// demo-moto-b-001.
func TestLineWordAndValue(t *testing.T) {
	f := newAssetFixture(t, "demo-gaming")
	r, _ := f.plan(t, turn("dave", "DualWave 星尘红 还有货吗"))
	if !strings.Contains(r.Text, "无线手柄") || strings.Contains(r.Text, "充电座") {
		t.Errorf("line word and value: %q", r.Text)
	}
	m := newAssetFixture(t, "demo-moto")
	first := turn("dave", "RS-7哑光黑M码现在到手多少")
	r1, _ := m.plan(t, first)
	next := turn("dave", "碳纤亮光的呢")
	next.History = []Message{{FromCustomer: true, Text: first.Messages[0]}, {Text: r1.Text}}
	_, calls := m.plan(t, next)
	if got := quotedCart(t, calls); got["s-rs7-gc-m"] != 1 {
		t.Errorf("follow-up quoted %v, want the gloss carbon M", got)
	}
}

// A word two titles share ("… MIPS" ending both helmets' names) names only the one
// the model words name beside it ("aero pro 头盔有mips吗"): the other helmet's
// weight is no answer. Pinned by cycling-b14-028.
func TestSharedTitleWordNarrowedByModel(t *testing.T) {
	f := newAssetFixture(t, "demo-cycling")
	r, _ := f.plan(t, turn("dave", "aero pro 头盔有mips吗 多重"))
	if !strings.Contains(r.Text, "265") || strings.Contains(r.Text, "340g") {
		t.Errorf("%q", r.Text)
	}
}

// A model code the machine and the parts made for it share ("K2 Pro" of a printer,
// an extruder of the spare-parts category, a nozzle whose title names it in
// brackets) names the machine when no value tells them apart; a sentence naming an
// add-on and another machine ("will the Hub4 work with my K1?") is left to the
// search. Pinned by demo-print3d p3d-b-046, -053, -059, -081, -089 and p3d-b-027.
func TestModelCodeNamesTheMachine(t *testing.T) {
	f := newAssetFixture(t, "demo-print3d")
	s := newSession(t.Context(), f.deps, turn("dave", "K2 Pro 有几个版本"))
	if ps := s.productsAsked(); len(ps) != 1 || ps[0].ID != "p-fdm-k2" {
		t.Errorf("K2 Pro: %v", productIDs(ps))
	}
	// The code and its word written as one ("K2Pro"), as the title writes them apart.
	s = newSession(t.Context(), f.deps, turn("dave", "K2Pro标准版 我买到手多少"))
	if ps := s.productsAsked(); len(ps) != 1 || ps[0].ID != "p-fdm-k2" {
		t.Errorf("K2Pro: %v", productIDs(ps))
	}
	// Sold in the value named by both the printer and a camera made for it.
	s = newSession(t.Context(), f.deps, turn("dave", "falcon f1 标准版 算上国补多少"))
	if ps := s.productsAsked(); len(ps) != 1 || ps[0].ID != "p-fdm-f1" {
		t.Errorf("falcon f1 标准版: %v", productIDs(ps))
	}
	s = newSession(t.Context(), f.deps, turn("dave", "will the Hub4 work with my K1?"))
	if ps := s.namedProducts(s.text); slices.ContainsFunc(ps, func(p *shop.Product) bool { return p.ID == "p-fdm-k1" }) {
		t.Errorf("Hub4 with my K1: %v", productIDs(ps))
	}
}

func productIDs(ps []*shop.Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}
