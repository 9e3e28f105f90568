package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestCatalogsMatch(t *testing.T) {
	zh, en := Keys(ZH), Keys(EN)
	if len(en) == 0 {
		t.Fatal("no messages registered")
	}
	for _, k := range en {
		if !slices.Contains(zh, k) {
			t.Errorf("%s: in English, missing in Chinese", k)
		}
	}
	for _, k := range zh {
		if !slices.Contains(en, k) {
			t.Errorf("%s: in Chinese, missing in English", k)
		}
	}
	for _, k := range en {
		if strings.Count(T(EN, k), "%") != strings.Count(T(ZH, k), "%") {
			t.Errorf("%s: different number of verbs in zh and en", k)
		}
	}
}

// Both puts the two languages side by side, English first.
func TestBoth(t *testing.T) {
	if got, want := Both("cmd.failed"), T(EN, "cmd.failed")+" / "+T(ZH, "cmd.failed"); got != want || T(EN, "cmd.failed") == T(ZH, "cmd.failed") {
		t.Errorf("Both = %q, want %q", got, want)
	}
	if got := T(ZH, "no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key = %q, want the key", got)
	}
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]Lang{
		"hello": EN, "你好": ZH, "38码 running shoes": ZH, "": EN, "Can I return it?": EN, "ｈｅｌｌｏ": EN,
	} {
		if got := Detect(in); got != want {
			t.Errorf("Detect(%q)=%s want %s", in, got, want)
		}
	}
}
