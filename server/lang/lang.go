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
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed intents.json
var intentsJSON []byte

// glossaryJSON is the general shopping glossary, merged under intents.json's.
//
//go:embed glossary.json
var glossaryJSON []byte

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
	general Lexicon // builtin's glossary with glossary.json's merged under it
	err     error
)

// Builtin is the embedded lexicon. It is part of the build: the package's tests
// parse it, so a malformed file never ships, and a panic here is a build mistake.
func Builtin() Lexicon {
	once.Do(func() {
		if builtin, err = Parse(intentsJSON); err == nil {
			general = Lexicon{Glossary: Glossary{Words: maps.Clone(builtin.Glossary.Words)}}
			err = MergeGlossary(&general, glossaryJSON)
		}
	})
	if err != nil {
		panic(err)
	}
	return builtin
}

// MergeGlossary adds a glossary file's words ({"words": {"<english>": ["<中文>"]}})
// to lx's: a word both have keeps lx's translations first. Keys are lower-case
// English of one or two words, translations short phrases.
func MergeGlossary(lx *Lexicon, data []byte) error {
	var g Glossary
	if err := json.Unmarshal(data, &g); err != nil {
		return fmt.Errorf("lang: glossary: %w", err)
	}
	if lx.Glossary.Words == nil {
		lx.Glossary.Words = map[string][]string{}
	}
	for _, en := range slices.Sorted(maps.Keys(g.Words)) {
		if en != strings.ToLower(en) || strings.TrimSpace(en) != en || len(strings.Fields(en)) > 2 || en == "" {
			return fmt.Errorf("lang: glossary.words[%q]: a key is one or two lower-case English words", en)
		}
		zhs := g.Words[en]
		if len(zhs) == 0 {
			return fmt.Errorf("lang: glossary.words[%q]: no translation", en)
		}
		for i, zh := range zhs {
			if err := CheckWord(zh); err != nil {
				return fmt.Errorf("lang: glossary.words[%q][%d]: %w", en, i, err)
			}
			if !slices.Contains(lx.Glossary.Words[en], zh) {
				lx.Glossary.Words[en] = append(lx.Glossary.Words[en], zh)
			}
		}
	}
	return nil
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

// Chinese are the Chinese words for an English word or two (lower-case) of the
// built-in glossary and, after them, of the general one (glossary.json); nil for
// none. Translations reads the built-in glossary alone, both ways: the general
// one, thousands of words with several senses, is read from English only.
func Chinese(en string) []string {
	Builtin()
	return general.Glossary.Words[en]
}

// EnglishWords are the English keys of both glossaries, in no order.
func EnglishWords() []string {
	Builtin()
	return slices.Collect(maps.Keys(general.Glossary.Words))
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
