package store

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestBlobRoundTrip(t *testing.T) {
	for _, size := range []int{0, 1, ChunkSize - 1, ChunkSize, ChunkSize*2 + 17} {
		kv := NewMemory()
		data := bytes.Repeat([]byte("ab"), size/2+1)[:size]
		meta, err := PutBlob(kv, "b/1", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if meta.Size != int64(size) {
			t.Fatalf("size %d: meta.Size=%d", size, meta.Size)
		}
		got, err := io.ReadAll(OpenBlob(kv, "b/1", meta))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("size %d: round trip differs", size)
		}
		if err := DeleteBlob(kv, "b/1", meta); err != nil {
			t.Fatal(err)
		}
		if keys, _ := KeysWithPrefix(kv, "b/"); len(keys) != 0 {
			t.Fatalf("size %d: left keys %v", size, keys)
		}
	}
}

func TestOpenBlobMissingChunk(t *testing.T) {
	kv := NewMemory()
	meta, _ := PutBlob(kv, "b", strings.NewReader(strings.Repeat("x", ChunkSize+5)))
	_ = kv.Delete("b/1")
	if _, err := io.ReadAll(OpenBlob(kv, "b", meta)); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("want missing-chunk error, got %v", err)
	}
}

func TestUpdateNoChange(t *testing.T) {
	kv := NewMemory()
	_ = SetJSON(kv, "k", 5)
	v, err := Update(kv, "k", func(v *int, exists bool) (bool, error) {
		if !exists || *v != 5 {
			t.Fatalf("exists=%v v=%d", exists, *v)
		}
		return false, nil
	})
	if err != nil || v != 5 {
		t.Fatalf("v=%d err=%v", v, err)
	}
}
