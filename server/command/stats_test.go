package command

import (
	"strings"
	"testing"
	"time"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
)

// Without ratings and handoffs the averages read "—", never 0.
func TestStatsTextShowsADashWithoutData(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		text := statsText(lang, conversation.ComputeStats(nil, time.Time{}))
		if strings.Count(text, "—") != 2 || strings.Contains(text, ": 0.00") {
			t.Errorf("%s: %q", lang, text)
		}
	}
	avg := 4.5
	text := statsText(i18n.EN, conversation.Stats{Conversations: 2, CSATAvg: &avg, CSATCount: 2})
	if !strings.Contains(text, "4.50 (2 ratings)") {
		t.Errorf("%q", text)
	}
}
