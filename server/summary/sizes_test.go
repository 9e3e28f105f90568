package summary

import (
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/tool"
)

// Sizes the customer told reach staff with what was recommended from them; a
// later recommendation for the same product replaces the earlier one.
func TestRecordKeepsTheSizesTold(t *testing.T) {
	var rec Record
	rec.Add(t0, []string{"我平时穿38码皮鞋，跑鞋买多大"}, []tool.Call{
		call(tool.GetProduct, `{"id":"p-run","title":"跑鞋"}`),
		{Name: tool.RecommendSize, Args: `{"product_id":"p-run","reference_size":"38","reference_category":"皮鞋","reference_system":"EU"}`,
			Result: `{"product_id":"p-run","recommended_size":"39","reference_foot_mm":240}`},
	})
	rec.Add(t0, []string{"脚长245毫米呢"}, []tool.Call{
		{Name: tool.RecommendSize, Args: `{"product_id":"p-run","foot_mm":245}`,
			Result: `{"product_id":"p-run","recommended_size":"40","reference_foot_mm":245}`},
		{Name: tool.RecommendSize, Args: `{"product_id":"p-x"}`, Result: `{"error":"no size chart","code":"invalid"}`},
	})
	if len(rec.Sizes) != 1 {
		t.Fatalf("sizes %+v, want the latest one for p-run", rec.Sizes)
	}
	z := rec.Sizes[0]
	if z.Recommended != "40" || z.FootMM != 245 || z.Reference != "" {
		t.Fatalf("size %+v", z)
	}
	rec = Record{}
	rec.Add(t0, nil, []tool.Call{
		call(tool.GetProduct, `{"id":"p-run","title":"跑鞋"}`),
		{Name: tool.RecommendSize, Args: `{"product_id":"p-run","reference_size":"38","reference_category":"皮鞋","reference_system":"EU"}`,
			Result: `{"product_id":"p-run","recommended_size":"39","reference_foot_mm":240}`},
	})
	s := Build(rec, "alice", i18n.ZH, "", nil)
	if len(s.Sizes) != 1 || s.ProductLabel(s.Sizes[0].ProductID) != "跑鞋" {
		t.Fatalf("summary sizes %+v", s.Sizes)
	}
	if wears, foot := s.Sizes[0].Told(); wears != "38 EU · 皮鞋" || foot != 240 {
		t.Fatalf("told %q %d", wears, foot)
	}
}
