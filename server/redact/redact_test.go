package redact

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanRemovesEverySecret(t *testing.T) {
	r := New([]string{"sk-KEY", "hm/ac secret"}, []string{"http://h/v1?api_key=SECRET&x=Q", "https://user:PASS@h2/v1"})
	for in, want := range map[string]string{
		`Get "http://h/v1?api_key=SECRET&x=Q": refused`: `Get "http://h/v1": refused`,
		`dial https://user:PASS@h2/v1 failed`:           `dial https://h2/v1 failed`,
		`server said: bad key SECRET or PASS`:           `server said: bad key [redacted] or [redacted]`,
		`{"key":"sk-KEY"} hm%2Fac+secret hm/ac secret`:  `{"key":"[redacted]"} [redacted] [redacted]`,
	} {
		if got := r.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrorKeepsTheChain(t *testing.T) {
	base := errors.New("bad sk-KEY")
	err := New([]string{"sk-KEY"}, nil).Error(base)
	if err.Error() != "bad [redacted]" || !errors.Is(err, base) {
		t.Fatalf("%v", err)
	}
	if New(nil, nil).Error(nil) != nil {
		t.Fatal("nil error became non-nil")
	}
}

func TestURL(t *testing.T) {
	if got := URL("https://u:p@h/v1?k=v#f"); got != "https://h/v1" {
		t.Fatal(got)
	}
	if got := URL("http://[::1"); !strings.Contains(got, "unparsable") {
		t.Fatal(got)
	}
}

// A short query value (a version, a flag) is no secret: removing it everywhere would
// mangle every log line; it goes with its URL.
func TestShortURLPartsGoOnlyWithTheirURL(t *testing.T) {
	r := New(nil, []string{"http://h/v1?api-version=1&key=LONGKEY"})
	if got := r.Clean("GET http://h/v1?api-version=1&key=LONGKEY: 1 retry, key LONGKEY"); got != "GET http://h/v1: 1 retry, key [redacted]" {
		t.Fatal(got)
	}
}
