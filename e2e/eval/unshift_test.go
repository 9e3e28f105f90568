package eval

import (
	"testing"
	"time"
)

func TestUnshiftDates(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	d := 3*24*time.Hour + 5*time.Hour + 17*time.Minute // the run started 3 days, 5 h 17 min after the anchor
	for in, want := range map[string]string{
		// an offer ending 12-13 00:00 at the anchor, shown shifted
		"双12活动（截至 2026年12月16日 05:17）": "双12活动（截至 2026年12月12日 24:00）",
		"until Dec 16, 2026, 05:17":   "until end of Dec 12, 2026 (midnight)",
		// a start date (shown without its time) and an order's payment time
		"从 2026年12月23日 开始":          "从 2026年12月20日 开始",
		"Paid at: 2026-11-23 14:22": "Paid at: 2026-11-20 09:05",
		"有效期至 2026-12-19":           "有效期至 2026-12-16",
		"valid until Dec 19, 2026":  "valid until Dec 16, 2026",
		"订单 MY1201008，¥93.00，共3件":   "订单 MY1201008，¥93.00，共3件",
	} {
		if got := UnshiftDates(in, d, cst); got != want {
			t.Errorf("UnshiftDates(%q) = %q, want %q", in, got, want)
		}
	}
	// The anchor 5 days 20 hours ahead of the run: a start at 12-28 00:00 shows on 12-22.
	if got := UnshiftDates("元旦9折（2026年12月22日 开始）", -(5*24*time.Hour + 20*time.Hour), cst); got != "元旦9折（2026年12月28日 开始）" {
		t.Errorf("a start shifted back: %q", got)
	}
	if got := UnshiftDates("2026年12月16日 05:17", 0, cst); got != "2026年12月16日 05:17" {
		t.Errorf("no shift changed the text: %q", got)
	}
}
