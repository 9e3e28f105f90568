package i18n

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 12, 3, 0, 0, 0, 0, cst)
	for _, c := range []struct {
		got, want string
	}{
		{Day(ZH, at), "2026年12月3日"},
		{Day(EN, at), "Dec 3, 2026"},
		{Moment(ZH, at), "2026年12月3日 00:00"},
		{Moment(EN, at.Add(22*time.Hour+30*time.Minute)), "Dec 3, 2026, 22:30"},
		{Until(ZH, at), "2026年12月2日 24:00"},
		{Until(EN, at), "end of Dec 2, 2026 (midnight)"},
		{Until(ZH, at.Add(time.Minute)), "2026年12月3日 00:01"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
