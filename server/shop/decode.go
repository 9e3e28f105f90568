package shop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeCatalog reads a POST /catalog document (SPEC §3) as a stream and validates
// it. A bad document yields a *ValidationError listing every problem with its JSON
// path; an error of the reader itself (a closed connection, http.MaxBytesError) is
// returned wrapped, not as a ValidationError, so the caller can answer 413 or 500.
func DecodeCatalog(r io.Reader) (*Catalog, error) {
	s := newStream(r)
	cat := &Catalog{}
	err := s.document(func(key string) (bool, error) {
		switch key {
		case "currency":
			return true, decodeElem(s, "currency", -1, &cat.Currency)
		case "products":
			return true, decodeArray(s, "products", &cat.Products)
		case "size_systems":
			return true, decodeArray(s, "size_systems", &cat.SizeSystems)
		case "faqs":
			return true, decodeArray(s, "faqs", &cat.FAQs)
		case "policies":
			return true, decodeArray(s, "policies", &cat.Policies)
		case "promotions":
			return true, decodeArray(s, "promotions", &cat.Promotions)
		case "vocabulary":
			return true, decodeElem(s, "vocabulary", -1, &cat.Vocabulary)
		}
		return false, nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	if err == nil {
		validateCatalog(cat, &s.col)
	}
	if err := s.col.err("catalog"); err != nil {
		return nil, err
	}
	return cat, nil
}

// DecodeOrders reads a POST /orders document (SPEC §3) as a stream and validates it.
// With a catalog, every item's sku_id must exist in it; with cat nil sku references
// are not checked. Errors are as for DecodeCatalog.
func DecodeOrders(r io.Reader, cat *Snapshot) (*Orders, error) {
	s := newStream(r)
	o := &Orders{}
	err := s.document(func(key string) (bool, error) {
		switch key {
		case "customers":
			return true, decodeArray(s, "customers", &o.Customers)
		case "orders":
			return true, decodeArray(s, "orders", &o.Orders)
		}
		return false, nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, fmt.Errorf("read orders: %w", err)
	}
	if err == nil {
		validateOrders(o, cat, &s.col)
	}
	if err := s.col.err("orders"); err != nil {
		return nil, err
	}
	return o, nil
}

// errStop ends decoding after a problem that makes the rest of the input unreadable
// (malformed JSON); the problem itself is already in the collector.
var errStop = errors.New("stop decoding")

// stream walks the top level of a document token by token and decodes each array
// element on its own, so a 100k-product document is never held in memory as text,
// as a token tree or as a generic map: only the decoded structs, the decoder's
// buffer and the bytes of the element being decoded.
type stream struct {
	dec *json.Decoder // rejects unknown fields in Decode; Token is unaffected
	rec *recorder
	col collector
	raw json.RawMessage // scratch for skipped values, reused
	in  *interner       // shares repeated strings between elements; one per document
}

func newStream(r io.Reader) *stream {
	rec := &recorder{r: r}
	s := &stream{dec: json.NewDecoder(rec), rec: rec, in: newInterner()}
	s.dec.DisallowUnknownFields()
	return s
}

// recorder keeps the bytes read from the input since the start of the element
// being decoded, so that an element encoding/json refuses can be walked again
// (decode_walk.go) without the whole document being kept for that rare case.
type recorder struct {
	r    io.Reader
	buf  []byte // input from offset base on
	base int64
	err  error // the first error of r other than io.EOF
}

func (c *recorder) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.buf = append(c.buf, p[:n]...)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

// forget drops the input before offset off.
func (c *recorder) forget(off int64) {
	if d := off - c.base; d > 0 && d <= int64(len(c.buf)) {
		c.buf = c.buf[:copy(c.buf, c.buf[d:])]
		c.base = off
	}
}

// value returns the input from the kept start up to offset end, without the
// separator (',' or ':') and blanks that may precede the value itself.
func (c *recorder) value(end int64) []byte {
	b := c.buf[:min(max(end-c.base, 0), int64(len(c.buf)))]
	return bytes.TrimLeft(b, " \t\r\n,:")
}

// fail turns a decoder error at path into a malformed-JSON detail and errStop, or
// returns an error of the reader itself unchanged.
func (s *stream) fail(path string, err error) error {
	if s.rec.err != nil {
		return s.rec.err
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		s.col.structural(path, "shop.json.syntax", syn.Offset, syn.Error())
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		s.col.structural(path, "shop.json.eof")
	default:
		return err
	}
	return errStop
}

// refused reports whether err from Decode means encoding/json read a complete value
// but would not store it (wrong type, unknown field, bad timestamp). Such an error
// leaves the decoder usable; a malformed or unreadable input does not.
func (s *stream) refused(err error) bool {
	var syn *json.SyntaxError
	return s.rec.err == nil && !errors.As(err, &syn) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF)
}

// document reads the top-level object, handing each key to field, which decodes the
// value and reports whether it knew the key. Keys match case-insensitively, as
// encoding/json matches struct fields.
func (s *stream) document(field func(key string) (bool, error)) error {
	tok, err := s.dec.Token()
	if errors.Is(err, io.EOF) {
		s.col.structural("", "shop.json.empty")
		return errStop
	}
	if err != nil {
		return s.fail("", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		s.col.structural("", "shop.json.not_object", describe(tok))
		return errStop
	}
	seen := make(map[string]bool)
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return s.fail("", err)
		}
		key := tok.(string) // inside an object the decoder only yields string keys
		lower := strings.ToLower(key)
		if seen[lower] {
			s.col.structural(key, "shop.json.dup_key")
			if err := s.skip(key); err != nil {
				return err
			}
			continue
		}
		seen[lower] = true
		known, err := field(lower)
		if err != nil {
			return err
		}
		if !known {
			s.col.structural(key, "shop.json.unknown")
			if err := s.skip(key); err != nil {
				return err
			}
		}
	}
	if _, err := s.dec.Token(); err != nil { // the closing brace
		return s.fail("", err)
	}
	// Anything but EOF after the object is trailing data, even another valid value:
	// a concatenation of two files is not one document.
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		if s.rec.err != nil {
			return s.rec.err
		}
		s.col.structural("", "shop.json.trailing")
	}
	return nil
}

