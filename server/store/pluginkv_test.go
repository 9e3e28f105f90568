package store

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
)

// N writers incrementing one counter through Update: pluginapi's
// SetAtomicWithRetries must lose no increment and fail none of them.
func TestUpdateConcurrent(t *testing.T) {
	const writers, each = 8, 25
	kv := NewMemory()
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := Update(kv, "n", func(v *int, _ bool) (bool, error) { *v++; return true, nil }); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var n int
	if _, err := GetJSON(kv, "n", &n); err != nil || n != writers*each {
		t.Fatalf("n=%d err=%v, want %d", n, err, writers*each)
	}
}

// fn declining to change the value writes nothing: a write would fail here.
func TestUpdateNoChangeWritesNothing(t *testing.T) {
	kv := NewMemory()
	_ = SetJSON(kv, "k", 5)
	kv.FailSet = func(string) bool { return true }
	if v, err := Update(kv, "k", func(*int, bool) (bool, error) { return false, nil }); err != nil || v != 5 {
		t.Fatalf("v=%d err=%v, want 5 and no error", v, err)
	}
	if _, err := Update(kv, "k", func(v *int, _ bool) (bool, error) { *v = 6; return true, nil }); err == nil {
		t.Fatal("a failing write was not reported")
	}
	var got int
	if _, err := GetJSON(kv, "k", &got); err != nil || got != 5 {
		t.Fatalf("got=%d err=%v, want 5 kept", got, err)
	}
}

// fn's own error comes back as itself, not as pluginapi's wrapping, and stops the write.
func TestUpdateFnError(t *testing.T) {
	kv := NewMemory()
	sentinel := errors.New("refused")
	if _, err := Update(kv, "k", func(v *int, _ bool) (bool, error) { *v = 1; return true, sentinel }); err != sentinel {
		t.Fatalf("err=%v, want the sentinel itself", err)
	}
	if ok, _ := GetJSON(kv, "k", new(int)); ok {
		t.Fatal("an update whose fn failed was written")
	}
}

func TestCompareAndSet(t *testing.T) {
	kv := NewMemory()
	steps := []struct {
		name          string
		old, new      []byte
		want          bool
		wantStoredVal string // "" = absent
	}{
		{"claim an absent key", nil, []byte("a"), true, "a"},
		{"claim it again", nil, []byte("b"), false, "a"},
		{"swap from a stale value", []byte("x"), []byte("b"), false, "a"},
		{"swap from the current value", []byte("a"), []byte("b"), true, "b"},
		{"delete from a stale value", []byte("a"), nil, false, "b"},
		{"delete if unchanged", []byte("b"), nil, true, ""},
	}
	for _, s := range steps {
		ok, err := kv.CompareAndSet("k", s.old, s.new)
		if err != nil || ok != s.want {
			t.Fatalf("%s: ok=%v err=%v, want %v", s.name, ok, err, s.want)
		}
		got, _ := kv.Get("k")
		if string(got) != s.wantStoredVal {
			t.Fatalf("%s: stored %q, want %q", s.name, got, s.wantStoredVal)
		}
	}
}

// The prefix filter runs page by page: a full page with no match is not the end.
func TestKeysWithPrefixAcrossPages(t *testing.T) {
	kv := NewMemory()
	for i := range listPage + 5 {
		_ = kv.Set(fmt.Sprintf("a/%05d", i), []byte("x")) // sorts before b/: fills page 0
	}
	for i := range 3 {
		_ = kv.Set("b/"+strconv.Itoa(i), []byte("x"))
	}
	keys, err := KeysWithPrefix(kv, "b/")
	if err != nil || len(keys) != 3 || keys[0] != "b/0" || keys[2] != "b/2" {
		t.Fatalf("keys=%v err=%v, want b/0..b/2", keys, err)
	}
	if all, _ := KeysWithPrefix(kv, ""); len(all) != listPage+8 {
		t.Fatalf("all keys: %d, want %d", len(all), listPage+8)
	}
}
