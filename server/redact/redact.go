// Package redact removes secrets from text before it reaches a log line, an error a
// person reads, or a post: an API key, a shared secret, and what a URL carries in
// its userinfo and query (`http://h/v1?api_key=…`, `https://user:pass@h/v1`). It
// imports nothing of the plugin, so that config (the lowest package) and llm alike
// can use it.
package redact

import (
	"encoding/json"
	"html"
	"net/url"
	"sort"
	"strings"
)

// Mask replaces each secret.
const Mask = "[redacted]"

// Redactor knows the secrets to remove. The zero value removes nothing; a Redactor
// is not changed after it is built, so it is safe to share.
type Redactor struct {
	urls    [][2]string // a URL with secrets → the same URL without them
	secrets []string    // longest first, so a secret that contains another goes whole
}

// New builds a Redactor for secrets (each also in its JSON, URL and HTML escapes,
// since a server may echo it in any of them) and for the secrets in urls.
func New(secrets []string, urls []string) *Redactor {
	r := &Redactor{}
	for _, s := range secrets {
		r.add(s)
	}
	for _, raw := range urls {
		r.addURL(raw)
	}
	sort.SliceStable(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
	return r
}

func (r *Redactor) add(s string) {
	if s == "" {
		return
	}
	b, _ := json.Marshal(s)
	r.secrets = append(r.secrets, s, strings.Trim(string(b), `"`), url.QueryEscape(s), url.PathEscape(s), html.EscapeString(s))
}

func (r *Redactor) addURL(raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	if safe := URL(raw); safe != raw {
		r.urls = append(r.urls, [2]string{raw, safe})
	}
	u, err := url.Parse(raw)
	if err != nil {
		return
	}
	if u.User != nil {
		r.addPart(u.User.Username())
		p, _ := u.User.Password()
		r.addPart(p)
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			r.addPart(v)
		}
	}
}

// minPart is the shortest URL part removed wherever it appears. A shorter one
// (`?api-version=1`) is no credential worth the cost: every "1" in every log line
// would go. It still goes with its URL, which is replaced whole.
const minPart = 4

func (r *Redactor) addPart(s string) {
	if len(s) >= minPart {
		r.add(s)
	}
}

// Clean returns s without any of the secrets.
func (r *Redactor) Clean(s string) string {
	if r == nil {
		return s
	}
	for _, u := range r.urls {
		s = strings.ReplaceAll(s, u[0], u[1])
	}
	for _, secret := range r.secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, Mask)
		}
	}
	return s
}

// Error returns err with a cleaned message (nil stays nil). errors.Is and As still
// see the original.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	return &cleanError{msg: r.Clean(err.Error()), err: err}
}

type cleanError struct {
	msg string
	err error
}

func (e *cleanError) Error() string { return e.msg }
func (e *cleanError) Unwrap() error { return e.err }

// URL drops a URL's userinfo, query and fragment: what is left names the server
// without any credential.
func URL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	u.RawQuery, u.ForceQuery = "", false
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}
