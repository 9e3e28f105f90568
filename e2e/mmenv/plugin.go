package mmenv

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// PluginID and BotUsername are fixed by SPEC §1.
const (
	PluginID    = "concierge"
	BotUsername = "concierge"
)

// DefaultSettings are the plugin settings (SPEC §2) of the prepared world,
// keyed in lower case as Mattermost stores them. Replies are not held back
// (quiet window 0) so tests wait only for the bot itself; no LLM, so the
// offline planner answers.
func DefaultSettings() map[string]any {
	return map[string]any{
		"watchedchannels":        TeamName + "/cs-*",
		"staffchannel":           TeamName + "/" + ChannelStaff,
		"llmbaseurl":             "",
		"llmapikey":              "",
		"llmmodel":               "",
		"refundautoapprovelimit": 50000,
		"priceprotectiondays":    30,
		"replyquietwindowms":     0,
	}
}

// FindBundle returns the newest dist/concierge-*.tar.gz under root.
func FindBundle(root string) (string, error) {
	matches, err := filepath.Glob(filepath.Join(root, "dist", PluginID+"-*.tar.gz"))
	if err != nil {
		return "", fmt.Errorf("find plugin bundle: %w", err)
	}
	newest, newestTime := "", time.Time{}
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && st.ModTime().After(newestTime) {
			newest, newestTime = m, st.ModTime()
		}
	}
	if newest == "" {
		return "", fmt.Errorf("no plugin bundle %s: build it first (make dist)",
			filepath.Join(root, "dist", PluginID+"-*.tar.gz"))
	}
	return newest, nil
}

// SetPluginSettings replaces the plugin's settings through PUT /api/v4/config.
// The config travels as raw JSON so that no field the server knows and this
// client's model.Config does not is lost on the way back.
func (e *Env) SetPluginSettings(ctx context.Context, settings map[string]any) error {
	settings, err := NormalizeSettings(settings)
	if err != nil {
		return err
	}
	cfg, err := e.rawConfig(ctx)
	if err != nil {
		return err
	}
	ps, _ := cfg["PluginSettings"].(map[string]any)
	if ps == nil {
		return errors.New("config has no PluginSettings")
	}
	plugins, _ := ps["Plugins"].(map[string]any)
	if plugins == nil {
		plugins = map[string]any{}
		ps["Plugins"] = plugins
	}
	plugins[PluginID] = settings
	resp, err := e.Admin().DoAPIPutJSON(ctx, "/config", cfg)
	if err != nil {
		return fmt.Errorf("PUT /config: %w", err)
	}
	return resp.Body.Close()
}

// PluginSettings reads the plugin's settings as the server stores them.
func (e *Env) PluginSettings(ctx context.Context) (map[string]any, error) {
	cfg, err := e.rawConfig(ctx)
	if err != nil {
		return nil, err
	}
	ps, _ := cfg["PluginSettings"].(map[string]any)
	plugins, _ := ps["Plugins"].(map[string]any)
	settings, _ := plugins[PluginID].(map[string]any)
	return settings, nil
}

func (e *Env) rawConfig(ctx context.Context) (map[string]any, error) {
	resp, err := e.Admin().DoAPIGet(ctx, "/config", "")
	if err != nil {
		return nil, fmt.Errorf("GET /config: %w", err)
	}
	defer resp.Body.Close()
	var cfg map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
		return nil, fmt.Errorf("decode config: %w", err)
	}
	return cfg, nil
}

// InstallPlugin uploads the bundle (replacing any installed version), enables
// the plugin and waits until it runs.
func (e *Env) InstallPlugin(ctx context.Context, bundle string) (*model.Manifest, error) {
	f, err := os.Open(bundle)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	defer f.Close()
	manifest, _, err := e.Admin().UploadPluginForced(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("upload %s: %w", filepath.Base(bundle), err)
	}
	if manifest.Id != PluginID {
		return nil, fmt.Errorf("bundle %s holds plugin %q, want %q", bundle, manifest.Id, PluginID)
	}
	return manifest, e.EnablePlugin(ctx)
}

// EnablePlugin enables the plugin and waits until it runs.
func (e *Env) EnablePlugin(ctx context.Context) error {
	if _, err := e.Admin().EnablePlugin(ctx, PluginID); err != nil {
		return fmt.Errorf("enable %s: %w", PluginID, err)
	}
	return e.WaitPluginState(ctx, model.PluginStateRunning)
}

// DisablePlugin disables the plugin and waits until it has stopped.
func (e *Env) DisablePlugin(ctx context.Context) error {
	if _, err := e.Admin().DisablePlugin(ctx, PluginID); err != nil {
		return fmt.Errorf("disable %s: %w", PluginID, err)
	}
	return e.WaitPluginState(ctx, model.PluginStateNotRunning)
}

// WaitPluginState polls the plugin statuses until the plugin is in state;
// a plugin that failed to start is reported at once.
func (e *Env) WaitPluginState(ctx context.Context, state int) error {
	for {
		statuses, _, err := e.Admin().GetPluginStatuses(ctx)
		if err != nil {
			return fmt.Errorf("plugin statuses: %w", err)
		}
		last := model.PluginStateNotRunning // a plugin missing from the list is not running
		for _, s := range statuses {
			if s.PluginId == PluginID {
				last = s.State
			}
		}
		switch {
		case last == state:
			return nil
		case state == model.PluginStateRunning &&
			(last == model.PluginStateFailedToStart || last == model.PluginStateFailedToStayRunning):
			return fmt.Errorf("plugin %s failed to start (state %d): see the server log", PluginID, last)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("plugin %s: state %d, want %d: %w", PluginID, last, state, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// BotUser waits for the bot account the plugin creates on activation.
func (e *Env) BotUser(ctx context.Context) (*model.User, error) {
	for {
		u, resp, err := e.Admin().GetUserByUsername(ctx, BotUsername, "")
		if err == nil {
			return u, nil
		}
		if resp == nil || resp.StatusCode != http.StatusNotFound {
			return nil, fmt.Errorf("bot user %s: %w", BotUsername, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("bot user %s never appeared: %w", BotUsername, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// PluginRequest sends an HTTP request to the plugin's own routes
// (/plugins/concierge + path) as the user; an empty user sends no credentials.
func (e *Env) PluginRequest(ctx context.Context, user, method, path string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, e.URL+"/plugins/"+PluginID+path, body)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if user != "" {
		c, ok := e.Client(user)
		if !ok {
			return nil, fmt.Errorf("unknown user %q", user)
		}
		req.Header.Set(model.HeaderAuth, model.HeaderBearer+" "+c.AuthToken)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return http.DefaultClient.Do(req)
}

// NormalizeSettings lower-cases the keys, as the server stores them. The same key
// written twice in different cases ("ReplyQuietWindowMs" and "replyquietwindowms")
// is an error: the server would keep one of them at random.
func NormalizeSettings(settings map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(settings))
	for k, v := range settings {
		low := strings.ToLower(k)
		if _, dup := out[low]; dup {
			return nil, fmt.Errorf("plugin setting %q given twice (in different cases)", low)
		}
		out[low] = v
	}
	return out, nil
}
