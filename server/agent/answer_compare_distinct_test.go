package agent

import (
	"strings"
	"testing"
)

// "<A>跟<B>主要差在哪": each product's sentence with the most words the other's
// description lacks is shown, not one they share nor one already in another row.
func TestDistinctSentences(t *testing.T) {
	a := "价格为一对。输入：HDMI ARC（可接电视）、光纤、RCA（内置 MM 唱放）、USB-C。全国联保 2 年。"
	b := "价格为一对。输入：光纤、RCA、USB-C；没有 HDMI，也没有内置唱放。全国联保 2 年。"
	got := distinctSentences([]string{a, b}, [][]string{{"价格为一对"}, {"价格为一对"}})
	if !strings.Contains(got[0], "HDMI ARC") || !strings.Contains(got[1], "没有 HDMI") {
		t.Errorf("distinctSentences = %q, want the inputs of each", got)
	}
	if got := distinctSentences([]string{"全国联保 2 年。", "全国联保 2 年。"}, [][]string{nil, nil}); got[0] != "" || got[1] != "" {
		t.Errorf("shared sentences: %q, want none", got)
	}
	f := newAssetFixture(t, "demo-audio")
	r, _ := f.plan(t, turn("guest", "Fjord 5 跟 Fjord 3 主要差在哪"))
	if !strings.Contains(r.Text, "HDMI") {
		t.Errorf("Fjord 5 跟 Fjord 3: %q, want the HDMI input one has", r.Text)
	}
}
