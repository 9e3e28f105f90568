package agent

import (
	"strings"
	"testing"
)

// A shop's English FAQ that says in English what a Chinese one says, under
// another id, is its translation, not a rival answer: the Chinese question gets
// the Chinese answer, where the two had split the lead and the bot asked back.
func TestFAQTranslationsAreNoRivals(t *testing.T) {
	// The appliance shop's payment FAQ and its English card-installments FAQ.
	f := newAssetFixture(t, "demo-appliance")
	r, _ := f.plan(t, turn("dave", "可以到家再付钱吗"))
	if !strings.Contains(r.Text, "不支持货到付款") || r.Handoff != nil {
		t.Errorf("可以到家再付钱吗: %q", r.Text)
	}
}

// A rival matched only in its body (a product whose description shares a word)
// weighs half: "花送过去对方刚好不在家咋办" is the FAQ "收花人不在怎么办?", not a
// question asked back between it and a watering kit.
func TestOffSubjectRivalsWeighLess(t *testing.T) {
	f := newAssetFixture(t, "demo-florist")
	r, _ := f.plan(t, turn("dave", "花送过去对方刚好不在家咋办"))
	if !strings.Contains(r.Text, "前台") && !strings.Contains(r.Text, "门卫") {
		t.Errorf("absent-recipient FAQ: %q", r.Text)
	}
}
