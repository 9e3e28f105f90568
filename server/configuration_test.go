package main

import (
	"testing"

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
