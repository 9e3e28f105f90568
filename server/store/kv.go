// Package store is the plugin's persistence: the Mattermost KV store seen through a
// small interface, with helpers for JSON values and for blobs too large for one key,
// and the conversations' indexed tables in Mattermost's own database (convs.go).
// These are the truth; anything on local disk is a cache rebuilt from them.
package store

import (
	"encoding/json"
	"errors"
	"fmt"
)

// KV is the slice of the Mattermost KV store the plugin uses, declared here so the
// domain packages depend on these few methods and never on pluginapi itself.
// PluginKV is the one real implementation; Get returns (nil, nil) for a missing key.
type KV interface {
	Get(key string) ([]byte, error)
	Set(key string, value []byte) error
	// CompareAndSet is one atomic write, not retried: a claim (oldValue nil means
	// "only if absent") or a publish that must fail if anyone else moved the key
	// (newValue nil means "delete if unchanged").
	CompareAndSet(key string, oldValue, newValue []byte) (bool, error)
	// Atomic is a read-modify-write retried on conflict. fn gets the current value
	// (nil when absent) and returns the new one; an error from fn is returned as is
	// and nothing is written.
	Atomic(key string, fn func(old []byte) ([]byte, error)) error
	Delete(key string) error
	// KeysWithPrefix lists every key starting with prefix, all pages of them.
	KeysWithPrefix(prefix string) ([]string, error)
}

// ErrConflict is returned when an optimistic update lost its race too many times.
var ErrConflict = errors.New("store: concurrent update conflict")

// errUnchanged tells Atomic that fn chose not to write: no error for the caller.
var errUnchanged = errors.New("store: unchanged")

// GetJSON reads key into v. It reports whether the key existed.
func GetJSON(kv KV, key string, v any) (bool, error) {
	data, err := kv.Get(key)
	if err != nil {
		return false, fmt.Errorf("get %q: %w", key, err)
	}
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("decode %q: %w", key, err)
	}
	return true, nil
}

// SetJSON writes v as JSON under key.
func SetJSON(kv KV, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", key, err)
	}
	if err := kv.Set(key, data); err != nil {
		return fmt.Errorf("set %q: %w", key, err)
	}
	return nil
}

// Update applies fn to the JSON value under key through KV.Atomic (Mattermost's
// SetAtomicWithRetries), so another writer getting in between makes fn run again on
// the fresh value. fn receives a zero v when the key is absent and returns false to
// leave the value unchanged. This is how single records (a card, a conversation, a
// ledger entry) change without a cluster-wide lock.
func Update[T any](kv KV, key string, fn func(v *T, exists bool) (bool, error)) (T, error) {
	var result T
	err := kv.Atomic(key, func(old []byte) ([]byte, error) {
		var v T
		if old != nil {
			if err := json.Unmarshal(old, &v); err != nil {
				return nil, fmt.Errorf("decode %q: %w", key, err)
			}
		}
		changed, err := fn(&v, old != nil)
		result = v
		if err != nil {
			return nil, err
		}
		if !changed {
			return nil, errUnchanged
		}
		data, err := json.Marshal(&v)
		if err != nil {
			return nil, fmt.Errorf("encode %q: %w", key, err)
		}
		return data, nil
	})
	switch {
	case errors.Is(err, errUnchanged):
		return result, nil
	case err != nil:
		return result, err
	}
	return result, nil
}

// KeysWithPrefix lists every key starting with prefix.
func KeysWithPrefix(kv KV, prefix string) ([]string, error) {
	keys, err := kv.KeysWithPrefix(prefix)
	if err != nil {
		return nil, fmt.Errorf("list keys %q: %w", prefix, err)
	}
	return keys, nil
}
