// Package config holds the plugin settings (SPEC §2) as an immutable value. The plugin
// swaps a whole new *Config under a lock on every change; readers take the pointer once
// and never see a half-applied change.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/concierge-shop/concierge/server/redact"
)

// Defaults from SPEC §2.
const (
	DefaultRefundAutoApproveLimit = 50000
	DefaultPriceProtectionDays    = 30
	DefaultReplyQuietWindowMs     = 2500
	DefaultReturnWindowDays       = 7
	DefaultRefundCardHours        = 48
	// DefaultModelRepliesPerHour caps one customer's language-model replies; past it
	// the offline planner answers them (0 = no cap).
	DefaultModelRepliesPerHour = 60
)

// Config mirrors plugin.json's settings_schema. Numbers arrive from the server as JSON
// numbers or strings depending on how they were saved, so they are decoded leniently
// by the plugin (LoadPluginConfiguration into this struct) and normalised here.
type Config struct {
	WatchedChannels        string
	StaffChannel           string
	LLMBaseURL             string
	LLMAPIKey              string
	LLMModel               string
	RefundAutoApproveLimit *int64
	PriceProtectionDays    *int64
	ReplyQuietWindowMs     *int64
	ReturnWindowDays       *int64 // returns accepted this long after delivery
	RefundCardHours        *int64 // a refund card not confirmed within it expires; 0 = never
	OrderBackend           string // "builtin" (default) or "http"
	OrderBackendURL        string
	OrderBackendSecret     string
	// MetricsToken lets a Prometheus scraper read /metrics without a staff session
	// (Authorization: Bearer <token>); empty = staff sessions only.
	MetricsToken string
	// BusinessHoursSpec ("BusinessHours" setting, HH:MM-HH:MM) and BusinessTimezone
	// (IANA name; empty = the server's): outside them a customer handed to staff is
	// told when a person will answer. Empty = always.
	BusinessHoursSpec    string
	BusinessTimezone     string
	HandoffRepingMinutes *int64 // re-ping after it, escalate after twice; 0 = off
	ModelRepliesPerHour  *int64 // per customer; past it the offline planner answers; 0 = no cap
}

// ChannelPattern is one `team/channel` entry of WatchedChannels; Channel may contain `*`.
type ChannelPattern struct {
	Team    string
	Channel string
}

// Matches reports whether a team/channel name pair matches the pattern.
func (p ChannelPattern) Matches(team, channel string) bool {
	if !strings.EqualFold(p.Team, team) {
		return false
	}
	ok, err := path.Match(strings.ToLower(p.Channel), strings.ToLower(channel))
	return err == nil && ok
}

func (p ChannelPattern) String() string { return p.Team + "/" + p.Channel }

// Clone returns a deep copy so callers can derive a new value without touching the
// shared one.
func (c *Config) Clone() *Config {
	n := *c
	for _, p := range []**int64{&n.RefundAutoApproveLimit, &n.PriceProtectionDays, &n.ReplyQuietWindowMs, &n.ReturnWindowDays, &n.RefundCardHours, &n.HandoffRepingMinutes, &n.ModelRepliesPerHour} {
		if *p != nil {
			v := **p
			*p = &v
		}
	}
	return &n
}

