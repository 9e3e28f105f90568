package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The message files: locales/<area>.<lang>.json, one flat JSON object of key →
// message per area and language, every key of <area>.*. How to add one: README.md.
//
//go:embed locales/*.json
var localeFiles embed.FS

// catalogue is loaded once, when the package initialises: the files are compiled in,
// so a bad one is a programming error that every test of every package reports.
var catalogue = mustLoad(localeFiles, "locales")

// messages is a loaded catalogue: a localizer per language over one bundle, and the
// keys each language has.
type messages struct {
	localizers map[Lang]*goi18n.Localizer
	keys       map[Lang][]string
	has        map[Lang]map[string]bool
}

func mustLoad(fsys fs.FS, dir string) *messages {
	m, err := load(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("i18n: %v", err))
	}
	return m
}

// load parses every <area>.<lang>.json in dir into one bundle. Besides what go-i18n
// checks (valid JSON, an object of messages), it rejects what would go wrong quietly
// later: a language other than zh and en, a key outside its file's area (so two files
// cannot hold the same key and one silently win), an empty message, plural forms
// (T formats with fmt, it never picks a plural form) and a language without files.
func load(fsys fs.FS, dir string) (*messages, error) {
	bundle := goi18n.NewBundle(language.English)
	m := &messages{
		localizers: map[Lang]*goi18n.Localizer{},
		keys:       map[Lang][]string{},
		has:        map[Lang]map[string]bool{},
	}
	files, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("list message files: %w", err)
	}
	for _, name := range files {
		area, lang, err := splitName(path.Base(name))
		if err != nil {
			return nil, err
		}
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		mf, err := bundle.ParseMessageFileBytes(buf, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		if m.has[lang] == nil {
			m.has[lang] = map[string]bool{}
		}
		for _, msg := range mf.Messages {
			if err := checkMessage(area, msg); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			m.has[lang][msg.ID] = true
			m.keys[lang] = append(m.keys[lang], msg.ID)
		}
	}
	for _, lang := range []Lang{EN, ZH} {
		if len(m.keys[lang]) == 0 {
			return nil, fmt.Errorf("no messages in %s for %s", dir, lang)
		}
		slices.Sort(m.keys[lang])
		m.localizers[lang] = goi18n.NewLocalizer(bundle, string(lang))
	}
	return m, nil
}

// splitName reads "agent.zh.json" as area "agent", language zh.
func splitName(base string) (area string, lang Lang, err error) {
	parts := strings.Split(strings.TrimSuffix(base, ".json"), ".")
	if len(parts) != 2 || parts[0] == "" {
		return "", "", fmt.Errorf("message file %s: want <area>.<lang>.json", base)
	}
	switch Lang(parts[1]) {
	case EN, ZH:
		return parts[0], Lang(parts[1]), nil
	}
	return "", "", fmt.Errorf("message file %s: language %q is neither zh nor en", base, parts[1])
}

func checkMessage(area string, msg *goi18n.Message) error {
	switch {
	case !strings.HasPrefix(msg.ID, area+"."):
		return fmt.Errorf("key %q is outside area %q (keys of this file start with %q)", msg.ID, area, area+".")
	case strings.TrimSpace(msg.Other) == "":
		return fmt.Errorf("key %q has an empty message", msg.ID)
	case msg.Zero != "" || msg.One != "" || msg.Two != "" || msg.Few != "" || msg.Many != "":
		return fmt.Errorf("key %q has plural forms; write one fmt message instead", msg.ID)
	}
	return nil
}
