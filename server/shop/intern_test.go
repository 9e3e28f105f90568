package shop

import "testing"

// Equal tag lists and size charts are shared; any difference keeps them apart.
func TestTagListsAndChartsShared(t *testing.T) {
	doc := `{"currency":"CNY","products":[
	 {"id":"p0","title":"a","tags":["x","y"],"size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":240}]},"skus":[{"id":"s0","price":1,"stock":1}]},
	 {"id":"p1","title":"a","tags":["x","y"],"size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":240}]},"skus":[{"id":"s1","price":1,"stock":1}]},
	 {"id":"p2","title":"a","tags":["y","x"],"size_chart":{"system":"EU","fit_mm":6,"rows":[{"size":"38","foot_mm":240}]},"skus":[{"id":"s2","price":1,"stock":1}]},
	 {"id":"p3","title":"a","tags":["xy"],"size_chart":{"system":"EU","fit_mm":5,"rows":[{"size":"38","foot_mm":241}]},"skus":[{"id":"s3","price":1,"stock":1}]},
	 {"id":"p4","title":"a","tags":["x","y",""],"size_chart":{"system":"CN","fit_mm":5,"rows":[{"size":"38","foot_mm":240}]},"skus":[{"id":"s4","price":1,"stock":1}]},
	 {"id":"p5","title":"a","tags":[],"skus":[{"id":"s5","price":1,"stock":1}]},
	 {"id":"p6","title":"a","skus":[{"id":"s6","price":1,"stock":1}]}]}`
	ps := mustCatalog(t, doc).Products
	if &ps[0].Tags[0] != &ps[1].Tags[0] || ps[0].SizeChart != ps[1].SizeChart {
		t.Error("equal tag lists or size charts are not shared")
	}
	for i := 2; i <= 4; i++ {
		if &ps[i].Tags[0] == &ps[0].Tags[0] || ps[i].SizeChart == ps[0].SizeChart {
			t.Errorf("product %d shares a tag list %q or chart %+v that differs from %q %+v",
				i, ps[i].Tags, ps[i].SizeChart, ps[0].Tags, ps[0].SizeChart)
		}
	}
	if ps[0].SizeChart.FitMM != 5 || ps[2].SizeChart.FitMM != 6 || ps[3].SizeChart.Rows[0].FootMM != 241 || ps[4].SizeChart.System != "CN" {
		t.Error("a shared chart took another product's values")
	}
	if ps[5].Tags == nil || len(ps[5].Tags) != 0 || ps[6].Tags != nil {
		t.Errorf("empty tag lists changed: %#v, %#v", ps[5].Tags, ps[6].Tags)
	}
	// Rows null and rows [] are not the same chart (decoded in code: validation
	// wants rows).
	in := newInterner()
	a := in.sizeChart(&SizeChart{System: "EU"})
	b := in.sizeChart(&SizeChart{System: "EU", Rows: []SizeRow{}})
	if a == b || a.Rows != nil || b.Rows == nil {
		t.Errorf("rows null and [] were shared: %#v, %#v", a, b)
	}
}
