package shop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// walkValue decodes raw into dst token by token, guided by dst's Go type, and
// records every unknown field and every value of the wrong JSON type under its full
// path (encoding/json stops at the first, and names neither array indexes nor
// unknown fields' places). Values it cannot decode are left zero; everything else
// is kept, so the semantic checks still see the rest of the element.
//
// It is the slow path: decodeElem calls it only for an element encoding/json
// refused. raw is one complete, syntactically valid JSON value.
func walkValue(raw []byte, path string, dst any, col *collector) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	w := walker{dec: dec, col: col}
	return w.walk(path, reflect.ValueOf(dst).Elem())
}

type walker struct {
	dec *json.Decoder
	col *collector
}

var timeType = reflect.TypeFor[time.Time]()

func (w *walker) walk(path string, v reflect.Value) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	return w.value(path, v, tok)
}

// value decodes the value that starts with tok into v.
func (w *walker) value(path string, v reflect.Value, tok json.Token) error {
	if tok == nil {
		return nil // null leaves the zero value, as in encoding/json
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		before := w.col.count()
		if err := w.value(path, p.Elem(), tok); err != nil {
			return err
		}
		if w.col.count() == before { // a bad value stays absent rather than zero
			v.Set(p)
		}
		return nil
	case t == attrsType:
		return w.attrs(path, v, tok)
	case t == timeType:
		s, ok := tok.(string)
		if !ok {
			return w.mismatch(path, term("shop.type.timestamp"), tok)
		}
		var ts time.Time
		if err := ts.UnmarshalText([]byte(s)); err != nil {
			w.col.structural(path, "shop.json.timestamp", s)
			return nil
		}
		v.Set(reflect.ValueOf(ts))
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return w.object(path, v, tok)
	case reflect.Slice:
		return w.array(path, v, tok)
	case reflect.Map:
		return w.mapping(path, v, tok)
	case reflect.String:
		s, ok := tok.(string)
		if !ok {
			return w.mismatch(path, term("shop.type.string"), tok)
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := tok.(bool)
		if !ok {
			return w.mismatch(path, term("shop.type.true_false"), tok)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return w.mismatch(path, term("shop.type.whole"), tok)
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		switch {
		case err == nil && !v.OverflowInt(i):
			v.SetInt(i)
		case strings.ContainsAny(string(n), ".eE"):
			w.col.structural(path, "shop.json.whole", string(n))
		default:
			w.col.structural(path, "shop.json.range", string(n))
		}
	default:
		// Only reached if a shop type gains a field of a kind added here later.
		w.col.structural(path, "shop.json.go_type", t.String())
		return w.skipAfter(tok)
	}
	return nil
}

// mismatch records a value of the wrong JSON type and consumes the rest of it.
func (w *walker) mismatch(path string, want term, tok json.Token) error {
	w.col.structural(path, "shop.json.expected", want, describe(tok))
	return w.skipAfter(tok)
}

// skipAfter consumes the rest of a value whose first token was tok.
func (w *walker) skipAfter(tok json.Token) error {
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		return skipRest(w.dec)
	}
	return nil
}

func (w *walker) object(path string, v reflect.Value, tok json.Token) error {
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return w.mismatch(path, term("shop.type.object"), tok)
	}
	for w.dec.More() {
		kt, err := w.dec.Token()
		if err != nil {
			return err
		}
		key := kt.(string)
		sub := key
		if path != "" {
			sub = path + "." + key
		}
		idx, ok := fieldIndex(v.Type(), key)
		if !ok {
			w.col.structural(sub, "shop.json.unknown")
			first, err := w.dec.Token()
			if err != nil {
				return err
			}
			if err := w.skipAfter(first); err != nil {
				return err
			}
			continue
		}
		if err := w.walk(sub, v.Field(idx)); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // '}'
	return err
}

func (w *walker) array(path string, v reflect.Value, tok json.Token) error {
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return w.mismatch(path, term("shop.type.array"), tok)
	}
	v.SetLen(0)
	for i := 0; w.dec.More(); i++ {
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		if err := w.walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i)); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // ']'
	return err
}

// attrs decodes sku attributes as mapping would decode them into a map[string]string.
func (w *walker) attrs(path string, v reflect.Value, tok json.Token) error {
	m := map[string]string{}
	if err := w.mapping(path, reflect.ValueOf(&m).Elem(), tok); err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		v.Set(reflect.ValueOf(AttrsOf(m)))
	}
	return nil
}

// mapping decodes an object with string keys.
func (w *walker) mapping(path string, v reflect.Value, tok json.Token) error {
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return w.mismatch(path, term("shop.type.object"), tok)
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for w.dec.More() {
		kt, err := w.dec.Token()
		if err != nil {
			return err
		}
		key := kt.(string)
		elem := reflect.New(v.Type().Elem()).Elem()
		before := w.col.count()
		if err := w.walk(path+"."+key, elem); err != nil {
			return err
		}
		if w.col.count() == before {
			v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
		}
	}
	_, err := w.dec.Token() // '}'
	return err
}

// fieldIndex finds the struct field for a JSON key the way encoding/json does:
// an exact tag match first, else a case-insensitive one.
func fieldIndex(t reflect.Type, key string) (int, bool) {
	fold := -1
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return i, true
		}
		if fold < 0 && strings.EqualFold(name, key) {
			fold = i
		}
	}
	return fold, fold >= 0
}