// Watched parses WatchedChannels. IsValid has already rejected malformed entries.
func (c *Config) Watched() []ChannelPattern {
	var out []ChannelPattern
	for _, part := range strings.Split(c.WatchedChannels, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := parsePattern(part, true); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Staff returns the staff channel as team/channel, ok=false when unset.
func (c *Config) Staff() (ChannelPattern, bool) {
	s := strings.TrimSpace(c.StaffChannel)
	if s == "" {
		return ChannelPattern{}, false
	}
	p, err := parsePattern(s, false)
	return p, err == nil
}

// StaffNames is Staff as plain names, the form package people reads it in.
func (c *Config) StaffNames() (team, channel string, ok bool) {
	p, ok := c.Staff()
	return p.Team, p.Channel, ok
}

// Offline reports whether no language model is configured.
func (c *Config) Offline() bool { return strings.TrimSpace(c.LLMBaseURL) == "" }

func (c *Config) RefundLimit() int64 {
	return valueOr(c.RefundAutoApproveLimit, DefaultRefundAutoApproveLimit)
}

func (c *Config) ProtectionDays() int64 {
	return valueOr(c.PriceProtectionDays, DefaultPriceProtectionDays)
}

func (c *Config) QuietWindowMs() int64 {
	return valueOr(c.ReplyQuietWindowMs, DefaultReplyQuietWindowMs)
}

func (c *Config) ReturnDays() int64 {
	return valueOr(c.ReturnWindowDays, DefaultReturnWindowDays)
}

func (c *Config) RefundCardLifetimeHours() int64 {
	return valueOr(c.RefundCardHours, DefaultRefundCardHours)
}

// ModelRepliesCap is how many replies per hour one customer may have from the
// language model (0 = no cap).
func (c *Config) ModelRepliesCap() int64 {
	return valueOr(c.ModelRepliesPerHour, DefaultModelRepliesPerHour)
}

func valueOr(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}

// Redactor removes these settings' secrets (the LLM key, the order backend's secret,
// and whatever the two URLs carry in userinfo or query) from text: every settings
// error and log line goes through it.
func (c *Config) Redactor() *redact.Redactor {
	return redact.New([]string{c.LLMAPIKey, c.OrderBackendSecret, c.MetricsToken}, []string{c.LLMBaseURL, c.OrderBackendURL})
}

// IsValid reports every problem with the settings at once, naming the setting. The
// message is shown to staff and logged, so it carries no secret.
func (c *Config) IsValid() error {
	return c.Redactor().Error(c.problems())
}

func (c *Config) problems() error {
	var errs []error
	for _, part := range strings.Split(c.WatchedChannels, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if _, err := parsePattern(part, true); err != nil {
			errs = append(errs, fmt.Errorf("WatchedChannels: %q: %w", part, err))
		}
	}
	if s := strings.TrimSpace(c.StaffChannel); s != "" {
		if _, err := parsePattern(s, false); err != nil {
			errs = append(errs, fmt.Errorf("StaffChannel: %q: %w", s, err))
		}
	}
	if u := strings.TrimSpace(c.LLMBaseURL); u != "" {
		parsed, err := url.Parse(u)
		if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
			errs = append(errs, fmt.Errorf("LLMBaseURL: %q is not an http(s) URL", redact.URL(u)))
		} else if strings.TrimSpace(c.LLMModel) == "" {
			errs = append(errs, errors.New("LLMModel: required when LLMBaseURL is set"))
		}
	}
	switch c.OrderBackend {
	case "", "builtin":
	case "http":
		if u, err := url.Parse(strings.TrimSpace(c.OrderBackendURL)); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, errors.New("OrderBackendURL: an http(s) URL is required with the HTTP order backend"))
		}
		if strings.TrimSpace(c.OrderBackendSecret) == "" {
			errs = append(errs, errors.New("OrderBackendSecret: required with the HTTP order backend"))
		}
	default:
		errs = append(errs, fmt.Errorf("OrderBackend: %q is not builtin or http", c.OrderBackend))
	}
	if c.RefundLimit() < 0 {
		errs = append(errs, errors.New("RefundAutoApproveLimit: must be ≥ 0 cents"))
	}
	if d := c.ProtectionDays(); d < 0 || d > 3650 {
		errs = append(errs, errors.New("PriceProtectionDays: must be between 0 and 3650"))
	}
	if d := c.ReturnDays(); d < 0 || d > 3650 {
		errs = append(errs, errors.New("ReturnWindowDays: must be between 0 and 3650"))
	}
	if h := c.RefundCardLifetimeHours(); h < 0 || h > 8760 {
		errs = append(errs, errors.New("RefundCardHours: must be between 0 (never expire) and 8760"))
	}
	if w := c.QuietWindowMs(); w < 0 || w > 60000 {
		errs = append(errs, errors.New("ReplyQuietWindowMs: must be between 0 and 60000"))
	}
	if n := c.ModelRepliesCap(); n < 0 || n > 100000 {
		errs = append(errs, errors.New("ModelRepliesPerHour: must be between 0 (no cap) and 100000"))
	}
	errs = append(errs, c.hoursProblems()...)
	return errors.Join(errs...)
}

func parsePattern(s string, allowWildcard bool) (ChannelPattern, error) {
	team, channel, ok := strings.Cut(s, "/")
	team, channel = strings.TrimSpace(team), strings.TrimSpace(channel)
	if !ok || team == "" || channel == "" || strings.Contains(channel, "/") {
		return ChannelPattern{}, errors.New("want team/channel")
	}
	if strings.Contains(team, "*") {
		return ChannelPattern{}, errors.New("the team part cannot contain *")
	}
	if !allowWildcard && strings.ContainsAny(channel, "*?[") {
		return ChannelPattern{}, errors.New("wildcards are not allowed here")
	}
	if _, err := path.Match(channel, ""); err != nil {
		return ChannelPattern{}, fmt.Errorf("bad pattern: %w", err)
	}
	return ChannelPattern{Team: team, Channel: channel}, nil
}
