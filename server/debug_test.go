package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"
)

func TestProfilingEndpointIsOffByDefault(t *testing.T) {
	api := &plugintest.API{}
	got, stop := startDebug(api, func(string) string { return "" })
	defer stop()
	if got != api {
		t.Fatal("without CONCIERGE_PPROF_ADDR the API was wrapped")
	}
}

func TestProfilingEndpointCountsCalls(t *testing.T) {
	api := &plugintest.API{}
	api.On("LogInfo", mock.Anything, mock.Anything, mock.Anything).Maybe()
	api.On("GetUser", "u1").Return(&model.User{Id: "u1"}, nil)
	got, stop := startDebug(api, func(k string) string {
		if k == pprofEnv {
			return "127.0.0.1:0"
		}
		return ""
	})
	defer stop()
	counted, ok := got.(*countingAPI)
	if !ok {
		t.Fatalf("with CONCIERGE_PPROF_ADDR the API is a %T", got)
	}
	for range 3 {
		_, _ = got.GetUser("u1")
	}
	rec := httptest.NewRecorder()
	counted.serve(rec, httptest.NewRequest("GET", "/debug/rpc?reset=1", nil))
	if body := rec.Body.String(); !strings.Contains(body, "GetUser") || !strings.Contains(body, " 3 calls") {
		t.Fatalf("/debug/rpc says %q, want 3 GetUser calls", body)
	}
	rec = httptest.NewRecorder()
	counted.serve(rec, httptest.NewRequest("GET", "/debug/rpc", nil))
	if rec.Body.Len() != 0 {
		t.Fatalf("after a reset: %q", rec.Body.String())
	}
}
