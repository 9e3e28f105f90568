package main

import (
	"fmt"

	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/concierge-shop/concierge/server/redact"
)

// redactingAPI is the plugin API with every log line cleaned of the settings'
// secrets (the LLM key, the order backend's secret, credentials in the two URLs):
// an error from any package may quote them, and the server log is read by more
// people than may see the System Console's secret settings.
type redactingAPI struct {
	plugin.API
	red func() *redact.Redactor
}

func (a redactingAPI) LogError(msg string, kv ...any) { a.log(a.API.LogError, msg, kv) }
func (a redactingAPI) LogWarn(msg string, kv ...any)  { a.log(a.API.LogWarn, msg, kv) }
func (a redactingAPI) LogInfo(msg string, kv ...any)  { a.log(a.API.LogInfo, msg, kv) }
func (a redactingAPI) LogDebug(msg string, kv ...any) { a.log(a.API.LogDebug, msg, kv) }

func (a redactingAPI) log(to func(string, ...any), msg string, kv []any) {
	msg, kv = a.clean(msg, kv)
	to(msg, kv...)
}

// clean returns the message and the values without secrets. Every value that is not
// a number or a bool becomes text: an error or a struct may print a secret too.
func (a redactingAPI) clean(msg string, kv []any) (string, []any) {
	r := a.red()
	out := make([]any, len(kv))
	for i, v := range kv {
		switch v.(type) {
		case nil, bool, int, int32, int64, uint, uint32, uint64, float32, float64:
			out[i] = v
		default:
			out[i] = r.Clean(fmt.Sprint(v))
		}
	}
	return r.Clean(msg), out
}

// redactor is the current settings' Redactor.
func (p *Plugin) redactor() *redact.Redactor {
	p.configLock.RLock()
	defer p.configLock.RUnlock()
	return p.red
}

// redactLogs makes every log line of the plugin and of the packages it wires pass
// through the current settings' Redactor; run first in OnActivate.
func (p *Plugin) redactLogs() {
	if _, done := p.API.(redactingAPI); !done && p.API != nil {
		p.API = redactingAPI{API: p.API, red: p.redactor}
	}
}
