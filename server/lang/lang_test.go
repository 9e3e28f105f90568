package lang

import (
	"strings"
	"testing"
)

func TestBuiltinParses(t *testing.T) {
	lx, err := Parse(intentsJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"price", "order", "human", "thanks", "filler", "stop_phrases"} {
		if !Has(id) || len(lx.Lists[id].Words()) == 0 {
			t.Errorf("list %q missing or empty", id)
		}
	}
}

func TestParseRefusesBadLists(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":      `{`,
		"no lists":      `{"lists":{}}`,
		"no about":      `{"lists":{"x":{"zh":["价格"]}}}`,
		"no words":      `{"lists":{"x":{"about":"a","zh":[],"en":[]}}}`,
		"blank word":    `{"lists":{"x":{"about":"a","zh":[" "]}}}`,
		"upper english": `{"lists":{"x":{"about":"a","en":["Price"]}}}`,
		"padded":        `{"lists":{"x":{"about":"a","en":[" price"]}}}`,
		"bad pattern":   `{"lists":{"x":{"about":"a","zh":["价"]}},"patterns":{"p":{"about":"a","re":["(unclosed"]}}}`,
		"empty pattern": `{"lists":{"x":{"about":"a","zh":["价"]}},"patterns":{"p":{"about":"a","re":[]}}}`,
		"sentence":      `{"lists":{"x":{"about":"a","zh":["` + strings.Repeat("长", 41) + `"]}}}`,
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestNoDuplicateEntriesWithinAList(t *testing.T) {
	for id, l := range Builtin().Lists {
		seen := map[string]bool{}
		for _, w := range l.Words() {
			if seen[w] {
				t.Errorf("lists.%s: %q twice", id, w)
			}
			seen[w] = true
		}
	}
}

func TestPatternsCompile(t *testing.T) {
	if !Regexp("yes_no_tail").MatchString("发货没") || Regexp("yes_no_tail").MatchString("发货了") {
		t.Error("yes_no_tail")
	}
	if len(Regexps("price_drop")) < 2 {
		t.Error("price_drop: want several expressions")
	}
}

// The general glossary is read from English only, after the built-in one; a bad
// key or translation is refused with its path.
func TestGeneralGlossary(t *testing.T) {
	if zh := Chinese("fingerprint"); len(zh) == 0 || zh[0] != "指纹" {
		t.Errorf("fingerprint: %v", zh)
	}
	if zh := Chinese("battery"); len(zh) < 2 || zh[0] != Builtin().Glossary.Words["battery"][0] {
		t.Errorf("the built-in translations come first: %v", zh)
	}
	if len(Translations("指纹")) != 0 {
		t.Error("the general glossary is read backwards")
	}
	for _, bad := range []string{`{"words": {"Lock": ["锁"]}}`, `{"words": {"a b c": ["锁"]}}`, `{"words": {"lock": []}}`, `{"words": {"lock": [" "]}}`} {
		lx := Lexicon{}
		if err := MergeGlossary(&lx, []byte(bad)); err == nil || !strings.Contains(err.Error(), "glossary.words[") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
