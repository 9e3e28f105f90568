package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

func notFound() *model.AppError {
	return model.NewAppError("test", "not_found", nil, "", http.StatusNotFound)
}

// newHookPlugin is a plugin with just enough wiring for the hooks that decide who
// is staff: staff channel shop/staff.
func newHookPlugin(t *testing.T, api *plugintest.API) *Plugin {
	t.Helper()
	api.On("GetUser", "u1").Return(&model.User{Id: "u1", Username: "ann", Roles: model.SystemUserRoleId}, nil).Maybe()
	api.On("LogWarn", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Maybe()
	api.On("PublishPluginClusterEvent", mock.Anything, mock.Anything).Return(nil).Maybe()
	p := &Plugin{cfg: &config.Config{StaffChannel: "shop/staff"}}
	p.SetAPI(api)
	p.people = p.newPeople("bot")
	p.conversations = conversation.New(conversation.Deps{API: api, KV: store.NewMemory(), BotID: "bot", Config: p.getConfiguration, People: p.people})
	t.Cleanup(p.conversations.Close)
	return p
}

func TestLeavingTheStaffChannelEndsStaffRightsAtOnce(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(&model.Channel{Id: "sc", Type: model.ChannelTypePrivate, CreatorId: "bot"}, nil)
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil).Once()
	api.On("GetChannelMember", "sc", "u1").Return(nil, notFound())
	p := newHookPlugin(t, api)
	if !p.people.IsStaff("u1") {
		t.Fatal("a member of the private staff channel is not staff")
	}
	p.UserHasLeftChannel(nil, &model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	if p.people.IsStaff("u1") {
		t.Fatal("still staff after leaving the staff channel")
	}
	api.On("GetChannelMember", "sc", "u1").Unset()
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	p.UserHasJoinedChannel(nil, &model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	if !p.people.IsStaff("u1") {
		t.Fatal("not staff after joining the staff channel")
	}
}

func TestCreatingTheMissingStaffChannelIsSeenAtOnce(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(nil, notFound()).Once()
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(&model.Channel{Id: "sc", Type: model.ChannelTypePrivate, CreatorId: "bot"}, nil)
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	p := newHookPlugin(t, api)
	if p.people.IsStaff("u1") {
		t.Fatal("staff without a staff channel")
	}
	p.ChannelHasBeenCreated(nil, &model.Channel{Id: "sc", Name: "staff", Type: model.ChannelTypePrivate})
	if !p.people.IsStaff("u1") {
		t.Fatal("the new staff channel's member is not staff")
	}
}

// panicLogs records the panics the hooks log; a plugin with nothing wired makes every
// hook panic on a nil pointer, the way a KV error once did on a nil card.
func panicLogs(api *plugintest.API) chan string {
	logs := make(chan string, 16)
	api.On("LogError", mock.Anything, "panic", mock.Anything, "stack", mock.Anything).Run(func(args mock.Arguments) {
		logs <- args.String(0)
	})
	return logs
}

func TestHooksRecoverFromPanics(t *testing.T) {
	api := &plugintest.API{}
	logs := panicLogs(api)
	p := &Plugin{}
	p.SetAPI(api)
	expectLog := func(hook string) {
		t.Helper()
		if msg := <-logs; !strings.Contains(msg, hook) {
			t.Fatalf("log %q, want one naming %s", msg, hook)
		}
	}

	p.MessageHasBeenPosted(nil, &model.Post{Id: "p1"})
	expectLog("MessageHasBeenPosted")
	p.ChannelHasBeenCreated(nil, &model.Channel{Id: "c1"})
	expectLog("ChannelHasBeenCreated")
	p.UserHasJoinedChannel(nil, &model.ChannelMember{UserId: "u1"}, nil)
	expectLog("UserHasJoinedChannel")
	p.UserHasLeftChannel(nil, &model.ChannelMember{UserId: "u1"}, nil)
	expectLog("UserHasLeftChannel")
	p.UserHasBeenDeactivated(nil, &model.User{Id: "u1"})
	expectLog("UserHasBeenDeactivated")
	if keep, why := p.ChannelWillBeUpdated(nil, &model.Channel{Id: "c1"}, &model.Channel{Id: "c1"}); keep != nil || why != "" {
		t.Fatalf("a panicking ChannelWillBeUpdated changed or refused the update: %v %q", keep, why)
	}
	expectLog("ChannelWillBeUpdated")
	// The reload runs in a goroutine of its own, guarded too.
	p.OnPluginClusterEvent(nil, model.PluginClusterEvent{Id: clusterEventShopChanged})
	expectLog("cluster import")

	rec := httptest.NewRecorder()
	p.ServeHTTP(nil, rec, httptest.NewRequest(http.MethodGet, "/api/v1/stats", nil))
	expectLog("ServeHTTP")
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Fatalf("ServeHTTP after a panic: %d %q", rec.Code, rec.Body.String())
	}

	resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{Command: "/concierge status"})
	expectLog("ExecuteCommand")
	if appErr != nil || resp == nil || resp.ResponseType != model.CommandResponseTypeEphemeral || resp.Text == "" {
		t.Fatalf("ExecuteCommand after a panic: %+v %v", resp, appErr)
	}
}
