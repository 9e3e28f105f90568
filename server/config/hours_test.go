package config

import (
	"strings"
	"testing"
	"time"
)

func TestBusinessHours(t *testing.T) {
	c := &Config{BusinessHoursSpec: "09:00-21:00", BusinessTimezone: "Asia/Shanghai"}
	h, ok := c.BusinessHours()
	if !ok {
		t.Fatal("hours not parsed")
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	at := func(d, hh, mm int) time.Time { return time.Date(2026, 12, d, hh, mm, 0, 0, sh) }
	for _, tc := range []struct {
		t    time.Time
		open bool
		next time.Time
	}{
		{at(4, 10, 0), true, at(4, 10, 0)},
		{at(4, 8, 59), false, at(4, 9, 0)},
		{at(4, 21, 0), false, at(5, 9, 0)},
		{at(4, 23, 30).UTC(), false, at(5, 9, 0)},
	} {
		if got := h.IsOpen(tc.t); got != tc.open {
			t.Errorf("IsOpen(%v) = %v", tc.t, got)
		}
		if got := h.NextOpen(tc.t); !got.Equal(tc.next) {
			t.Errorf("NextOpen(%v) = %v, want %v", tc.t, got, tc.next)
		}
	}
	night, _ := (&Config{BusinessHoursSpec: "22:00-06:00", BusinessTimezone: "UTC"}).BusinessHours()
	if !night.IsOpen(time.Date(2026, 1, 1, 23, 0, 0, 0, time.UTC)) || night.IsOpen(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)) {
		t.Error("hours across midnight")
	}
	if _, ok := (&Config{}).BusinessHours(); ok {
		t.Error("unset hours parse as set")
	}
}

func TestBusinessHoursRejected(t *testing.T) {
	for _, c := range []*Config{
		{BusinessHoursSpec: "9-5"}, {BusinessHoursSpec: "09:00-09:00"}, {BusinessHoursSpec: "09:00-18:00", BusinessTimezone: "Mars/Olympus"},
		{HandoffRepingMinutes: ptr(-1)},
	} {
		if err := c.IsValid(); err == nil || !(strings.Contains(err.Error(), "BusinessHours") || strings.Contains(err.Error(), "HandoffRepingMinutes")) {
			t.Errorf("%+v: %v", c, err)
		}
	}
}

func ptr(n int64) *int64 { return &n }
