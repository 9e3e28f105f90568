package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// A tool's arguments are a Go struct, and both the JSON Schema the model sees and
// the checks a call's arguments pass are read from that struct's tags, so the two
// cannot drift apart (a schema promising "minimum 1" that the code never checks,
// or a check the model was never told of):
//
//	json:"name"        the argument's name (every field needs one)
//	desc:"…"           its description for the model
//	required:"true"    it must be present and not blank
//	enum:"a,b,c"       one of these strings
//	minimum:"1"        an integer at least this
//	minItems / maxItems  bounds on an array's length
//
// Fields are strings, integers, slices of those, or slices of such structs.

// schemaOf builds the closed JSON Schema object of an arguments struct type.
func schemaOf(t reflect.Type) json.RawMessage {
	b, err := json.Marshal(objectSchema(t))
	if err != nil {
		panic(fmt.Sprintf("agent: schema of %s: %v", t, err)) // a programming error, caught by every test run
	}
	return b
}

func objectSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		name := argName(f)
		props[name] = fieldSchema(f)
		if f.Tag.Get("required") == "true" {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func fieldSchema(f reflect.StructField) map[string]any {
	s := typeSchema(f.Type)
	if d := f.Tag.Get("desc"); d != "" {
		s["description"] = d
	}
	if e := f.Tag.Get("enum"); e != "" {
		s["enum"] = strings.Split(e, ",")
	}
	for _, k := range []string{"minimum", "minItems", "maxItems"} {
		if v := f.Tag.Get(k); v != "" {
			s[k] = mustInt(f, k, v)
		}
	}
	return s
}

func typeSchema(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Struct:
		return objectSchema(t)
	}
	panic(fmt.Sprintf("agent: tool argument type %s has no schema", t))
}

func argName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" || name == "-" {
		panic(fmt.Sprintf("agent: tool argument field %s has no json name", f.Name))
	}
	return name
}

func mustInt(f reflect.StructField, key, v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		panic(fmt.Sprintf("agent: tool argument %s: %s:%q is not an integer", f.Name, key, v))
	}
	return n
}

// checkArgs enforces on decoded arguments what their schema promised; the
// problem is named by its path ("items[1].qty must be at least 1").
func checkArgs(v any) error {
	return checkStruct(reflect.ValueOf(v).Elem(), "")
}

func checkStruct(v reflect.Value, prefix string) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if err := checkField(f, v.Field(i), prefix+argName(f)); err != nil {
			return err
		}
	}
	return nil
}

func checkField(f reflect.StructField, v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.String:
		s := strings.TrimSpace(v.String())
		if f.Tag.Get("required") == "true" && s == "" {
			return badArgs("%s is required", path)
		}
		if e := f.Tag.Get("enum"); e != "" && s != "" && !slices.Contains(strings.Split(e, ","), s) {
			return badArgs("%s must be one of %s", path, strings.ReplaceAll(e, ",", ", "))
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		if m := f.Tag.Get("minimum"); m != "" && v.Int() < mustInt(f, "minimum", m) {
			return badArgs("%s must be at least %s", path, m)
		}
	case reflect.Slice:
		return checkSlice(f, v, path)
	}
	return nil
}

func checkSlice(f reflect.StructField, v reflect.Value, path string) error {
	n := v.Len()
	if f.Tag.Get("required") == "true" && v.IsNil() {
		return badArgs("%s is required", path)
	}
	if m := f.Tag.Get("minItems"); m != "" && int64(n) < mustInt(f, "minItems", m) {
		return badArgs("%s needs at least %s item(s)", path, m)
	}
	if m := f.Tag.Get("maxItems"); m != "" && int64(n) > mustInt(f, "maxItems", m) {
		return badArgs("%s takes at most %s item(s)", path, m)
	}
	if f.Type.Elem().Kind() != reflect.Struct {
		return nil
	}
	for i := range n {
		if err := checkStruct(v.Index(i), fmt.Sprintf("%s[%d].", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// typed makes a table entry from a description and a function of the decoded,
// checked arguments: the schema comes from A, and R, the result's type, is what a
// call's Value holds; the entry keeps R so a test can hold package tool's decoding
// of the same tool's JSON to it.
func typed[A, R any](description string, run func(ctx context.Context, tb *Toolbox, a A) (R, Effects, error)) toolSpec {
	t := reflect.TypeFor[A]()
	return toolSpec{description: description, schema: schemaOf(t), result: reflect.TypeFor[R](),
		run: func(ctx context.Context, tb *Toolbox, raw json.RawMessage) (any, Effects, error) {
			var a A
			if err := decodeArgs(raw, &a); err != nil {
				return nil, Effects{}, err
			}
			if err := checkArgs(&a); err != nil {
				return nil, Effects{}, err
			}
			r, eff, err := run(ctx, tb, a)
			if err != nil {
				return nil, Effects{}, err
			}
			return r, eff, nil
		}}
}
