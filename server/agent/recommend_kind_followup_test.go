package agent

import (
	"strings"
	"testing"
)

// "用啥牙膏好点" after a toothbrush asks for toothpastes, not of the toothbrush;
// "braces" glosses to 正畸 for a water flosser made for them (on the
// demo-oralcare shop).
func TestRecommendationOfAnotherKindStandsAlone(t *testing.T) {
	f := newAssetFixture(t, "demo-oralcare")
	r, _ := f.planAfter(t, "guest", "最近刷牙老出血", "用啥牙膏好点")
	if !strings.Contains(r.Text, "护龈牙膏") || strings.Contains(r.Text, "儿童声波牙刷") {
		t.Errorf("用啥牙膏好点: %q, want toothpastes", r.Text)
	}
	r, _ = f.plan(t, turn("guest", "I just got braces, which water flosser should I get?"))
	if !strings.Contains(r.Text, "AQ-600") {
		t.Errorf("braces: %q, want the flosser made for them", r.Text)
	}
}
