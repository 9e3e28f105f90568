package config

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FromMap builds a Config from the server's plugin settings map. Keys are matched
// case-insensitively (the server stores them lower-cased) and numbers are accepted as
// JSON numbers or numeric strings, because the System Console and the REST API save
// them differently.
func FromMap(m map[string]any) (*Config, error) {
	c := &Config{}
	get := func(key string) (any, bool) {
		for k, v := range m {
			if strings.EqualFold(k, key) {
				return v, v != nil
			}
		}
		return nil, false
	}
	for key, dst := range map[string]*string{
		"WatchedChannels": &c.WatchedChannels, "StaffChannel": &c.StaffChannel,
		"LLMBaseURL": &c.LLMBaseURL, "LLMAPIKey": &c.LLMAPIKey, "LLMModel": &c.LLMModel,
		"OrderBackend": &c.OrderBackend, "OrderBackendURL": &c.OrderBackendURL, "OrderBackendSecret": &c.OrderBackendSecret,
		"MetricsToken":  &c.MetricsToken,
		"BusinessHours": &c.BusinessHoursSpec, "BusinessTimezone": &c.BusinessTimezone,
	} {
		if v, ok := get(key); ok {
			s, isStr := v.(string)
			if !isStr {
				return nil, fmt.Errorf("%s: want text, got %T", key, v)
			}
			*dst = s
		}
	}
	for key, dst := range map[string]**int64{
		"RefundAutoApproveLimit": &c.RefundAutoApproveLimit,
		"PriceProtectionDays":    &c.PriceProtectionDays,
		"ReplyQuietWindowMs":     &c.ReplyQuietWindowMs,
		"ReturnWindowDays":       &c.ReturnWindowDays,
		"RefundCardHours":        &c.RefundCardHours,
		"HandoffRepingMinutes":   &c.HandoffRepingMinutes,
		"ModelRepliesPerHour":    &c.ModelRepliesPerHour,
	} {
		v, ok := get(key)
		if !ok {
			continue
		}
		n, present, err := toInt(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if present {
			*dst = &n
		}
	}
	return c, nil
}

func toInt(v any) (int64, bool, error) {
	switch x := v.(type) {
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return 0, false, fmt.Errorf("want a whole number, got %v", x)
		}
		return int64(x), true, nil
	case int64:
		return x, true, nil
	case int:
		return int64(x), true, nil
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			return 0, false, fmt.Errorf("want a whole number, got %q", x.String())
		}
		return n, true, nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, false, nil // empty field in the console = default
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, false, fmt.Errorf("want a whole number, got %q", x)
		}
		return n, true, nil
	default:
		return 0, false, fmt.Errorf("want a number, got %T", v)
	}
}
