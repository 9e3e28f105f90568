package i18n

import (
	"sort"
	"strings"
	"testing"
)

func TestCatalogsMatch(t *testing.T) {
	zh, en := Keys(ZH), Keys(EN)
	sort.Strings(zh)
	sort.Strings(en)
	if strings.Join(zh, ",") != strings.Join(en, ",") {
		t.Fatalf("zh and en catalogs differ:\nzh=%v\nen=%v", zh, en)
	}
	if len(en) == 0 {
		t.Fatal("no messages registered")
	}
	for _, k := range en {
		if strings.Count(T(EN, k), "%") != strings.Count(T(ZH, k), "%") {
			t.Errorf("%s: different number of verbs in zh and en", k)
		}
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
