package main

import (
	"net/http"
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
	p := &Plugin{cfg: &config.Config{StaffChannel: "shop/staff"}}
	p.SetAPI(api)
	p.conversations = conversation.New(conversation.Deps{API: api, KV: store.NewMemory(), BotID: "bot", Config: p.getConfiguration})
	t.Cleanup(p.conversations.Close)
	return p
}

func TestLeavingTheStaffChannelEndsStaffRightsAtOnce(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(&model.Channel{Id: "sc", Type: model.ChannelTypePrivate}, nil)
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil).Once()
	api.On("GetChannelMember", "sc", "u1").Return(nil, notFound())
	p := newHookPlugin(t, api)
	if !p.isStaff("u1") {
		t.Fatal("a member of the private staff channel is not staff")
	}
	p.UserHasLeftChannel(nil, &model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	if p.isStaff("u1") {
		t.Fatal("still staff after leaving the staff channel")
	}
	api.On("GetChannelMember", "sc", "u1").Unset()
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	p.UserHasJoinedChannel(nil, &model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	if !p.isStaff("u1") {
		t.Fatal("not staff after joining the staff channel")
	}
}

func TestCreatingTheMissingStaffChannelIsSeenAtOnce(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(nil, notFound()).Once()
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(&model.Channel{Id: "sc", Type: model.ChannelTypePrivate}, nil)
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	p := newHookPlugin(t, api)
	if p.isStaff("u1") {
		t.Fatal("staff without a staff channel")
	}
	p.ChannelHasBeenCreated(nil, &model.Channel{Id: "sc", Name: "staff", Type: model.ChannelTypePrivate})
	if !p.isStaff("u1") {
		t.Fatal("the new staff channel's member is not staff")
	}
}
