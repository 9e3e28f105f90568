package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/recovery"
)

// pluginID is the id in plugin.json: the key of our settings in the server's config.
const pluginID = "concierge"

// ConfigurationWillBeSaved rejects a bad Concierge setting in the System Console
// itself: the admin reads the reason when pressing Save, instead of the old settings
// staying in force with the reason only in the server log (OnConfigurationChange
// still guards a config written around the console, e.g. by mmctl or a file).
// Settings of other plugins and of the server pass untouched.
func (p *Plugin) ConfigurationWillBeSaved(newCfg *model.Config) (cfg *model.Config, err error) {
	defer recovery.Guard(p.API, "ConfigurationWillBeSaved", func(any) { cfg, err = nil, nil })
	if newCfg == nil {
		return nil, nil
	}
	raw, ok := pluginSettings(newCfg)
	if !ok {
		return nil, nil
	}
	if _, problem := parseSettings(raw); problem != nil {
		return nil, settingsRejected(problem)
	}
	return nil, nil // nil: save newCfg as it is
}

// settingsRejected is the error the System Console shows. It must be a
// *model.AppError: the server passes one through to the console as it is, but
// words any other error as "An error occurred running the plugin hook…" and hides
// the reason in the detailed error. SkipTranslation keeps the server from
// replacing the message with the translation of an id it does not know.
func settingsRejected(problem error) *model.AppError {
	const key = "plugin.settings_rejected" // our catalogue's key, also the error's id
	appErr := model.NewAppError("ConfigurationWillBeSaved", key, nil, "", http.StatusBadRequest)
	appErr.Message = fmt.Sprintf("concierge: %s: %v", i18n.Both(key), problem)
	appErr.SkipTranslation = true
	return appErr
}

// pluginSettings finds our settings; the server lower-cases plugin ids as keys.
func pluginSettings(c *model.Config) (map[string]any, bool) {
	for id, raw := range c.PluginSettings.Plugins {
		if strings.EqualFold(id, pluginID) {
			return raw, true
		}
	}
	return nil, false
}

// parseSettings decodes and validates the settings, for both hooks: IsValid's
// message names each bad setting and keeps its secrets out.
func parseSettings(raw map[string]any) (*config.Config, error) {
	cfg, err := config.FromMap(raw)
	if err != nil {
		return nil, err
	}
	if err := cfg.IsValid(); err != nil {
		return nil, err
	}
	return cfg, nil
}
