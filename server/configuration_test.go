package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
)

// Secret settings must reach the plugin as set, not as the "********" of the
// sanitized config (the e2e suite caught the LLM key arriving masked).
func TestSecretsAreReadUnmasked(t *testing.T) {
	api := &plugintest.API{}
	api.On("LoadPluginConfiguration", mock.Anything).Run(func(args mock.Arguments) {
		*args.Get(0).(*map[string]any) = map[string]any{
			"llmbaseurl": "http://127.0.0.1:8081/v1", "llmmodel": "m", "llmapikey": "sk-real",
			"orderbackend": "http", "orderbackendurl": "https://shop.example/refunds", "orderbackendsecret": "hmac-real",
		}
	}).Return(nil)
	api.On("GetPluginConfig").Return(map[string]any{"llmapikey": "********************************"}).Maybe()
	p := &Plugin{}
	p.SetAPI(api)
	if err := p.OnConfigurationChange(); err != nil {
		t.Fatal(err)
	}
	cfg := p.getConfiguration()
	if cfg.LLMAPIKey != "sk-real" || cfg.OrderBackendSecret != "hmac-real" {
		t.Fatalf("secrets read as %q / %q", cfg.LLMAPIKey, cfg.OrderBackendSecret)
	}
	if problem := p.configProblem(); problem != "" {
		t.Fatalf("valid settings reported a problem: %s", problem)
	}
}

// A rejected settings change is logged and shown in /concierge status without its
// secrets; every later log line is cleaned of the settings in force.
func TestSettingsSecretsStayOutOfErrorsAndLogs(t *testing.T) {
	api := &plugintest.API{}
	settings := map[string]any{"llmbaseurl": "ftp://u:PASSWORD@h/v1?api_key=QUERYSECRET", "llmmodel": "m", "llmapikey": "sk-KEY"}
	api.On("LoadPluginConfiguration", mock.Anything).Run(func(args mock.Arguments) {
		*args.Get(0).(*map[string]any) = settings
	}).Return(nil)
	var logged []string
	api.On("LogError", mock.Anything, mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
		logged = append(logged, fmt.Sprint(args...))
	})
	p := &Plugin{}
	p.SetAPI(api)
	if err := p.OnConfigurationChange(); err != nil {
		t.Fatal(err)
	}
	shown := p.configProblem()
	if shown == "" || len(logged) != 1 {
		t.Fatalf("rejection not reported: %q, logs %q", shown, logged)
	}
	// Now good settings with the same secrets, and an error from anywhere quoting them.
	settings = map[string]any{"llmbaseurl": "http://u:PASSWORD@h/v1?api_key=QUERYSECRET", "llmmodel": "m", "llmapikey": "sk-KEY"}
	if err := p.OnConfigurationChange(); err != nil {
		t.Fatal(err)
	}
	p.API.LogError("llm failed", "err", errors.New(`Post "http://u:PASSWORD@h/v1?api_key=QUERYSECRET": key sk-KEY refused`))
	for _, text := range append(logged, shown) {
		for _, secret := range []string{"PASSWORD", "QUERYSECRET", "sk-KEY"} {
			if strings.Contains(text, secret) {
				t.Errorf("%q shows %s", text, secret)
			}
		}
	}
	if len(logged) != 2 {
		t.Fatalf("logs %q", logged)
	}
}

// A bad setting is refused when the System Console saves it, with the reason the
// admin needs; good settings, and a config without ours, are saved as they are.
func TestConfigurationWillBeSavedRejectsABadSetting(t *testing.T) {
	p := &Plugin{}
	p.SetAPI(&plugintest.API{})
	save := func(settings map[string]any) error {
		c := &model.Config{}
		c.SetDefaults()
		if settings != nil {
			c.PluginSettings.Plugins = map[string]map[string]any{"concierge": settings}
		}
		out, err := p.ConfigurationWillBeSaved(c)
		if out != nil {
			t.Errorf("the config was replaced, want it saved as given")
		}
		return err
	}
	err := save(map[string]any{"staffchannel": "no-team-part", "llmbaseurl": "ftp://x", "llmapikey": "sk-secret"})
	if err == nil {
		t.Fatal("a bad StaffChannel and LLMBaseURL were accepted")
	}
	// The server shows an *AppError's own message in the console; any other error
	// becomes a generic "error running the plugin hook" there.
	var appErr *model.AppError
	if !errors.As(err, &appErr) || appErr.StatusCode != http.StatusBadRequest || !appErr.SkipTranslation {
		t.Fatalf("reason %#v: want a 400 *model.AppError the server shows untranslated", err)
	}
	if appErr.Translate(func(id string, _ ...any) string { return id }); appErr.Message == appErr.Id {
		t.Fatalf("the server's translation replaced the reason with %q", appErr.Message)
	}
	for _, want := range []string{"StaffChannel", "LLMBaseURL", "concierge", "设置无效"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("reason %q does not name %s", err, want)
		}
	}
	if strings.Contains(err.Error(), "sk-secret") {
		t.Errorf("reason %q shows a secret", err)
	}
	if err := save(map[string]any{"staffchannel": "shop/staff", "watchedchannels": "shop/cs-*"}); err != nil {
		t.Errorf("good settings refused: %v", err)
	}
	if err := save(nil); err != nil {
		t.Errorf("a config without our settings refused: %v", err)
	}
}
