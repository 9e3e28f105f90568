// Package i18n picks the language of a message and holds the bot's own strings in
// Chinese and English. Every customer- and staff-facing string goes through T so
// that a missing translation is a test failure, not a surprise in production.
package i18n

import (
	"fmt"
	"unicode"
)

// Lang is "zh" or "en".
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Detect returns the language a customer wrote in. Any Han character makes it
// Chinese: "38码 running shoes" is a Chinese speaker quoting an English name, while
// an English speaker rarely types Han characters.
func Detect(text string) Lang {
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			return ZH
		}
	}
	return EN
}

// FromLocale maps a Mattermost user locale ("zh-CN", "en") to a Lang.
func FromLocale(locale string) Lang {
	if len(locale) >= 2 && locale[:2] == "zh" {
		return ZH
	}
	return EN
}

// Parse reads a lang value from data ("zh", "en", else EN).
func Parse(s string) Lang {
	if s == string(ZH) {
		return ZH
	}
	return EN
}

var catalogs = map[Lang]map[string]string{}

// register adds a set of strings; each package-level file of messages calls it in init.
func register(lang Lang, msgs map[string]string) {
	if catalogs[lang] == nil {
		catalogs[lang] = map[string]string{}
	}
	for k, v := range msgs {
		if _, dup := catalogs[lang][k]; dup {
			panic("i18n: duplicate key " + k)
		}
		catalogs[lang][k] = v
	}
}

// T formats the message key in lang with fmt-style args. An unknown key returns the
// key itself so a mistake is visible rather than silent.
func T(lang Lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		msg, ok = catalogs[EN][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Keys lists the keys of a language (used by tests to prove both catalogs match).
func Keys(lang Lang) []string {
	out := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		out = append(out, k)
	}
	return out
}
