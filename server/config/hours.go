package config

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // a shop's time zone must resolve on a server without zoneinfo files
)

// DefaultHandoffRepingMinutes: a handoff nobody took within it is pinged again,
// and escalated to every staff member after twice as long.
const DefaultHandoffRepingMinutes = 10

// Hours are the staff's business hours: each day from Open to Close (minutes after
// midnight) in Loc. Close before Open spans midnight (22:00-06:00).
type Hours struct {
	Open, Close int
	Loc         *time.Location
}

// BusinessHours parses the setting; ok=false when unset (staff are always there).
func (c *Config) BusinessHours() (Hours, bool) {
	h, err := parseHours(c.BusinessHoursSpec, c.BusinessTimezone)
	return h, err == nil && h.Loc != nil
}

func (c *Config) RepingMinutes() int64 {
	return valueOr(c.HandoffRepingMinutes, DefaultHandoffRepingMinutes)
}

func parseHours(spec, zone string) (Hours, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return Hours{}, nil
	}
	from, to, ok := strings.Cut(spec, "-")
	if !ok {
		return Hours{}, errors.New("want HH:MM-HH:MM")
	}
	open, err1 := clock(from)
	closing, err2 := clock(to)
	if err := errors.Join(err1, err2); err != nil {
		return Hours{}, err
	}
	if open == closing {
		return Hours{}, errors.New("opening and closing time are the same")
	}
	loc := time.Local
	if z := strings.TrimSpace(zone); z != "" {
		l, err := time.LoadLocation(z)
		if err != nil {
			return Hours{}, fmt.Errorf("unknown time zone %q", z)
		}
		loc = l
	}
	return Hours{Open: open, Close: closing, Loc: loc}, nil
}

func clock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not HH:MM", strings.TrimSpace(s))
	}
	return t.Hour()*60 + t.Minute(), nil
}

// IsOpen reports whether staff are at work at t.
func (h Hours) IsOpen(t time.Time) bool {
	local := t.In(h.Loc)
	m := local.Hour()*60 + local.Minute()
	if h.Open < h.Close {
		return m >= h.Open && m < h.Close
	}
	return m >= h.Open || m < h.Close
}

// NextOpen is when staff are next at work after t (t itself when open).
func (h Hours) NextOpen(t time.Time) time.Time {
	if h.IsOpen(t) {
		return t
	}
	local := t.In(h.Loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, h.Loc)
	open := day.Add(time.Duration(h.Open) * time.Minute)
	if !open.After(local) {
		open = day.AddDate(0, 0, 1).Add(time.Duration(h.Open) * time.Minute)
	}
	return open
}

func (c *Config) hoursProblems() []error {
	var errs []error
	if _, err := parseHours(c.BusinessHoursSpec, c.BusinessTimezone); err != nil {
		errs = append(errs, fmt.Errorf("BusinessHours: %w", err))
	}
	if m := c.RepingMinutes(); m < 0 || m > 1440 {
		errs = append(errs, errors.New("HandoffRepingMinutes: must be between 0 (off) and 1440"))
	}
	return errs
}
