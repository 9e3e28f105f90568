package llm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"

	"github.com/concierge-shop/concierge/server/redact"
)

// maxDetail bounds the server text quoted in an error (an HTML error page is long).
const maxDetail = 300

// redactor removes every secret of a Config from text before it reaches an error:
// the key, and the base URL's userinfo and query values (package redact).
type redactor struct {
	r        *redact.Redactor
	safeBase string
}

func newRedactor(cfg Config) redactor {
	return redactor{r: redact.New([]string{cfg.APIKey}, []string{cfg.BaseURL}), safeBase: redactURL(cfg.BaseURL)}
}

// clean redacts s, then clips it: clipping first could leave half a key behind.
func (r redactor) clean(s string) string {
	return clip(strings.TrimSpace(r.r.Clean(s)), maxDetail)
}

// redactURL drops a URL's userinfo, query and fragment.
func redactURL(raw string) string { return redact.URL(raw) }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// classify turns a failure that is not a context ending into an *Error.
func (r redactor) classify(err error) *Error {
	var reqErr *openai.RequestError
	var apiErr *openai.APIError
	var urlErr *url.Error
	var netErr net.Error
	switch {
	case errors.As(err, &reqErr):
		// Checked before APIError: a RequestError may wrap an APIError that lacks the status.
		e := &Error{Kind: kindForStatus(reqErr.HTTPStatusCode), Status: reqErr.HTTPStatusCode}
		if we, ok := parseErrorJSON(reqErr.Body); ok {
			e.Message = r.clean(we.Message)
		} else {
			e.Message = r.clean(string(reqErr.Body))
		}
		return e
	case errors.As(err, &apiErr):
		if apiErr.HTTPStatusCode != 0 {
			return &Error{Kind: kindForStatus(apiErr.HTTPStatusCode), Status: apiErr.HTTPStatusCode,
				Message: r.clean(apiErr.Message)}
		}
		we := wireError{Message: apiErr.Message, Type: apiErr.Type}
		if apiErr.Code != nil {
			we.Code = fmt.Sprint(apiErr.Code)
		}
		return r.inBand(we)
	case errors.Is(err, errBodyTooLarge):
		return &Error{Kind: KindBadResponse, Message: "response larger than " + strconv.Itoa(maxBody>>20) + " MiB"}
	case errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		return &Error{Kind: KindBadResponse, Message: "not an event stream"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Kind: KindUnavailable, Message: "connection closed mid-response"}
	case errors.As(err, &urlErr):
		return &Error{Kind: KindUnavailable, Message: r.clean(urlErr.Op + " " + r.safeBase + ": " + urlErr.Err.Error())}
	case errors.As(err, &netErr):
		return &Error{Kind: KindUnavailable, Message: r.clean(netErr.Error())}
	}
	return &Error{Kind: KindUnavailable, Message: r.clean(err.Error())}
}

// wireError is an error a server reported in a body, in any of the shapes seen
// in the wild: {"error":{"message","type","code"}}, {"error":"..."},
// {"message":"..."} or {"detail":"..."}.
type wireError struct {
	Message, Type, Code string
}

func parseErrorJSON(b []byte) (wireError, bool) {
	var top map[string]json.RawMessage
	if json.Unmarshal(b, &top) != nil {
		return wireError{}, false
	}
	if raw, ok := top["error"]; ok && !isNull(raw) {
		return parseErrorValue(raw), true
	}
	for _, key := range []string{"message", "detail"} {
		var s string
		if json.Unmarshal(top[key], &s) == nil && s != "" {
			return wireError{Message: s}, true
		}
	}
	return wireError{}, false
}

// parseErrorValue reads the value of an "error" key.
func parseErrorValue(raw json.RawMessage) wireError {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return wireError{Message: s}
	}
	var obj struct {
		Message json.RawMessage `json:"message"`
		Type    string          `json:"type"`
		Code    json.RawMessage `json:"code"`
	}
	if json.Unmarshal(raw, &obj) != nil {
		return wireError{Message: string(raw)}
	}
	we := wireError{Type: obj.Type, Code: strings.Trim(string(obj.Code), `"`)}
	var msgs []string
	switch {
	case json.Unmarshal(obj.Message, &s) == nil:
		we.Message = s
	case json.Unmarshal(obj.Message, &msgs) == nil:
		we.Message = strings.Join(msgs, "; ")
	}
	if we.Code == "null" {
		we.Code = ""
	}
	return we
}

func isNull(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "" || s == "null"
}

// inBand classifies an error a server sent inside a 200 response, where there is
// no status to go by: a numeric HTTP-like code, else the words of its type and code.
func (r redactor) inBand(we wireError) *Error {
	e := &Error{Kind: KindUnavailable, Message: r.clean(we.Message)}
	if e.Message == "" {
		e.Message = "error in response"
	}
	if n, err := strconv.Atoi(we.Code); err == nil && n >= 400 && n < 600 {
		e.Kind = kindForStatus(n)
		return e
	}
	words := strings.ToLower(we.Type + " " + we.Code)
	switch {
	case strings.Contains(words, "rate_limit"), strings.Contains(words, "quota"):
		e.Kind = KindRateLimit
	case strings.Contains(words, "auth"), strings.Contains(words, "api_key"), strings.Contains(words, "permission"):
		e.Kind = KindAuth
	case strings.Contains(words, "invalid_request"), strings.Contains(words, "context_length"),
		strings.Contains(words, "not_found"):
		e.Kind = KindBadRequest
	}
	return e
}
