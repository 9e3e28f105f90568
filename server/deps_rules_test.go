package main_test

// The checker of deps_test.go must itself be able to fail: a bug that made every
// graph pass would turn TestPackageGraph into a test that proves nothing. These
// cases feed it small made-up graphs with the faults it exists to catch.

import (
	"strings"
	"testing"
)

const testRules = `
# a leaf, a middle layer, a root
NONE < leaf;
leaf < mid;   # mid may import leaf
mid < root;   # root may import mid and, through it, leaf
mattermost/model !< mid;
`

func sp(name string) string { return serverPath + "/" + name }

func TestDepsCheckerCatches(t *testing.T) {
	rules, err := parseDepsRules(testRules)
	if err != nil {
		t.Fatal(err)
	}
	good := map[string][]string{
		"leaf": {"fmt", "github.com/blevesearch/bleve/v2"},
		"mid":  {sp("leaf"), "github.com/mattermost/mattermost/server/public/model"},
		"root": {sp("mid"), sp("leaf")},
	}
	if bad := checkGraph(good, rules); len(bad) != 0 {
		t.Fatalf("a graph that keeps the rules fails: %v", bad)
	}

	cases := []struct {
		name  string
		edit  func(g map[string][]string)
		wants string
	}{
		{"import against the order", func(g map[string][]string) {
			g["leaf"] = append(g["leaf"], sp("mid"))
		}, "leaf imports " + sp("mid")},
		{"!< is not inherited", func(g map[string][]string) {
			g["root"] = append(g["root"], "github.com/mattermost/mattermost/server/public/model")
		}, "root imports github.com/mattermost/mattermost/server/public/model"},
		{"a Mattermost package with no name", func(g map[string][]string) {
			g["mid"] = append(g["mid"], "github.com/mattermost/mattermost/server/public/shared/mlog")
		}, "mid imports github.com/mattermost/mattermost/server/public/shared/mlog"},
		{"a package no rule places", func(g map[string][]string) {
			g["newpkg"] = nil
		}, "package newpkg is in no rule"},
		{"a rule naming a package that is gone", func(g map[string][]string) {
			delete(g, "leaf")
			g["mid"] = []string{}
		}, "the rules name leaf"},
		{"the root itself is checked", func(g map[string][]string) {
			g["leaf"] = append(g["leaf"], serverPath)
		}, "leaf imports " + serverPath},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := map[string][]string{}
			for k, v := range good {
				g[k] = append([]string(nil), v...)
			}
			c.edit(g)
			bad := checkGraph(g, rules)
			if len(bad) != 1 || !strings.Contains(bad[0], c.wants) {
				t.Fatalf("want one failure containing %q, got %q", c.wants, bad)
			}
		})
	}
}

func TestDepsRulesSyntax(t *testing.T) {
	for _, text := range []string{
		"a < b",        // no ';'
		"a b < c;",     // a space inside a name
		"a < ;",        // empty right side
		"a < b < c;",   // two operators
		"NONE, a < b;", // NONE not alone
		"a < NONE;",    // NONE on the right
		"NONE !< a;",   // NONE with !<
		"a, , b < c;",  // empty name
	} {
		if _, err := parseDepsRules(text); err == nil {
			t.Errorf("parseDepsRules(%q) accepted bad rules", text)
		}
	}
	cyclic, err := parseDepsRules("a < b; b < a;")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cyclic.allowed("a"); err == nil {
		t.Error("a cycle in the order was not reported")
	}
	if _, err := readRulesBlock("text\n```deps\nNONE < a;\n"); err == nil {
		t.Error("an unclosed ```deps block was accepted")
	}
	body, err := readRulesBlock("x\n```go\nno\n```\n```deps\nNONE < a;\n```\n```deps\nlater;\n```\n")
	if err != nil || body != "NONE < a;" {
		t.Errorf("readRulesBlock = %q, %v; want the first deps block", body, err)
	}
}
