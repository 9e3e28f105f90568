// Package lang is the language knowledge the offline planner reads: the words and
// phrases, in Chinese and English, that mark what a customer asks (a price, an
// order, a person, thanks). It is data (intents.json), not code, so that a new
// phrasing is an edit to a word list and a shop can add its own words
// (shop.Vocabulary.Intents) without a release. Nothing here names a product, a
// brand or a category: those come from each shop's catalogue.
package lang

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed intents.json
var intentsJSON []byte

// List is one named word list.
type List struct {
	About string   `json:"about"`
	ZH    []string `json:"zh"`
	EN    []string `json:"en"`
}

// Words is the list's Chinese then English words.
func (l List) Words() []string { return append(append([]string{}, l.ZH...), l.EN...) }

// Pattern is one named set of regular expressions (RE2), for what a word list
// cannot say: words in an order, at a distance, or at the end of a message.
type Pattern struct {
	About string   `json:"about"`
	Re    []string `json:"re"`

	compiled []*regexp.Regexp
}

// Lexicon is every word list and pattern by id.
type Lexicon struct {
	Lists    map[string]List     `json:"lists"`
	Patterns map[string]*Pattern `json:"patterns"`
	Glossary Glossary            `json:"glossary"`
}

// Glossary maps English words of product questions to the Chinese words
// descriptions use for them ("battery" → 电池, 续航), so a question in one
// language finds a description written in the other.
type Glossary struct {
	About string              `json:"about"`
	Words map[string][]string `json:"words"`
}

// maxWordRunes bounds an entry: a word or a short phrase, not a sentence.
const maxWordRunes = 40

// Parse reads and checks a lexicon: every list explained and non-empty, every
// entry a non-blank short phrase, English entries lower-case (they are matched
// against the lower-cased message).
func Parse(data []byte) (Lexicon, error) {
	var lx Lexicon
	if err := json.Unmarshal(data, &lx); err != nil {
		return lx, fmt.Errorf("lang: %w", err)
	}
	if len(lx.Lists) == 0 {
		return lx, fmt.Errorf("lang: no lists")
	}
	for _, id := range IDsOf(lx) {
		l := lx.Lists[id]
		if strings.TrimSpace(l.About) == "" {
			return lx, fmt.Errorf("lang: lists.%s.about: say what the list marks", id)
		}
		if len(l.ZH)+len(l.EN) == 0 {
			return lx, fmt.Errorf("lang: lists.%s: no words", id)
		}
		for path, ws := range map[string][]string{"zh": l.ZH, "en": l.EN} {
			for i, w := range ws {
				if err := CheckWord(w); err != nil {
					return lx, fmt.Errorf("lang: lists.%s.%s[%d]: %w", id, path, i, err)
				}
				if path == "en" && strings.ToLower(w) != w {
					return lx, fmt.Errorf("lang: lists.%s.en[%d]: %q must be lower-case", id, i, w)
				}
			}
		}
	}
	for id, p := range lx.Patterns {
		if p == nil || strings.TrimSpace(p.About) == "" || len(p.Re) == 0 {
			return lx, fmt.Errorf("lang: patterns.%s: about and re are required", id)
		}
		for i, src := range p.Re {
			re, err := regexp.Compile(src)
			if err != nil {
				return lx, fmt.Errorf("lang: patterns.%s.re[%d]: %w", id, i, err)
			}
			p.compiled = append(p.compiled, re)
		}
	}
	return lx, nil
}

// CheckWord: a word or short phrase, not blank, not a sentence.
func CheckWord(w string) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(w)); n == 0 || n > maxWordRunes {
		return fmt.Errorf("%q is not a word or short phrase (1–%d characters)", w, maxWordRunes)
	}
	if strings.TrimSpace(w) != w {
		return fmt.Errorf("%q has spaces around it", w)
	}
	return nil
}

// IDsOf is the lexicon's list ids, sorted.
func IDsOf(lx Lexicon) []string {
	ids := make([]string, 0, len(lx.Lists))
	for id := range lx.Lists {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

var (
	once    sync.Once
	builtin Lexicon
	err     error
)

// Builtin is the embedded lexicon. It is part of the build: the package's tests
// parse it, so a malformed file never ships, and a panic here is a build mistake.
func Builtin() Lexicon {
	once.Do(func() { builtin, err = Parse(intentsJSON) })
	if err != nil {
		panic(err)
	}
	return builtin
}

// Has reports whether the built-in lexicon has a list id (a shop may only extend
// lists that exist).
func Has(id string) bool {
	_, ok := Builtin().Lists[id]
	return ok
}

// IDs is the built-in list ids, sorted.
func IDs() []string { return IDsOf(Builtin()) }

// Regexps is the built-in pattern id's compiled expressions; an unknown id is a
// programming mistake.
func Regexps(id string) []*regexp.Regexp {
	p, ok := Builtin().Patterns[id]
	if !ok {
		panic(fmt.Sprintf("lang: no pattern %q", id))
	}
	return p.compiled
}

// Regexp is the built-in pattern id, which must be a single expression.
func Regexp(id string) *regexp.Regexp {
	res := Regexps(id)
	if len(res) != 1 {
		panic(fmt.Sprintf("lang: pattern %q has %d expressions, want 1", id, len(res)))
	}
	return res[0]
}

// Translations are the built-in glossary's Chinese words for an English word
// (lower-case), and its English words for a Chinese one.
func Translations(w string) []string {
	g := Builtin().Glossary.Words
	if zh, ok := g[w]; ok {
		return zh
	}
	glossOnce.Do(func() {
		back = map[string][]string{}
		for en, zhs := range g {
			for _, zh := range zhs {
				back[zh] = append(back[zh], en)
			}
		}
	})
	return back[w]
}

var (
	glossOnce sync.Once
	back      map[string][]string
)

// Words is the built-in list id's words; an unknown id is a programming mistake.
func Words(id string) []string {
	l, ok := Builtin().Lists[id]
	if !ok {
		panic(fmt.Sprintf("lang: no list %q", id))
	}
	return l.Words()
}
