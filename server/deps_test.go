package main_test

// The package graph as a test, in the manner of Go's own src/go/build/deps_test.go:
// the allowed imports between the packages under server/ are a statement of policy,
// written once in docs/architecture.md (its ```deps block) and checked here against
// what `go list` says the code imports. The doc is parsed rather than copied so the
// picture people read and the rule the build enforces cannot drift apart.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

const (
	modulePath = "github.com/concierge-shop/concierge"
	serverPath = modulePath + "/server"
	rulesDoc   = "docs/architecture.md" // relative to the module root
)

// mattermostNames gives the Mattermost packages we allow by name in the rules. A
// Mattermost import not listed here fails the test: depending on another part of
// the server's public module is a design decision, to be written down first.
var mattermostNames = []struct{ prefix, name string }{
	{"github.com/mattermost/mattermost/server/public/model", "mattermost/model"},
	{"github.com/mattermost/mattermost/server/public/plugin", "mattermost/plugin"},
	{"github.com/mattermost/mattermost/server/public/pluginapi", "mattermost/plugin"},
	// The plugin RPC's database half: how the plugin reaches Mattermost's database.
	{"github.com/mattermost/mattermost/server/public/shared/driver", "mattermost/plugin"},
	// Mattermost's outgoing HTTP transport: its proxy and untrusted-connection settings.
	{"github.com/mattermost/mattermost/server/public/shared/httpservice", "mattermost/plugin"},
}

// ruleName maps an import path to its name in the rules. checked is false for the
// standard library and third-party modules other than Mattermost: go.mod is their gate.
func ruleName(importPath string) (name string, checked bool) {
	switch {
	case importPath == serverPath:
		return "server", true
	case strings.HasPrefix(importPath, serverPath+"/"):
		return strings.TrimPrefix(importPath, serverPath+"/"), true
	case strings.HasPrefix(importPath, modulePath+"/"):
		// e2e/… and the like: a server package has no business importing them,
		// and no rule can name them, so such an import always fails.
		return importPath, true
	}
	for _, m := range mattermostNames {
		if importPath == m.prefix || strings.HasPrefix(importPath, m.prefix+"/") {
			return m.name, true
		}
	}
	if strings.HasPrefix(importPath, "github.com/mattermost/") {
		return importPath, true
	}
	return "", false
}

func isExternalName(name string) bool {
	for _, m := range mattermostNames {
		if m.name == name {
			return true
		}
	}
	return false
}

// depsRules is the parsed rule text. inherit holds the "a < c" arrows (c may import a
// and all a may import); direct holds "a !< c" (c may import a, its importers may not).
type depsRules struct {
	inherit map[string][]string
	direct  map[string][]string
	placed  map[string]bool // every name on the right of a rule
	named   map[string]bool // every name anywhere in the rules
}

func parseDepsRules(text string) (*depsRules, error) {
	r := &depsRules{
		inherit: map[string][]string{}, direct: map[string][]string{},
		placed: map[string]bool{}, named: map[string]bool{},
	}
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		lines = append(lines, line)
	}
	stmts := strings.Split(strings.Join(lines, "\n"), ";")
	if last := strings.TrimSpace(stmts[len(stmts)-1]); last != "" {
		return nil, fmt.Errorf("rule %q does not end with ';'", last)
	}
	for _, stmt := range stmts[:len(stmts)-1] {
		stmt = strings.Join(strings.Fields(stmt), " ")
		op, into := "<", r.inherit
		if strings.Contains(stmt, "!<") {
			op, into = "!<", r.direct
		}
		parts := strings.Split(stmt, op)
		if len(parts) != 2 {
			return nil, fmt.Errorf("rule %q: want exactly one '<' or '!<'", stmt)
		}
		lhs, err := parseNameList(parts[0])
		if err != nil {
			return nil, fmt.Errorf("rule %q: %v", stmt, err)
		}
		rhs, err := parseNameList(parts[1])
		if err != nil {
			return nil, fmt.Errorf("rule %q: %v", stmt, err)
		}
		for _, c := range rhs {
			if c == "NONE" {
				return nil, fmt.Errorf("rule %q: NONE can only be on the left", stmt)
			}
			r.placed[c], r.named[c] = true, true
			for _, a := range lhs {
				if a == "NONE" {
					if len(lhs) > 1 || op != "<" {
						return nil, fmt.Errorf("rule %q: NONE stands alone before '<'", stmt)
					}
					continue
				}
				r.named[a] = true
				into[c] = append(into[c], a)
			}
		}
	}
	return r, nil
}

