package store

import (
	"github.com/mattermost/mattermost/server/public/model"
)

// PluginAPI is the part of plugin.API that PluginKV needs.
type PluginAPI interface {
	KVGet(key string) ([]byte, *model.AppError)
	KVSet(key string, value []byte) *model.AppError
	KVCompareAndSet(key string, oldValue, newValue []byte) (bool, *model.AppError)
	KVCompareAndDelete(key string, oldValue []byte) (bool, *model.AppError)
	KVDelete(key string) *model.AppError
	KVList(page, perPage int) ([]string, *model.AppError)
}

// PluginKV adapts the Mattermost plugin API to KV. The explicit nil checks matter: a
// nil *model.AppError returned as error would be a non-nil interface.
type PluginKV struct{ API PluginAPI }

func (p PluginKV) Get(key string) ([]byte, error) {
	v, appErr := p.API.KVGet(key)
	if appErr != nil {
		return nil, appErr
	}
	return v, nil
}

func (p PluginKV) Set(key string, value []byte) error {
	if appErr := p.API.KVSet(key, value); appErr != nil {
		return appErr
	}
	return nil
}

func (p PluginKV) CompareAndSet(key string, oldValue, newValue []byte) (bool, error) {
	var ok bool
	var appErr *model.AppError
	if newValue == nil {
		ok, appErr = p.API.KVCompareAndDelete(key, oldValue)
	} else {
		ok, appErr = p.API.KVCompareAndSet(key, oldValue, newValue)
	}
	if appErr != nil {
		return false, appErr
	}
	return ok, nil
}

func (p PluginKV) Delete(key string) error {
	if appErr := p.API.KVDelete(key); appErr != nil {
		return appErr
	}
	return nil
}

func (p PluginKV) ListKeys(page, perPage int) ([]string, error) {
	keys, appErr := p.API.KVList(page, perPage)
	if appErr != nil {
		return nil, appErr
	}
	return keys, nil
}
