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