func parseNameList(s string) ([]string, error) {
	var names []string
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if n == "" || strings.ContainsAny(n, " \t") {
			return nil, fmt.Errorf("bad name list %q", strings.TrimSpace(s))
		}
		names = append(names, n)
	}
	return names, nil
}

// allowed is everything pkg may import: what it inherits through "<" plus its own "!<".
// The "<" order must be a partial order; a cycle in it is a mistake in the rules.
func (r *depsRules) allowed(pkg string) (map[string]bool, error) {
	memo := map[string]map[string]bool{}
	visiting := map[string]bool{}
	var inh func(p string) (map[string]bool, error)
	inh = func(p string) (map[string]bool, error) {
		if m, ok := memo[p]; ok {
			return m, nil
		}
		if visiting[p] {
			return nil, fmt.Errorf("the rules have a cycle through %s", p)
		}
		visiting[p] = true
		m := map[string]bool{}
		for _, a := range r.inherit[p] {
			m[a] = true
			below, err := inh(a)
			if err != nil {
				return nil, err
			}
			for b := range below {
				m[b] = true
			}
		}
		visiting[p], memo[p] = false, m
		return m, nil
	}
	m, err := inh(pkg)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for a := range m {
		out[a] = true
	}
	for _, a := range r.direct[pkg] {
		out[a] = true
	}
	return out, nil
}

// checkGraph compares a graph (rule name of each package → its import paths) with the
// rules and returns one line per violation, sorted so failures read the same each run.
func checkGraph(graph map[string][]string, r *depsRules) []string {
	var bad []string
	for pkg, imports := range graph {
		if !r.placed[pkg] {
			bad = append(bad, fmt.Sprintf("package %s is in no rule: place it in the order in %s", pkg, rulesDoc))
			continue
		}
		ok, err := r.allowed(pkg)
		if err != nil {
			return []string{err.Error()}
		}
		for _, imp := range imports {
			name, checked := ruleName(imp)
			if checked && !ok[name] {
				bad = append(bad, fmt.Sprintf("%s imports %s, which the rules in %s do not allow", pkg, imp, rulesDoc))
			}
		}
	}
	for name := range r.named {
		if _, ok := graph[name]; !ok && !isExternalName(name) {
			bad = append(bad, fmt.Sprintf("the rules name %s, which is no package under server/", name))
		}
	}
	sort.Strings(bad)
	return bad
}

// readRulesBlock returns the body of the first ```deps fenced block of the doc.
func readRulesBlock(doc string) (string, error) {
	var body []string
	in, found := false, false
	sc := bufio.NewScanner(strings.NewReader(doc))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && !found && strings.TrimSpace(line) == "```deps":
			in, found = true, true
		case in && strings.TrimSpace(line) == "```":
			return strings.Join(body, "\n"), nil
		case in:
			body = append(body, line)
		}
	}
	if found {
		return "", errors.New("the ```deps block is not closed")
	}
	return "", errors.New("no ```deps block")
}

// listGraph asks the go command for the imports of every package under server/. It
// lists with and without the `ne` tag the shipped binary is built with, and merges
// them, so an import behind either build is checked.
func listGraph(t *testing.T, moduleRoot string) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	for _, tags := range []string{"", "ne"} {
		cmd := exec.Command("go", "list", "-e", "-tags", tags, "-json=ImportPath,Imports,Error", "./server/...")
		cmd.Dir = moduleRoot
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, stderr.String())
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for {
			var p struct {
				ImportPath string
				Imports    []string
				Error      *struct{ Err string }
			}
			if err := dec.Decode(&p); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("go list output: %v", err)
			}
			if p.Error != nil {
				t.Fatalf("go list %s: %s", p.ImportPath, p.Error.Err)
			}
			name, _ := ruleName(p.ImportPath)
			for _, imp := range p.Imports {
				if !slices.Contains(graph[name], imp) {
					graph[name] = append(graph[name], imp)
				}
			}
			if graph[name] == nil {
				graph[name] = []string{} // a package with no imports is still a package
			}
		}
	}
	if len(graph) < 10 {
		// a wrong directory or pattern would list nothing and pass vacuously
		t.Fatalf("go list found only %d packages under server/", len(graph))
	}
	return graph
}

// TestPackageGraph is the rule itself: the real imports against docs/architecture.md.
func TestPackageGraph(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join(root, rulesDoc))
	if err != nil {
		t.Fatal(err)
	}
	text, err := readRulesBlock(string(doc))
	if err != nil {
		t.Fatalf("%s: %v", rulesDoc, err)
	}
	rules, err := parseDepsRules(text)
	if err != nil {
		t.Fatalf("%s: %v", rulesDoc, err)
	}
	for _, line := range checkGraph(listGraph(t, root), rules) {
		t.Error(line)
	}
}
