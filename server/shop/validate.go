package shop

import (
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/i18n"
)

// Detail is one problem in an imported document, located by a JSON path such as
// products[3].skus[0].price (SPEC §3: the 400 body's "details").
//
// Message is the English text, as the HTTP API returns it. Key and Args are the
// same problem as an i18n message, so that an admin reading it in Mattermost gets
// it in their own language (Localized); they are not part of the JSON.
type Detail struct {
	Path    string `json:"path"`
	Message string `json:"message"`
	Key     string `json:"-"`
	Args    []any  `json:"-"`
}

// Localized renders the problem in lang; a Detail without a key (not made by this
// package) keeps its Message.
func (d Detail) Localized(lang i18n.Lang) string {
	return localize(lang, d.Key, d.Args, d.Message)
}

// term is an argument that is itself a message key, a word such as "an object"
// or "sku id", translated along with the sentence around it. All other arguments
// are plain strings and numbers (paths, ids, values from the file), shown as is.
type term string

func localize(lang i18n.Lang, key string, args []any, fallback string) string {
	if key == "" {
		return fallback
	}
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(term); ok {
			a = i18n.T(lang, string(t))
		}
		out[i] = a
	}
	return i18n.T(lang, key, out...)
}

// problem makes a Detail whose English Message comes from the same catalog entry
// as its translations: one source of truth for the API text.
func problem(path, key string, args ...any) Detail {
	d := Detail{Path: path, Key: key, Args: args}
	d.Message = d.Localized(i18n.EN)
	return d
}

// ValidationError rejects a whole document. Its JSON form is the SPEC §3 error body,
// so the HTTP layer can encode it as is: {"error": "...", "details": [...]}.
// Details lists every problem found (up to maxDetails, then a "... and N more" entry),
// not only the first, so an admin can fix a file in one round.
type ValidationError struct {
	Message string   `json:"error"`
	Details []Detail `json:"details"`
	// Key and Args are Message as an i18n message (see Detail).
	Key  string `json:"-"`
	Args []any  `json:"-"`
	// problems counts every problem found, also those beyond maxDetails.
	problems int
}

// Localized renders the summary ("invalid catalog: 3 problems") in lang.
func (e *ValidationError) Localized(lang i18n.Lang) string {
	return localize(lang, e.Key, e.Args, e.Message)
}

// Problems is the number of problems found; it exceeds len(Details) when the list
// was cut at maxDetails and ends with a "... and N more" entry.
func (e *ValidationError) Problems() int {
	if e.problems > 0 {
		return e.problems
	}
	return len(e.Details)
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

// add records the problem key (an i18n key, see server/i18n/locales/shop.en.json) at path.
func (c *collector) add(path, key string, args []any) {
	if len(c.details) < maxDetails {
		c.details = append(c.details, problem(path, key, args...))
	} else {
		c.more++
	}
}

// structural records a problem found while decoding and marks its path.
func (c *collector) structural(path, key string, args ...any) {
	if c.marked == nil {
		c.marked = make(map[string]struct{})
	}
	if len(c.marked) < maxMarked {
		c.marked[path] = struct{}{}
	}
	c.add(path, key, args)
}

// semantic records a problem found on decoded values unless a structural problem
// was already reported at that path or at one of its ancestors.
func (c *collector) semantic(path, key string, args ...any) {
	if c.coveredByStructural(path) {
		return
	}
	c.add(path, key, args)
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
		details = append(details, problem("", "shop.more", c.more))
	}
	key := "shop.invalid.many"
	if n == 1 {
		key = "shop.invalid.one"
	}
	sum := problem("", key, term("shop.doc."+doc), n)
	return &ValidationError{Message: sum.Message, Details: details, Key: sum.Key, Args: sum.Args, problems: n}
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

// at reports the problem key at l. A loc among args must be passed as its String().
func (c *collector) at(l loc, key string, args ...any) {
	c.semantic(l.String(), key, args...)
}

// requireText reports l when s is blank.
func (c *collector) requireText(l loc, s string) {
	if blank(s) {
		c.semantic(l.String(), "shop.required")
	}
}

func (c *collector) checkLang(l loc, lang string) {
	if !validLang(lang) {
		c.at(l, "shop.lang", lang)
	}
}

func (c *collector) nonNegative(l loc, v int64) {
	if v < 0 {
		c.at(l, "shop.negative", v)
	}
}

func (c *collector) percent(l loc, v int64) {
	if v < 0 || v > 100 {
		c.at(l, "shop.percent", v)
	}
}
