package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/concierge-shop/concierge/server/llm"
	"github.com/concierge-shop/concierge/server/llm/llmtest"
)

// The key has characters that JSON, URL and HTML escape differently, so an echo
// in any of those forms is caught; the tail is what must never show up.
const (
	secretTail = "9f8e7d6c5b4a"
	secretKey  = `sk-Leak&<Key>"+/` + secretTail
)

// leaks reports which secret shows up in any rendering of err.
func leaks(err error, secrets ...string) string {
	var texts []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	texts = append(texts, fmt.Sprintf("%v %+v %#v %s", err, err, err, err))
	var le *llm.Error
	if errors.As(err, &le) {
		for _, c := range le.Unwrap() {
			texts = append(texts, c.Error())
		}
	}
	all := strings.Join(texts, "\n")
	for _, s := range secrets {
		if strings.Contains(all, s) {
			return s
		}
	}
	return ""
}

func TestKeyNeverLeaks(t *testing.T) {
	echo := func(f func(auth string) llmtest.Response) func(llmtest.ChatRequest) llmtest.Response {
		return func(r llmtest.ChatRequest) llmtest.Response { return f(r.Authorization) }
	}
	tests := []struct {
		name    string
		require bool // the server wants another key and echoes ours in its 401
		respond func(llmtest.ChatRequest) llmtest.Response
		want    llm.Kind
	}{
		{"401 echoing the header", true, nil, llm.KindAuth},
		{"500 html echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Status: 500, Body: "<html><pre>Authorization: " + a + "</pre></html>"}
		}), llm.KindUnavailable},
		{"429 json echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Status: 429, Error: "key " + a + " over quota"}
		}), llm.KindRateLimit},
		{"in-band error echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Error: "bad key " + a}
		}), llm.KindUnavailable},
		{"malformed chunk echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Body: "data: {\"oops\": \"" + a + "\n\n"}
		}), llm.KindBadResponse},
		{"200 html echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Body: "<p>" + a + "</p>"}
		}), llm.KindBadResponse},
		{"500 json-escaped echo", false, echo(func(a string) llmtest.Response {
			b, _ := json.Marshal(map[string]string{"echo": a})
			return llmtest.Response{Status: 500, Body: string(b)}
		}), llm.KindUnavailable},
		{"200 error document echoing the header", false, echo(func(a string) llmtest.Response {
			return llmtest.Response{Body: `{"detail":"` + strings.ReplaceAll(a, `"`, `\"`) + `"}`}
		}), llm.KindUnavailable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := llmtest.NewServer(t)
			if tc.require {
				srv.RequireKey("the-right-key")
				srv.On(nil, llmtest.Response{Text: "unreachable"})
			} else {
				srv.OnFunc(nil, tc.respond)
			}
			_, err := outcome(t, client(srv, func(c *llm.Config) { c.APIKey = secretKey }), userAsks("q"))
			_ = checkKind(t, err, tc.want, statusOf(err))
			if s := leaks(err, secretKey, secretTail); s != "" {
				t.Errorf("error %q shows %q", err, s)
			}
			// The server really did get (and echo) the key: the test is not vacuous.
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Authorization != "Bearer "+secretKey {
				t.Fatalf("requests %+v", reqs)
			}
		})
	}
}

func statusOf(err error) int {
	var e *llm.Error
	if errors.As(err, &e) {
		return e.Status
	}
	return -1
}

// TestURLSecretsRedacted: credentials in the base URL stay out of errors and of
// a printed Config.
func TestURLSecretsRedacted(t *testing.T) {
	srv := llmtest.NewServer(nil)
	host := strings.TrimPrefix(srv.URL, "http://")
	srv.Close()
	cfg := llm.Config{BaseURL: "http://bob:pw-" + secretTail + "@" + host + "?token=q-" + secretTail, APIKey: secretKey}
	_, _, err := llm.New(cfg).Complete(context.Background(), userAsks("q"))
	_ = checkKind(t, err, llm.KindUnavailable, 0)
	if s := leaks(err, secretKey, secretTail); s != "" {
		t.Errorf("error %q shows %q", err, s)
	}
	if !strings.Contains(err.Error(), host) {
		t.Errorf("error %q does not name the endpoint", err)
	}
	printed := fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)
	if strings.Contains(printed, secretTail) || !strings.Contains(printed, host) {
		t.Errorf("printed config: %s", printed)
	}
}
