//go:build e2e

package e2e

import (
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// A bad setting saved from the System Console (PUT /api/v4/config, as the console
// does) is refused by ConfigurationWillBeSaved, and the console is shown why — not
// the server's generic "error running the plugin hook" — while the settings in
// force stay as they were.
func TestConsoleSaveRefusesABadSettingWithTheReason(t *testing.T) {
	setPluginConfig(t, map[string]any{"replyquietwindowms": 1234})
	bad := mmenv.DefaultSettings()
	bad["staffchannel"] = "no-team-part"
	err := h.SetPluginSettings(t.Context(), bad)
	if err == nil {
		t.Fatal("a bad StaffChannel was saved")
	}
	for _, want := range []string{"StaffChannel", "no-team-part", "设置无效"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the console is told %q, which does not name %s", err, want)
		}
	}
	got, err := h.PluginSettings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := got["replyquietwindowms"].(float64); v != 1234 {
		t.Fatalf("settings after the refused save: %v, want the earlier ones kept", got)
	}
}
