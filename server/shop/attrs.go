package shop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// Attr is one sku attribute, e.g. color=white.
type Attr struct {
	Name  string
	Value string
}

// Attrs are a sku's attributes, sorted by name, names unique. In JSON they are an
// object of strings, exactly as a map[string]string was: a map cost about 300 bytes
// a sku, a short slice a tenth of that, and decoding shares one slice between every
// sku with the same attributes. Attrs are therefore read-only: never assign to an
// element of one taken from a catalog.
type Attrs []Attr

var attrsType = reflect.TypeFor[Attrs]()

// AttrsOf builds Attrs from a map (tests, generators, hand-made catalogs).
func AttrsOf(m map[string]string) Attrs {
	if m == nil {
		return nil
	}
	a := make(Attrs, 0, len(m))
	for k, v := range m {
		a = append(a, Attr{k, v})
	}
	slices.SortFunc(a, func(x, y Attr) int { return strings.Compare(x.Name, y.Name) })
	return a
}

// Get returns the value of the named attribute, or "" if there is none.
func (a Attrs) Get(name string) string {
	for _, x := range a {
		if x.Name == name {
			return x.Value
		}
	}
	return ""
}

// All yields every attribute as name, value, in name order.
func (a Attrs) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, x := range a {
			if !yield(x.Name, x.Value) {
				return
			}
		}
	}
}

// MarshalJSON writes the object a map[string]string would: keys sorted, strings
// escaped as encoding/json does. '<', '>' and '&' are left for encoding/json, which
// escapes them in a Marshaler's output unless the Encoder was told not to.
func (a Attrs) MarshalJSON() ([]byte, error) {
	if a == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 2+len(a)*24)
	b = append(b, '{')
	for i, x := range a {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, x.Name)
		b = append(b, ':')
		b = appendJSONString(b, x.Value)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads an object of strings as encoding/json reads it into a
// map[string]string: null leaves nil, a null value is "", a repeated name keeps its
// last value. Any other value is refused; the decoder's walker then reports it with
// its path (decode_walk.go).
func (a *Attrs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*a = nil
		return nil
	}
	// Names and values are cut from one copy of the text: one allocation rather
	// than two a pair (decoding interns them right after, see intern.go).
	p := attrParser{b: b, s: string(b)}
	if !p.take('{') {
		return &json.UnmarshalTypeError{Value: "non-object", Type: attrsType}
	}
	out := make(Attrs, 0, 4)
	for p.space(); !p.take('}'); p.space() {
		if len(out) > 0 && !p.take(',') {
			return p.syntax()
		}
		p.space()
		name, err := p.str()
		if err != nil {
			return err
		}
		p.space()
		if !p.take(':') {
			return p.syntax()
		}
		p.space()
		var val string
		if bytes.HasPrefix(p.b[p.i:], []byte("null")) {
			p.i += len("null")
		} else if val, err = p.str(); err != nil {
			return err
		}
		out = append(out, Attr{name, val})
	}
	*a = normalizeAttrs(out)
	return nil
}

// normalizeAttrs sorts by name and keeps the last of repeated names.
func normalizeAttrs(a Attrs) Attrs {
	slices.SortStableFunc(a, func(x, y Attr) int { return strings.Compare(x.Name, y.Name) })
	out := a[:0]
	for _, x := range a {
		if n := len(out); n > 0 && out[n-1].Name == x.Name {
			out[n-1] = x
			continue
		}
		out = append(out, x)
	}
	return out
}

// attrParser reads the flat object UnmarshalJSON gets; encoding/json has already
// checked its syntax, so errors here only guard direct calls.
type attrParser struct {
	b []byte
	s string // the same text
	i int
}

func (p *attrParser) space() {
	for p.i < len(p.b) && strings.IndexByte(" \t\r\n", p.b[p.i]) >= 0 {
		p.i++
	}
}

func (p *attrParser) take(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *attrParser) syntax() error {
	return fmt.Errorf("attributes: malformed object at byte %d", p.i)
}

// str reads a string. Plain text is copied as is; text with escapes or invalid
// UTF-8 goes through encoding/json, so that surrogate pairs and replacement
// characters come out exactly as they would in a map.
func (p *attrParser) str() (string, error) {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", &json.UnmarshalTypeError{Value: "non-string", Type: reflect.TypeFor[string]()}
	}
	start, plain := p.i, true
	for p.i++; p.i < len(p.b); p.i++ {
		switch p.b[p.i] {
		case '\\':
			plain = false
			p.i++
		case '"':
			p.i++
			if body := p.s[start+1 : p.i-1]; plain && utf8.ValidString(body) {
				return body, nil
			}
			var s string
			err := json.Unmarshal(p.b[start:p.i], &s)
			return s, err
		}
	}
	return "", p.syntax()
}

// appendJSONString quotes s as encoding/json does with HTML escaping off: control
// characters, quotes, backslashes, U+2028/U+2029 escaped, invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
