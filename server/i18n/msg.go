package i18n

import (
	"errors"
	"time"
)

// Msg is a sentence not yet put into words: a catalogue key and its fmt arguments.
// The domain packages return Msgs (notes, statuses, refusals, errors) and never pick
// a language; the layer that shows the text to a person knows the reader's language
// and words it there with In. An argument that is itself a Msg (an order status
// inside a refusal) is worded in the same language as the sentence around it.
type Msg struct {
	Key  string
	Args []any
}

// M is the Msg of key with args.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In words m in lang (T's rules: English when lang lacks the key). The zero Msg is "".
func (m Msg) In(lang Lang) string {
	if m.Key == "" {
		return ""
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Msg:
			a = v.In(lang)
		case Deadline:
			a = Until(lang, time.Time(v))
		}
		args[i] = a
	}
	return T(lang, m.Key, args...)
}

// Deadline is a message argument told as the end of a validity (Until) in the
// reader's language: "2026年12月15日 24:00", "end of Dec 15, 2026 (midnight)".
type Deadline time.Time

// IsZero reports whether m holds no sentence.
func (m Msg) IsZero() bool { return m.Key == "" }

// Message returns m itself, so that a type embedding a Msg (an error) is a Texter.
func (m Msg) Message() Msg { return m }

// Texter is a value — typically an error — that carries a sentence for a person.
// errors.As(err, &t) with a Texter t finds it anywhere in an error's chain.
type Texter interface{ Message() Msg }

// Texts words every Msg of ms in lang; never nil, so a JSON list stays [].
func Texts(ms []Msg, lang Lang) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.In(lang)
	}
	return out
}

// ErrorText is err as a person reads it in lang: the sentence it carries when it is
// (or wraps) a Texter — without the wrapping context, which is for logs — else
// err.Error().
func ErrorText(err error, lang Lang) string {
	var t Texter
	if errors.As(err, &t) && !t.Message().IsZero() {
		return t.Message().In(lang)
	}
	return err.Error()
}
