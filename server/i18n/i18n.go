// Package i18n picks the language of a message and holds the bot's own strings in
// Chinese and English. The strings live in message files (locales/<area>.<lang>.json,
// embedded in the plugin and loaded into a go-i18n bundle once at start); every
// customer- and staff-facing string goes through T so that a missing translation is a
// test failure, not a surprise in production.
package i18n

import (
	"fmt"
	"unicode"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
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

// literal takes a message as written: the files hold fmt templates (%s, %[2]d), not
// text/template ones, so a "{{" a translator types stays text.
var literal = template.IdentityParser{}

// T formats the message key in lang with fmt-style args; a language without the key
// falls back to English. An unknown key returns the key itself so a mistake is
// visible rather than silent (and TestKeysInCodeExist fails on it first).
func T(lang Lang, key string, args ...any) string {
	msg := catalogue.text(lang, key)
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// text is the unformatted message, the key itself when no language has it.
func (m *messages) text(lang Lang, key string) string {
	l := m.localizers[lang]
	if l == nil {
		l = m.localizers[EN]
	}
	msg, err := l.Localize(&goi18n.LocalizeConfig{MessageID: key, TemplateParser: literal})
	if msg == "" && err != nil {
		return key
	}
	return msg
}

// Both is the message in English and Chinese side by side, for the few places one
// text serves every user whatever their language: slash-command autocomplete, the
// bot's profile, an error before the user's language is known.
func Both(key string, args ...any) string {
	return T(EN, key, args...) + " / " + T(ZH, key, args...)
}

// Has reports whether key is in the catalogue (in English, which every key is).
func Has(key string) bool { return catalogue.has[EN][key] }

// Keys lists the keys of a language, sorted (tests prove both catalogues match).
func Keys(lang Lang) []string {
	return append([]string(nil), catalogue.keys[lang]...)
}
