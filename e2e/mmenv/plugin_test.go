package mmenv

import "testing"

// The demo once wrote the quiet window twice, in two cases, and ran with neither.
func TestNormalizeSettings(t *testing.T) {
	got, err := NormalizeSettings(map[string]any{"ReplyQuietWindowMs": 1000, "LLMBaseURL": ""})
	if err != nil || got["replyquietwindowms"] != 1000 || len(got) != 2 {
		t.Fatalf("%v, %v", got, err)
	}
	settings := DefaultSettings()
	settings["ReplyQuietWindowMs"] = 1000
	if _, err := NormalizeSettings(settings); err == nil {
		t.Fatal("a key given twice in two cases was accepted")
	}
}
