package store

import (
	"fmt"
	"strings"

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

// Atomic is pluginapi's SetAtomicWithRetries. fn's own error is handed back
// unwrapped so that callers can still tell their sentinel errors apart.
func (p PluginKV) Atomic(key string, fn func(old []byte) ([]byte, error)) error {
	var fnErr error
	err := p.kv.SetAtomicWithRetries(key, func(old []byte) (any, error) {
		v, err := fn(old)
		fnErr = err
		if err != nil {
			return nil, err
		}
		return v, nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("atomic update %q: %w", key, err)
	}
	return nil
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
