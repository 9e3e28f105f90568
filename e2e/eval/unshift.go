package eval

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// The eval moves the shop's data by d (real now − anchor) so that every answer
// worked out at the anchor stays true; the dates a reply states are then d
// later than those the writer worked with. UnshiftDates moves them back before
// judging, so a fact like "12月13" is found in a reply that ends an offer on the
// shifted day. It reads the date forms the bot writes: "2026年12月13日 15:04",
// "2026年12月12日 24:00", "2026年12月13日", "Dec 13, 2026, 15:04", "end of Dec 12,
// 2026 (midnight)", "Dec 13, 2026", "2026-12-13 15:04", "2026-12-13". A date alone
// moves by the whole days d moved it (it was midnight); a moment by d, to the minute.

var (
	zhMoment = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2}):(\d{2}))?`)
	enMoment = regexp.MustCompile(`(end of )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4})(?:, (\d{1,2}):(\d{2})| \(midnight\))?`)
	isoStamp = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?\b`)
)

// UnshiftDates returns text with every date it states moved back by d, read in loc.
func UnshiftDates(text string, d time.Duration, loc *time.Location) string {
	if d == 0 {
		return text
	}
	// A date alone is of a moment at midnight (an offer's start): shifted by d it
	// falls on the day floor(d) later, whichever way d goes.
	days := d / (24 * time.Hour)
	if d < 0 && d%(24*time.Hour) != 0 {
		days--
	}
	days *= 24 * time.Hour
	back := func(t time.Time, timed bool) (time.Time, bool) {
		if !timed {
			return t.Add(-days), false
		}
		return t.Add(-d).Round(time.Minute), true
	}
	text = zhMoment.ReplaceAllStringFunc(text, func(m string) string {
		s := zhMoment.FindStringSubmatch(m)
		t, timed, ok := civil(loc, s[1], s[2], s[3], s[4], s[5])
		if !ok {
			return m
		}
		t, timed = back(t, timed)
		day := fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
		switch {
		case !timed:
			return day
		case t.Hour() == 0 && t.Minute() == 0:
			e := t.Add(-time.Minute)
			return fmt.Sprintf("%d年%d月%d日 24:00", e.Year(), int(e.Month()), e.Day())
		}
		return day + t.Format(" 15:04")
	})
	text = enMoment.ReplaceAllStringFunc(text, func(m string) string {
		s := enMoment.FindStringSubmatch(m)
		mon, err := time.Parse("Jan", s[2])
		if err != nil {
			return m
		}
		hh, mm := s[5], s[6]
		if s[1] != "" { // "end of Dec 12, 2026 (midnight)": Dec 13 00:00
			hh, mm = "24", "00"
		}
		t, timed, ok := civil(loc, s[4], strconv.Itoa(int(mon.Month())), s[3], hh, mm)
		if !ok {
			return m
		}
		t, timed = back(t, timed)
		switch {
		case !timed:
			return t.Format("Jan 2, 2006")
		case t.Hour() == 0 && t.Minute() == 0:
			return "end of " + t.Add(-time.Minute).Format("Jan 2, 2006") + " (midnight)"
		}
		return t.Format("Jan 2, 2006, 15:04")
	})
	return isoStamp.ReplaceAllStringFunc(text, func(m string) string {
		s := isoStamp.FindStringSubmatch(m)
		t, timed, ok := civil(loc, s[1], s[2], s[3], s[4], s[5])
		if !ok {
			return m
		}
		if t, timed = back(t, timed); timed {
			return t.Format("2006-01-02 15:04")
		}
		return t.Format("2006-01-02")
	})
}

// civil reads a date, and a time when hh is given ("24:00" is the next day's
// midnight), in loc.
func civil(loc *time.Location, y, mo, d, hh, mm string) (time.Time, bool, bool) {
	yi, e1 := strconv.Atoi(y)
	mi, e2 := strconv.Atoi(mo)
	di, e3 := strconv.Atoi(d)
	if e1 != nil || e2 != nil || e3 != nil || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return time.Time{}, false, false
	}
	if hh == "" {
		return time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, loc), false, true
	}
	h, e4 := strconv.Atoi(hh)
	n, e5 := strconv.Atoi(mm)
	if e4 != nil || e5 != nil || h > 24 || n > 59 {
		return time.Time{}, false, false
	}
	return time.Date(yi, time.Month(mi), di, h, n, 0, 0, loc), true, true
}
