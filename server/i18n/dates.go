package i18n

import (
	"fmt"
	"time"
)

// Day is t's date as a customer reads it in lang: "2026年12月13日", "Dec 13, 2026".
// A date in a reply is read by people, not parsed: "2026-12-13" reads as a code.
func Day(lang Lang, t time.Time) string {
	if lang == ZH {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("Jan 2, 2006")
}

// Moment is Day with the time of day: "2026年12月13日 22:00", "Dec 13, 2026, 22:00".
func Moment(lang Lang, t time.Time) string {
	if lang == ZH {
		return Day(lang, t) + " " + t.Format("15:04")
	}
	return Day(lang, t) + ", " + t.Format("15:04")
}

// Until is the end of an offer or a coupon, valid until that moment and not at it
// (SPEC §4): an end at midnight is told as the end of the day before, the way
// shops write it ("2026年12月12日 24:00", "end of Dec 12, 2026 (midnight)"), so
// that neither the 12th nor the 13th is in doubt; any other end as its moment.
func Until(lang Lang, t time.Time) string {
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return Moment(lang, t)
	}
	last := t.Add(-time.Nanosecond)
	if lang == ZH {
		return Day(lang, last) + " 24:00"
	}
	return "end of " + Day(lang, last) + " (midnight)"
}
