package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNoMentions(t *testing.T) {
	tests := []struct {
		in, want string
		allowed  []string
	}{
		{"plain text, no at sign", "plain text, no at sign", nil},
		{"@channel help!", "@\u200bchannel help!", nil},
		{"hi @here and @all", "hi @\u200bhere and @\u200ball", nil},
		{"@alice, your card", "@alice, your card", []string{"alice"}},
		{"@Alice. thanks", "@Alice. thanks", []string{"alice"}},
		{"ask @staff1 or @alice", "ask @\u200bstaff1 or @alice", []string{"alice"}},
		{"mail me at a@b.com", "mail me at a@\u200bb.com", []string{"alice"}},
		{"价格@channel好", "价格@\u200bchannel好", nil},
	}
	for _, tt := range tests {
		if got := NoMentions(tt.in, tt.allowed...); got != tt.want {
			t.Errorf("NoMentions(%q, %v) = %q, want %q", tt.in, tt.allowed, got, tt.want)
		}
	}
}

func TestFitPost(t *testing.T) {
	short := strings.Repeat("好", MaxPostRunes)
	if FitPost(short) != short {
		t.Fatal("a message at the limit was cut")
	}
	got := FitPost(short + "多")
	if n := utf8.RuneCountInString(got); n != MaxPostRunes || !strings.HasSuffix(got, "…") {
		t.Fatalf("cut to %d runes ending %q", n, string([]rune(got)[n-1:]))
	}
}
