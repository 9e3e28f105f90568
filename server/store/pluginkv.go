package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// PluginKV is KV on Mattermost's own KV client (pluginapi.KVService): atomic
// writes, retried read-modify-writes and filtered key listing are the library's,
// not a second hand-written copy of them.
type PluginKV struct{ kv *pluginapi.KVService }

// NewPluginKV wraps the KV service of the plugin's one pluginapi.Client.
func NewPluginKV(client *pluginapi.Client) PluginKV { return PluginKV{kv: &client.KV} }

func (p PluginKV) Get(key string) ([]byte, error) {
	var v []byte
	if err := p.kv.Get(key, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// Set writes value as is (pluginapi stores a []byte unencoded); nil deletes.
func (p PluginKV) Set(key string, value []byte) error {
	_, err := p.kv.Set(key, value)
	return err
}

func (p PluginKV) CompareAndSet(key string, oldValue, newValue []byte) (bool, error) {
	return p.kv.Set(key, newValue, pluginapi.SetAtomic(oldValue))
}

// Atomic reads the key, lets fn decide and compare-and-sets the result, again
// after a lost race. It is not pluginapi's SetAtomicWithRetries: that retries five
// times, each after the same fixed 10 ms, so writers that collided wake together
// and collide again; eight writers on one key lost updates to it (the store's
// concurrency test, under the race detector). Here each retry waits a random
// time that doubles, and a key gets more tries. fn's own error is handed back
// unwrapped so that callers can still tell their sentinel errors apart.
func (p PluginKV) Atomic(key string, fn func(old []byte) ([]byte, error)) error {
	for attempt := range atomicTries {
		old, err := p.Get(key)
		if err != nil {
			return fmt.Errorf("atomic update %q: %w", key, err)
		}
		v, err := fn(old)
		if err != nil {
			return err
		}
		ok, err := p.CompareAndSet(key, old, v)
		if err != nil {
			return fmt.Errorf("atomic update %q: %w", key, err)
		}
		if ok {
			return nil
		}
		time.Sleep(atomicBackoff(attempt))
	}
	return fmt.Errorf("atomic update %q: %w", key, ErrConflict)
}

// atomicTries bounds a read-modify-write that keeps losing (about 0.6 s of waits
// in all): a key written that often by that many writers is a design error.
const atomicTries = 10

// atomicBackoff: up to 1, 2, 4 … ms, at most 128, spread at random so that
// writers that collided do not meet again.
func atomicBackoff(attempt int) time.Duration {
	ceiling := time.Millisecond << min(attempt, 7)
	return time.Duration(rand.Int64N(int64(ceiling))) + 100*time.Microsecond //nolint:gosec // jitter, not a secret
}

func (p PluginKV) Delete(key string) error { return p.kv.Delete(key) }

// listPage is the page size of a key scan: the plugin has at most a few thousand
// keys outside the blob chunks, so a scan is a handful of round trips.
const listPage = 1000

// KeysWithPrefix pages through the plugin's keys with pluginapi's filter. The filter
// also counts the page's unfiltered keys: only a short unfiltered page is the last.
func (p PluginKV) KeysWithPrefix(prefix string) ([]string, error) {
	var out []string
	for page := 0; ; page++ {
		seen := 0
		keys, err := p.kv.ListKeys(page, listPage, pluginapi.WithChecker(func(key string) (bool, error) {
			seen++
			return strings.HasPrefix(key, prefix), nil
		}))
		if err != nil {
			return nil, fmt.Errorf("list keys page %d: %w", page, err)
		}
		out = append(out, keys...)
		if seen < listPage {
			return out, nil
		}
	}
}
