package agent

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/i18n"
)

// An FAQ the search ranks first for a paraphrase, matched too loosely to answer
// outright but well and on every matter the question speaks of, is offered as the
// one reading, with its answer — not as the first of a list the customer must
// pick from. Pinned by demo-camera-b-049, demo-smarthome-b-055 and five more of
// the in-process sets.
func TestLikelyFAQOfferedAsAGuess(t *testing.T) {
	for _, c := range []struct {
		shop, say, want string
		lang            i18n.Lang
	}{
		{"demo-camera", "买机身能分12个月吗 要手续费不", "12", i18n.ZH},
		{"demo-smarthome", "你们客服能看到我家摄像头的画面吗", "加密", i18n.ZH},
	} {
		r, _ := newAssetFixture(t, c.shop).plan(t, turn("dave", c.say))
		head, _, _ := strings.Cut(i18n.T(c.lang, "agent.kb.guess", "\x00", ""), "\x00")
		if r.Handoff != nil || isClarify(r.Text) || !strings.HasPrefix(r.Text, head) || !strings.Contains(r.Text, c.want) {
			t.Errorf("%q: %q, want the guess with %q", c.say, r.Text, c.want)
		}
	}
}

// A diagnosis or a medicine asked for gets the doctor's answer, whatever product
// the message names beside it (a blood-pressure monitor's shop is asked "该吃什么降
// 压药"), and no product's facts as if they were advice. Pinned by demo-health-146,
// eyewear-b15-149.
func TestMedicalAdviceIsADoctors(t *testing.T) {
	f := newAssetFixture(t, "demo-health")
	for msg, l := range map[string]i18n.Lang{"我血压160/100 该吃什么降压药": i18n.ZH, "what medicine should I take for a sore eye?": i18n.EN} {
		r, _ := f.plan(t, turn("dave", msg))
		if r.Handoff != nil || r.Text != i18n.T(l, "social.medical") {
			t.Errorf("%q: %q", msg, r.Text)
		}
	}
}
