package store

import (
	"context"
	"errors"
)

// Records keeps one JSON document of type T per id under a key prefix, the id made
// safe by KeyPart. It is how a domain package's storage interface (the refund
// ledger's, one record per order) is met by the KV store without that package
// knowing keys or the store knowing the domain: T is the domain's own type.
type Records[T any] struct {
	KV     KV
	Prefix string
}

// errNoKV: records without a KV store would forget every write (and let every
// refund through twice).
var errNoKV = errors.New("store: records have no KV store")

// Key is the KV key of id's document.
func (r Records[T]) Key(id string) string { return r.Prefix + KeyPart(id) }

// Get reads id's document; exists is false (and v zero) when there is none.
func (r Records[T]) Get(ctx context.Context, id string) (v T, exists bool, err error) {
	if err := ctx.Err(); err != nil {
		return v, false, err
	}
	if r.KV == nil {
		return v, false, errNoKV
	}
	exists, err = GetJSON(r.KV, r.Key(id), &v)
	return v, exists, err
}

// Update applies fn to id's document under compare-and-set (see Update).
func (r Records[T]) Update(ctx context.Context, id string, fn func(v *T, exists bool) (bool, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if r.KV == nil {
		return zero, errNoKV
	}
	return Update(r.KV, r.Key(id), fn)
}
