package main

import (
	"fmt"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/recovery"
)

// getConfiguration returns the active settings. The value is immutable: a change
// swaps in a new pointer, so a reader holding an old one sees a consistent whole.
func (p *Plugin) getConfiguration() *config.Config {
	p.configLock.RLock()
	defer p.configLock.RUnlock()
	if p.cfg == nil {
		return &config.Config{}
	}
	return p.cfg
}

// OnConfigurationChange loads and validates the settings. A bad value is logged and
// the last good configuration stays in force.
func (p *Plugin) OnConfigurationChange() error {
	p.redactLogs() // the server calls this hook before OnActivate
	defer recovery.Guard(p.API, "OnConfigurationChange", nil)
	// Not GetPluginConfig: it returns the sanitized config, where every secret
	// setting (LLMAPIKey, OrderBackendSecret) reads "********".
	raw := map[string]any{}
	err := p.API.LoadPluginConfiguration(&raw)
	var cfg *config.Config
	if err == nil {
		cfg, err = parseSettings(raw)
	}
	if err != nil {
		p.API.LogError("Concierge settings rejected; the previous settings stay in force", "err", err.Error())
		p.configLock.Lock()
		p.cfgErr = err
		p.configLock.Unlock()
		if p.cfg == nil {
			// Nothing good to fall back on yet: start from the defaults.
			p.setConfiguration(&config.Config{})
		}
		return nil // returning an error would only disable the plugin
	}
	p.configLock.Lock()
	p.cfgErr = nil
	p.configLock.Unlock()
	p.setConfiguration(cfg)
	if p.conversations != nil {
		p.people.Forget()
		p.goSafe("joining the watched channels", p.joinWatchedChannels)
	}
	return nil
}

func (p *Plugin) setConfiguration(cfg *config.Config) {
	red := cfg.Redactor()
	p.configLock.Lock()
	defer p.configLock.Unlock()
	p.cfg, p.red = cfg, red
}

// configProblem describes the last rejected settings change, for /concierge status.
func (p *Plugin) configProblem() string {
	p.configLock.RLock()
	defer p.configLock.RUnlock()
	if p.cfgErr == nil {
		return ""
	}
	return fmt.Sprint(p.cfgErr)
}
