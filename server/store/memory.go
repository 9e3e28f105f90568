package store

import (
	"bytes"
	"sort"
	"sync"
)

// Memory is an in-process KV for unit tests: the one fake every package's tests use.
type Memory struct {
	mu   sync.Mutex
	data map[string][]byte
	// FailSet, when set, makes Set/CompareAndSet fail for keys it returns true for,
	// so tests can prove that a failed write leaves stored data unchanged.
	FailSet func(key string) bool
}

func NewMemory() *Memory { return &Memory{data: map[string][]byte{}} }

func (m *Memory) Get(key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.data[key]; ok {
		return append([]byte(nil), v...), nil
	}
	return nil, nil
}

func (m *Memory) Set(key string, value []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.FailSet != nil && m.FailSet(key) {
		return errInjected
	}
	if value == nil {
		delete(m.data, key)
		return nil
	}
	m.data[key] = append([]byte(nil), value...)
	return nil
}

func (m *Memory) CompareAndSet(key string, oldValue, newValue []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.FailSet != nil && m.FailSet(key) {
		return false, errInjected
	}
	cur, exists := m.data[key]
	if oldValue == nil {
		if exists {
			return false, nil
		}
	} else if !exists || !bytes.Equal(cur, oldValue) {
		return false, nil
	}
	if newValue == nil {
		delete(m.data, key)
	} else {
		m.data[key] = append([]byte(nil), newValue...)
	}
	return true, nil
}

func (m *Memory) Delete(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.data, key)
	return nil
}

func (m *Memory) ListKeys(page, perPage int) ([]string, error) {
	m.mu.Lock()
	keys := make([]string, 0, len(m.data))
	for k := range m.data {
		keys = append(keys, k)
	}
	m.mu.Unlock()
	sort.Strings(keys)
	start := page * perPage
	if start >= len(keys) {
		return nil, nil
	}
	end := min(start+perPage, len(keys))
	return keys[start:end], nil
}

type injectedError struct{}

func (injectedError) Error() string { return "store: injected failure" }

var errInjected error = injectedError{}
