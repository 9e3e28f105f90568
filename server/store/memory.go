package store

import (
	"bytes"
	"net/http"
	"sort"
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
)

// Memory is the KV for unit tests: the real PluginKV and pluginapi client, over an
// in-memory copy of the plugin API's KV methods. Tests thus run pluginapi's own
// atomic writes and retries, and only the database is faked.
type Memory struct {
	PluginKV
	api *memoryAPI
	// FailSet, when set, makes writes fail for keys it returns true for, so tests
	// can prove that a failed write leaves stored data unchanged.
	FailSet func(key string) bool
}

func NewMemory() *Memory {
	m := &Memory{}
	m.api = &memoryAPI{data: map[string][]byte{}, fail: func(key string) bool {
		return m.FailSet != nil && m.FailSet(key)
	}}
	m.PluginKV = NewPluginKV(pluginapi.NewClient(m.api, nil))
	return m
}

// memoryAPI implements the KV methods of plugin.API the way Mattermost's SQL
// store does (sqlstore.SqlPluginStore). Any other plugin.API method panics on the
// nil embedded interface: a test reaching one has a fixture to fix.
type memoryAPI struct {
	plugin.API
	mu   sync.Mutex
	data map[string][]byte
	fail func(key string) bool
}

func (m *memoryAPI) KVGet(key string) ([]byte, *model.AppError) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.data[key]; ok {
		return bytes.Clone(v), nil
	}
	return nil, nil
}

func (m *memoryAPI) KVSetWithOptions(key string, value []byte, o model.PluginKVSetOptions) (bool, *model.AppError) {
	if err := o.IsValid(); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail(key) {
		return false, model.NewAppError("KVSetWithOptions", "store.injected", nil, "injected failure", http.StatusInternalServerError)
	}
	cur, exists := m.data[key]
	if o.Atomic {
		switch {
		case value == nil && o.OldValue == nil: // nothing to compare a delete with
			return false, nil
		case o.OldValue == nil && exists: // insert only if absent
			return false, nil
		case o.OldValue != nil && (!exists || !bytes.Equal(cur, o.OldValue)):
			return false, nil
		}
	}
	if value == nil {
		delete(m.data, key)
	} else {
		m.data[key] = bytes.Clone(value)
	}
	return true, nil
}

func (m *memoryAPI) KVDelete(key string) *model.AppError {
	_, err := m.KVSetWithOptions(key, nil, model.PluginKVSetOptions{})
	return err
}

// KVList pages through the keys in order, as the database does (ORDER BY PKey).
func (m *memoryAPI) KVList(page, perPage int) ([]string, *model.AppError) {
	m.mu.Lock()
	keys := make([]string, 0, len(m.data))
	for k := range m.data {
		keys = append(keys, k)
	}
	m.mu.Unlock()
	sort.Strings(keys)
	start := page * perPage
	if start >= len(keys) {
		return []string{}, nil
	}
	return keys[start:min(start+perPage, len(keys))], nil
}
