package shop

import (
	"fmt"
	"strings"
)

// Detail is one problem in an imported document, located by a JSON path such as
// products[3].skus[0].price (SPEC §3: the 400 body's "details").
type Detail struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// ValidationError rejects a whole document. Its JSON form is the SPEC §3 error body,
// so the HTTP layer can encode it as is: {"error": "...", "details": [...]}.
// Details lists every problem found (up to maxDetails, then a "... and N more" entry),
// not only the first, so an admin can fix a file in one round.
type ValidationError struct {
	Message string   `json:"error"`
	Details []Detail `json:"details"`
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	const shown = 3
	for i, d := range e.Details {
		if i == shown {
			fmt.Fprintf(&b, "; … (%d more)", len(e.Details)-shown)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if d.Path != "" {
			b.WriteString(d.Path)
			b.WriteString(": ")
		}
		b.WriteString(d.Message)
	}
	return b.String()
}

// maxDetails bounds the error body: a 100k-product file with one systematic mistake
// would otherwise produce a response larger than the file.
const maxDetails = 200

// maxMarked bounds the memory spent remembering where structural errors were.
const maxMarked = 10000

// collector gathers the problems of one document. Structural problems (wrong JSON
// type, unknown field) are found while decoding; semantic ones afterwards, on the
// decoded values. A value that could not be decoded is left zero, so a semantic
// check at or under a structurally bad path would only repeat the same problem in
// other words ("required" after "expected a string"): those are dropped.
type collector struct {
	details []Detail
	more    int
	marked  map[string]struct{}
}

func (c *collector) add(path, msg string) {
	if len(c.details) < maxDetails {
		c.details = append(c.details, Detail{Path: path, Message: msg})
	} else {
		c.more++
	}
}

// structural records a problem found while decoding and marks its path.
func (c *collector) structural(path, msg string) {
	if c.marked == nil {
		c.marked = make(map[string]struct{})
	}
	if len(c.marked) < maxMarked {
		c.marked[path] = struct{}{}
	}
	c.add(path, msg)
}

// semantic records a problem found on decoded values unless a structural problem
// was already reported at that path or at one of its ancestors.
func (c *collector) semantic(path, msg string) {
	if c.coveredByStructural(path) {
		return
	}
	c.add(path, msg)
}

func (c *collector) coveredByStructural(path string) bool {
	if len(c.marked) == 0 {
		return false
	}
	if _, ok := c.marked[path]; ok {
		return true
	}
	for i := 0; i < len(path); i++ {
		if path[i] == '.' || path[i] == '[' {
			if _, ok := c.marked[path[:i]]; ok {
				return true
			}
		}
	}
	return false
}

// structuralUnder reports a structural problem at prefix or inside it: then some
// ids there may not have been decoded, and references to them cannot be judged.
func (c *collector) structuralUnder(prefix string) bool {
	for p := range c.marked {
		if strings.HasPrefix(p, prefix) && (len(p) == len(prefix) || p[len(prefix)] == '.' || p[len(prefix)] == '[') {
			return true
		}
	}
	return false
}

func (c *collector) count() int { return len(c.details) + c.more }

// err returns nil when nothing was found, else the *ValidationError for doc.
func (c *collector) err(doc string) error {
	n := c.count()
	if n == 0 {
		return nil
	}
	details := c.details
	if c.more > 0 {
		details = append(details, Detail{Message: fmt.Sprintf("... and %d more", c.more)})
	}
	noun := "problems"
	if n == 1 {
		noun = "problem"
	}
	return &ValidationError{Message: fmt.Sprintf("invalid %s: %d %s", doc, n, noun), Details: details}
}

// blank reports text that is empty once whitespace is removed: a required text
// made of spaces is as missing as an absent one.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// validLang: SPEC §3 texts are Chinese or English; "" means unspecified.
func validLang(l string) bool { return l == "" || l == "zh" || l == "en" }

// loc is a JSON path that is only formatted when a problem is reported there, so
// checking a valid 100k-product catalog builds no path strings:
// base[i].sub[j].field, each part optional (an index < 0 or an empty name is left out).
type loc struct {
	base  string
	i     int
	sub   string
	j     int
	field string
}

// at is base[i].field; at2 is base[i].sub[j].field; plain is a ready-made path.
func at(base string, i int, field string) loc { return loc{base, i, "", -1, field} }
func at2(base string, i int, sub string, j int, field string) loc {
	return loc{base, i, sub, j, field}
}
func plain(p string) loc { return loc{p, -1, "", -1, ""} }

func (l loc) String() string {
	var b strings.Builder
	b.WriteString(l.base)
	if l.i >= 0 {
		fmt.Fprintf(&b, "[%d]", l.i)
	}
	if l.sub != "" {
		b.WriteByte('.')
		b.WriteString(l.sub)
		if l.j >= 0 {
			fmt.Fprintf(&b, "[%d]", l.j)
		}
	}
	if l.field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(l.field)
	}
	return b.String()
}

func (c *collector) at(l loc, format string, args ...any) {
	c.semantic(l.String(), fmt.Sprintf(format, args...))
}

// requireText reports l when s is blank.
func (c *collector) requireText(l loc, s string) {
	if blank(s) {
		c.semantic(l.String(), "required, must not be empty")
	}
}

func (c *collector) checkLang(l loc, lang string) {
	if !validLang(lang) {
		c.at(l, "must be \"zh\", \"en\" or absent, got %q", lang)
	}
}

func (c *collector) nonNegative(l loc, v int64) {
	if v < 0 {
		c.at(l, "must not be negative, got %d", v)
	}
}

func (c *collector) percent(l loc, v int64) {
	if v < 0 || v > 100 {
		c.at(l, "must be an integer from 0 to 100, got %d", v)
	}
}
