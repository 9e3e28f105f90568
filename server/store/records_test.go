package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Ids are escaped into their own key space, long ones hashed to fit.
func TestRecordsKey(t *testing.T) {
	r := Records[int]{Prefix: "commerce/refunds/"}
	long := strings.Repeat("订单", 60)
	cases := []struct{ order, want string }{
		{"O-1001", "commerce/refunds/O-1001"},
		// "/" cannot reach into another order's space: it is escaped.
		{"O-1/deposit", "commerce/refunds/O-1%2Fdeposit"},
		{"~x", "commerce/refunds/%7Ex"},
	}
	for _, tc := range cases {
		if got := r.Key(tc.order); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.order, got, tc.want)
		}
	}
	k := r.Key(long)
	if len(k) > MaxKeyLen || !strings.Contains(k, "/~") {
		t.Errorf("long id: key %q (%d chars)", k, len(k))
	}
	if r.Key(long) == r.Key(long+"x") {
		t.Error("different long ids share a key")
	}
}

func TestRecordsUpdateAndGet(t *testing.T) {
	ctx := context.Background()
	r := Records[[]string]{KV: NewMemory(), Prefix: "p/"}
	if _, ok, err := r.Get(ctx, "a/b"); ok || err != nil {
		t.Fatalf("absent: ok %v, err %v", ok, err)
	}
	for _, w := range []string{"x", "y"} {
		if _, err := r.Update(ctx, "a/b", func(v *[]string, _ bool) (bool, error) { *v = append(*v, w); return true, nil }); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := r.Get(ctx, "a/b")
	if !ok || err != nil || strings.Join(got, ",") != "x,y" {
		t.Fatalf("got %v, %v, %v; want x,y", got, ok, err)
	}
	if _, err := (Records[int]{}).Update(ctx, "a", func(*int, bool) (bool, error) { return true, nil }); !errors.Is(err, errNoKV) {
		t.Fatalf("no KV: %v", err)
	}
}
