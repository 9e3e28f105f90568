package config

import (
	"strings"
	"testing"
)

func TestFromMapAndValidate(t *testing.T) {
	tests := []struct {
		name    string
		in      map[string]any
		wantErr string // substring; "" = valid
		check   func(t *testing.T, c *Config)
	}{
		{name: "defaults", in: map[string]any{}, check: func(t *testing.T, c *Config) {
			if c.RefundLimit() != 50000 || c.ProtectionDays() != 30 || c.QuietWindowMs() != 2500 || !c.Offline() {
				t.Fatalf("defaults wrong: %+v", c)
			}
		}},
		{name: "lowercase keys and string numbers", in: map[string]any{
			"watchedchannels": "shop/cs-*, shop/vip", "refundautoapprovelimit": "1000", "replyquietwindowms": float64(0),
		}, check: func(t *testing.T, c *Config) {
			if c.RefundLimit() != 1000 || c.QuietWindowMs() != 0 {
				t.Fatalf("numbers: %d %d", c.RefundLimit(), c.QuietWindowMs())
			}
			w := c.Watched()
			if len(w) != 2 || !w[0].Matches("shop", "cs-general") || w[0].Matches("shop", "random") || !w[1].Matches("SHOP", "VIP") {
				t.Fatalf("patterns: %+v", w)
			}
		}},
		{name: "bad pattern", in: map[string]any{"WatchedChannels": "nochannel"}, wantErr: "WatchedChannels"},
		{name: "wildcard team", in: map[string]any{"WatchedChannels": "*/x"}, wantErr: "team part"},
		{name: "staff wildcard", in: map[string]any{"StaffChannel": "shop/st*"}, wantErr: "StaffChannel"},
		{name: "bad url", in: map[string]any{"LLMBaseURL": "ftp://x", "LLMModel": "m"}, wantErr: "LLMBaseURL"},
		{name: "model required", in: map[string]any{"LLMBaseURL": "http://127.0.0.1:1/v1"}, wantErr: "LLMModel"},
		{name: "negative limit", in: map[string]any{"RefundAutoApproveLimit": float64(-1)}, wantErr: "RefundAutoApproveLimit"},
		{name: "fractional number", in: map[string]any{"PriceProtectionDays": 1.5}, wantErr: "PriceProtectionDays"},
		{name: "text number", in: map[string]any{"PriceProtectionDays": "abc"}, wantErr: "PriceProtectionDays"},
		{name: "http backend needs url and secret", in: map[string]any{"OrderBackend": "http"}, wantErr: "OrderBackendSecret"},
		{name: "unknown backend", in: map[string]any{"OrderBackend": "ftp"}, wantErr: "OrderBackend"},
		{name: "window too long", in: map[string]any{"ReplyQuietWindowMs": float64(600000)}, wantErr: "ReplyQuietWindowMs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromMap(tt.in)
			if err == nil {
				err = c.IsValid()
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				tt.check(t, c)
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestCloneIsDeep(t *testing.T) {
	c, _ := FromMap(map[string]any{"RefundAutoApproveLimit": float64(10)})
	n := c.Clone()
	*n.RefundAutoApproveLimit = 99
	if c.RefundLimit() != 10 {
		t.Fatal("clone shares the pointer")
	}
}

// A settings error is shown to staff and logged: it names the setting, never a secret.
func TestSettingsErrorsCarryNoSecrets(t *testing.T) {
	for _, in := range []map[string]any{
		{"LLMBaseURL": "ftp://user:PASSWORD@h/v1?api_key=QUERYSECRET", "LLMModel": "m", "LLMAPIKey": "sk-KEY"},
		{"LLMBaseURL": "http://h/v1?api_key=QUERYSECRET", "LLMAPIKey": "sk-KEY"}, // no model
		{"LLMBaseURL": "http://[h/v1?api_key=QUERYSECRET", "LLMModel": "m"},      // unparsable
		{"OrderBackend": "http", "OrderBackendURL": "ftp://h/refund?token=QUERYSECRET", "OrderBackendSecret": "sk-KEY"},
	} {
		c, err := FromMap(in)
		if err != nil {
			t.Fatal(err)
		}
		err = c.IsValid()
		if err == nil {
			t.Fatalf("%v: accepted", in)
		}
		for _, secret := range []string{"PASSWORD", "QUERYSECRET", "sk-KEY", "user:"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%v: error %q shows %s", in, err, secret)
			}
		}
	}
}

func TestRedactorCoversEverySecretSetting(t *testing.T) {
	c := &Config{LLMBaseURL: "https://u:PASSWORD@h/v1?k=QSECRET", LLMAPIKey: "sk-KEY", OrderBackendURL: "https://shop/r?t=TOKEN1", OrderBackendSecret: "HMAC"}
	got := c.Redactor().Clean("sk-KEY HMAC PASSWORD QSECRET TOKEN1 https://u:PASSWORD@h/v1?k=QSECRET")
	for _, secret := range []string{"sk-KEY", "HMAC", "PASSWORD", "QSECRET", "TOKEN1"} {
		if strings.Contains(got, secret) {
			t.Errorf("%q shows %s", got, secret)
		}
	}
}
