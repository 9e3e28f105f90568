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

// KV is the slice of the Mattermost KV store the plugin uses. Get returns (nil, nil)
// for a missing key. CompareAndSet with oldValue nil means "only if absent", with
// newValue nil means "delete if unchanged".
type KV interface {
	Get(key string) ([]byte, error)
	Set(key string, value []byte) error
	CompareAndSet(key string, oldValue, newValue []byte) (bool, error)
	Delete(key string) error
	ListKeys(page, perPage int) ([]string, error)
}

// ErrConflict is returned when an optimistic update lost its race too many times.
var ErrConflict = errors.New("store: concurrent update conflict")

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

// Update applies fn to the JSON value under key with compare-and-set, retrying when
// another writer got in between. fn receives nil-zero v when the key is absent and
// returns false to leave the value unchanged. This is how single records (a card, a
// conversation, a ledger entry) change without a cluster-wide lock.
func Update[T any](kv KV, key string, fn func(v *T, exists bool) (bool, error)) (T, error) {
	var zero T
	for attempt := 0; attempt < 20; attempt++ {
		old, err := kv.Get(key)
		if err != nil {
			return zero, fmt.Errorf("get %q: %w", key, err)
		}
		var v T
		if old != nil {
			if err := json.Unmarshal(old, &v); err != nil {
				return zero, fmt.Errorf("decode %q: %w", key, err)
			}
		}
		changed, err := fn(&v, old != nil)
		if err != nil || !changed {
			return v, err
		}
		data, err := json.Marshal(&v)
		if err != nil {
			return zero, fmt.Errorf("encode %q: %w", key, err)
		}
		ok, err := kv.CompareAndSet(key, old, data)
		if err != nil {
			return zero, fmt.Errorf("compare-and-set %q: %w", key, err)
		}
		if ok {
			return v, nil
		}
	}
	return zero, fmt.Errorf("update %q: %w", key, ErrConflict)
}

// KeysWithPrefix lists every key starting with prefix.
func KeysWithPrefix(kv KV, prefix string) ([]string, error) {
	const perPage = 1000
	var out []string
	for page := 0; ; page++ {
		keys, err := kv.ListKeys(page, perPage)
		if err != nil {
			return nil, fmt.Errorf("list keys page %d: %w", page, err)
		}
		for _, k := range keys {
			if len(k) >= len(prefix) && k[:len(prefix)] == prefix {
				out = append(out, k)
			}
		}
		if len(keys) < perPage {
			return out, nil
		}
	}
}
