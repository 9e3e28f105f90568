package agent

import (
	"testing"

	"github.com/concierge-shop/concierge/server/shop"
)

// "<名>系列" is named "<名>" ("<名>道服130"), though another product's page says
// its sizes are "同<名>系列" — that names the other product's series, it does not
// make the word that product's too.
func TestSeriesNamedWithoutItsMark(t *testing.T) {
	f := newFixture(t)
	f.withProducts(t,
		shop.Product{ID: "p-kid", Title: "武跃 晨曦系列 儿童跆拳道服 纯棉初学道服", Category: "uniforms", SKUs: []shop.SKU{
			{ID: "s-kid-130", Price: 12900, Stock: 9, Attributes: attrsOf("size", "130", "collar", "白领")}}},
		shop.Product{ID: "p-sum", Title: "鼎胜 夏季网眼跆拳道服 短袖款", Category: "uniforms", Description: "尺码按身高选，同晨曦系列。", SKUs: []shop.SKU{
			{ID: "s-sum-130", Price: 9900, Stock: 9, Attributes: attrsOf("size", "130", "collar", "白领")}}})
	s := startSession(t.Context(), f.deps, turn("dave", "晨曦道服130白领多少钱"))
	if got := s.namedProducts(s.text); len(got) != 1 || got[0].ID != "p-kid" {
		t.Errorf("晨曦道服: named %v, want the 晨曦系列 uniform alone", got)
	}
}
