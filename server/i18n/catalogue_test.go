package i18n

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// Every key the server's code names as a string literal is in the catalogue: a typo
// or a key dropped from the files fails here, not in front of a customer. A literal
// counts as a key when it starts with an area of the catalogue ("agent.", "cmd.") and
// is not a prefix the code completes ("commerce.status."+s, "csat.star"+n).
func TestKeysInCodeExist(t *testing.T) {
	areas := map[string]bool{}
	for _, k := range Keys(EN) {
		a, _, _ := strings.Cut(k, ".")
		areas[a] = true
	}
	keyLike := regexp.MustCompile(`^([a-z]+)\.[a-z0-9_.]*[a-z0-9_]$`)
	found := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		prefixes := map[*ast.BasicLit]bool{} // "csat.star"+n: the start of a key
		ast.Inspect(f, func(n ast.Node) bool {
			if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.ADD {
				if lit, ok := b.X.(*ast.BasicLit); ok {
					prefixes[lit] = true
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || prefixes[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			if m := keyLike.FindStringSubmatch(s); m != nil && areas[m[1]] {
				found++
				if !Has(s) {
					t.Errorf("%s: key %q is not in the catalogue (locales/%s.*.json)", p, s, m[1])
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 200 { // the code names several hundred keys; fewer means the walk missed it
		t.Fatalf("only %d keys found in the code: is the walk rooted at server/?", found)
	}
}

// The verbs of a message in both languages take the same arguments the same way:
// the same count, and argument by argument the same kind (%s and %q both print a
// string; %[2]d in Chinese is the second argument, as %d in second place in English).
func TestVerbsAgree(t *testing.T) {
	for _, k := range Keys(EN) {
		en, zh := verbs(T(EN, k)), verbs(T(ZH, k))
		if len(en) != len(zh) {
			t.Errorf("%s: English takes %d arguments %v, Chinese %d %v", k, len(en), en, len(zh), zh)
			continue
		}
		for i := range en {
			if en[i] != zh[i] {
				t.Errorf("%s: argument %d is %%%c in English, %%%c in Chinese", k, i+1, en[i], zh[i])
			}
		}
	}
}

func TestVerbs(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                "",
		"100%% sure":           "",
		"%s has %d":            "sd",
		"%q and %-5d, %.2f":    "sdf",
		"%[2]s 的 %[1]d":        "ds",
		"%[2]s then %s":        "?ss", // the unnamed first argument is a mistake verbs shows
		"%v":                   "v",
		"**%s**: %+v (%#x)":    "svx",
		"%*d":                  "*d",
		"%s %[1]s":             "s",
		"%[1]s then %[1]q, %d": "sd",
	} {
		if got := string(verbs(in)); got != want {
			t.Errorf("verbs(%q) = %q, want %q", in, got, want)
		}
	}
}

// verbs lists, per argument, the kind of verb that prints it: 's' for %s and %q, '?'
// for an argument no verb uses.
func verbs(msg string) []byte {
	var out []byte
	set := func(i int, v byte) {
		for len(out) <= i {
			out = append(out, '?')
		}
		out[i] = v
	}
	arg := 0
	for i := 0; i < len(msg); i++ {
		if msg[i] != '%' {
			continue
		}
		i++
		for i < len(msg) && strings.IndexByte("+-# 0", msg[i]) >= 0 {
			i++
		}
		for i < len(msg) && (msg[i] >= '0' && msg[i] <= '9' || msg[i] == '.') {
			i++
		}
		if i < len(msg) && msg[i] == '*' {
			set(arg, '*')
			arg++
			i++
		}
		if i < len(msg) && msg[i] == '[' {
			end := strings.IndexByte(msg[i:], ']')
			if n, err := strconv.Atoi(msg[i+1 : i+end]); end > 0 && err == nil {
				arg = n - 1
			}
			i += end + 1
		}
		if i >= len(msg) || msg[i] == '%' {
			continue
		}
		v := msg[i]
		if v == 'q' {
			v = 's'
		}
		set(arg, v)
		arg++
	}
	return out
}

// The files are in one form, the one encoding/json writes (keys sorted, two-space
// indent, no duplicate key): a duplicated key would otherwise let the later one win
// silently, and sorted files merge without conflicts.
func TestFilesCanonical(t *testing.T) {
	files, err := fs.Glob(localeFiles, "locales/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no message files: %v", err)
	}
	for _, name := range files {
		raw, err := fs.ReadFile(localeFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw, b.Bytes()) {
			t.Errorf("%s: not in canonical form (keys sorted, no key twice, two-space indent, final newline); %s",
				name, firstDiff(raw, b.Bytes()))
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + strconv.Itoa(i+1) + " is " + strconv.Quote(g[i]) + ", want " + strconv.Quote(w[i])
		}
	}
	return "the files differ in length: " + strconv.Itoa(len(g)) + " lines, want " + strconv.Itoa(len(w))
}

// A well-formed set of files loads; a language missing a key falls back to English;
// an unknown key comes back as itself.
func TestLoad(t *testing.T) {
	m, err := load(fstest.MapFS{
		"l/demo.en.json": {Data: []byte(`{"demo.hi": "Hi %s", "demo.only_en": "English only"}`)},
		"l/demo.zh.json": {Data: []byte(`{"demo.hi": "你好 %s"}`)},
	}, "l")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang      Lang
		key, want string
	}{{ZH, "demo.hi", "你好 %s"}, {EN, "demo.hi", "Hi %s"}, {ZH, "demo.only_en", "English only"}, {ZH, "demo.nope", "demo.nope"}} {
		if got := m.text(c.lang, c.key); got != c.want {
			t.Errorf("text(%s, %s) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	if got := strings.Join(m.keys[ZH], ","); got != "demo.hi" {
		t.Errorf("zh keys %s", got)
	}
}

// A malformed file is refused with its name, and at package start that is a panic,
// so a bad file fails every test of every package that uses the catalogue.
func TestLoadRejects(t *testing.T) {
	good := []byte(`{"demo.hi": "Hi"}`)
	for name, files := range map[string]map[string]string{
		"not JSON":          {"demo.en.json": `{"demo.hi": "Hi",}`},
		"a single value":    {"demo.en.json": `"Hi"`},
		"key outside area":  {"demo.en.json": `{"other.hi": "Hi"}`},
		"empty message":     {"demo.en.json": `{"demo.hi": " "}`},
		"null message":      {"demo.en.json": `{"demo.hi": null}`},
		"plural forms":      {"demo.en.json": `{"demo.hi": {"one": "a hi", "other": "%d hi"}}`},
		"unknown language":  {"demo.fr.json": string(good)},
		"no language":       {"demo.json": string(good)},
		"no area":           {"en.json": string(good)},
		"a language absent": {"demo.en.json": string(good)},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for f, data := range files {
				fsys["l/"+f] = &fstest.MapFile{Data: []byte(data)}
			}
			if _, ok := files["demo.zh.json"]; !ok && name != "a language absent" {
				fsys["l/demo.zh.json"] = &fstest.MapFile{Data: good}
			}
			if _, err := load(fsys, "l"); err == nil {
				t.Fatal("loaded")
			}
			defer func() {
				if recover() == nil {
					t.Error("mustLoad did not panic")
				}
			}()
			mustLoad(fsys, "l")
		})
	}
}

// The embedded files are the ones in the source tree (go:embed reads them at build
// time; this guards against a file the pattern does not match, such as a .JSON).
func TestEveryFileEmbedded(t *testing.T) {
	disk, err := os.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	embedded, _ := fs.Glob(localeFiles, "locales/*")
	n := 0
	for _, e := range disk {
		if filepath.Ext(e.Name()) != ".md" {
			n++
		}
	}
	if n != len(embedded) {
		t.Errorf("%d message files in locales/, %d embedded", n, len(embedded))
	}
}
