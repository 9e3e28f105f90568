package store

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// ChunkSize bounds one KV value. A 100,000-product catalog is tens of MiB; one row of
// that size is slow to move through the plugin RPC and the database, so blobs are
// split.
const ChunkSize = 2 << 20

// BlobMeta describes a blob written with PutBlob.
type BlobMeta struct {
	Chunks int   `json:"chunks"`
	Size   int64 `json:"size"`
}

func chunkKey(prefix string, i int) string { return prefix + "/" + strconv.Itoa(i) }

// PutBlob writes data from r as chunks under prefix/0, prefix/1, … and returns the
// meta needed to read it back. It does not make the blob visible: callers publish it
// by writing the meta under a pointer key (see shop's generation scheme), which is
// what makes an import atomic.
func PutBlob(kv KV, prefix string, r io.Reader) (BlobMeta, error) {
	var meta BlobMeta
	buf := make([]byte, ChunkSize)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if serr := kv.Set(chunkKey(prefix, meta.Chunks), append([]byte(nil), buf[:n]...)); serr != nil {
				return meta, fmt.Errorf("write chunk %d of %s: %w", meta.Chunks, prefix, serr)
			}
			meta.Chunks++
			meta.Size += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return meta, nil
		}
		if err != nil {
			return meta, fmt.Errorf("read blob %s: %w", prefix, err)
		}
	}
}

// OpenBlob returns a reader over a blob's chunks, fetching one chunk at a time.
func OpenBlob(kv KV, prefix string, meta BlobMeta) io.Reader {
	return &blobReader{kv: kv, prefix: prefix, meta: meta}
}

type blobReader struct {
	kv     KV
	prefix string
	meta   BlobMeta
	next   int
	cur    *bytes.Reader
}

func (b *blobReader) Read(p []byte) (int, error) {
	for b.cur == nil || b.cur.Len() == 0 {
		if b.next >= b.meta.Chunks {
			return 0, io.EOF
		}
		data, err := b.kv.Get(chunkKey(b.prefix, b.next))
		if err != nil {
			return 0, fmt.Errorf("read chunk %d of %s: %w", b.next, b.prefix, err)
		}
		if data == nil {
			return 0, fmt.Errorf("chunk %d of %s is missing", b.next, b.prefix)
		}
		b.cur = bytes.NewReader(data)
		b.next++
	}
	return b.cur.Read(p)
}

// DeleteBlob removes a blob's chunks; missing chunks are not an error.
func DeleteBlob(kv KV, prefix string, meta BlobMeta) error {
	for i := 0; i < meta.Chunks; i++ {
		if err := kv.Delete(chunkKey(prefix, i)); err != nil {
			return fmt.Errorf("delete chunk %d of %s: %w", i, prefix, err)
		}
	}
	return nil
}