// skip consumes one value without decoding it.
func (s *stream) skip(path string) error {
	if err := s.dec.Decode(&s.raw); err != nil {
		return s.fail(path, err)
	}
	return nil
}

// decodeArray decodes a top-level array element by element, appending to dst.
// null is an empty array, as encoding/json reads it.
func decodeArray[T any](s *stream, path string, dst *[]T) error {
	tok, err := s.dec.Token()
	if err != nil {
		return s.fail(path, err)
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		s.col.structural(path, "shop.json.expected", term("shop.type.array"), describe(tok))
		if ok { // an object: consume the rest of it
			if err := skipRest(s.dec); err != nil {
				return s.fail(path, err)
			}
		}
		return nil
	}
	// Elements go into chunks that are joined once at the end: appending to one
	// slice would allocate about five times its final size along the way (it grows
	// by a quarter at a time) and copy every element again at each step.
	var chunks [][]T
	cur := make([]T, 0, 64)
	n := 0
	for ; s.dec.More(); n++ {
		if len(cur) == cap(cur) {
			chunks = append(chunks, cur)
			cur = make([]T, 0, min(2*cap(cur), 8192))
		}
		cur = cur[:len(cur)+1]
		if err := decodeElem(s, path, n, &cur[len(cur)-1]); err != nil {
			return err
		}
	}
	if _, err := s.dec.Token(); err != nil { // the closing bracket
		return s.fail(path, err)
	}
	if len(chunks) == 0 {
		*dst = append(*dst, cur...)
		return nil
	}
	out := make([]T, 0, len(*dst)+n)
	out = append(out, *dst...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	*dst = append(out, cur...) //nolint:gocritic // out is the new backing array for *dst
	return nil
}

// decodeElem decodes the next value into dst; its path is path[idx], or path when
// idx < 0. The fast path is encoding/json itself, unknown fields disallowed: one
// scan and no copy of the text. Only when it refuses the value is the element
// walked again (decode_walk.go), to report every problem in it with its own path
// and to keep every field that could be decoded. A decoded element's repeated
// strings are interned; a refused one fails the document, so it need not be.
func decodeElem[T any](s *stream, path string, idx int, dst *T) error {
	s.rec.forget(s.dec.InputOffset())
	err := s.dec.Decode(dst)
	if err == nil {
		if e, ok := any(dst).(interned); ok {
			e.intern(s.in)
		}
		return nil
	}
	if !s.refused(err) {
		return s.fail(elemPath(path, idx), err)
	}
	var zero T
	*dst = zero
	p := elemPath(path, idx)
	before := s.col.count()
	if werr := walkValue(s.rec.value(s.dec.InputOffset()), p, dst, &s.col); werr != nil {
		s.col.structural(p, "shop.json.refused", werr.Error())
	}
	if s.col.count() == before {
		// encoding/json refused something the walker accepts: report its words.
		s.col.structural(p, "shop.json.refused", err.Error())
	}
	return nil
}

func elemPath(path string, idx int) string {
	if idx < 0 {
		return path
	}
	return fmt.Sprintf("%s[%d]", path, idx)
}

// skipRest consumes the remainder of an object or array whose opening delimiter
// was already read.
func skipRest(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// describe names the JSON type of a token for messages, as a term to translate.
func describe(tok json.Token) term {
	switch t := tok.(type) {
	case nil:
		return "shop.type.null"
	case bool:
		return "shop.type.bool"
	case string:
		return "shop.type.string"
	case json.Number, float64:
		return "shop.type.number"
	case json.Delim:
		if t == '{' {
			return "shop.type.object"
		}
		return "shop.type.array"
	}
	// Unreachable with encoding/json's tokens; an unknown key renders as itself.
	return term(fmt.Sprintf("%T", tok))
}
