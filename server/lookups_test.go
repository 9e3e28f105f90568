package main

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"

	"github.com/concierge-shop/concierge/server/people"
)

// A staff member leaving the staff channel on another server: that server's hook
// tells this one, which drops her staff rights at once.
func TestAnotherServersMembershipHookReachesThisOne(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannelByNameForTeamName", "shop", "staff", false).Return(&model.Channel{Id: "sc", Type: model.ChannelTypePrivate, CreatorId: "bot"}, nil)
	api.On("GetChannelMember", "sc", "u1").Return(&model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil).Once()
	api.On("GetChannelMember", "sc", "u1").Return(nil, notFound())
	var sent []model.PluginClusterEvent
	there := &plugintest.API{}
	there.On("PublishPluginClusterEvent", mock.Anything, mock.Anything).Return(nil).Run(func(args mock.Arguments) {
		sent = append(sent, args.Get(0).(model.PluginClusterEvent))
	})
	other := &Plugin{}
	other.SetAPI(there)
	other.people = people.New(there, "bot", func() (string, string, bool) { return "shop", "staff", true })

	p := newHookPlugin(t, api)
	if !p.people.IsStaff("u1") {
		t.Fatal("a member of the private staff channel is not staff")
	}
	other.UserHasLeftChannel(nil, &model.ChannelMember{ChannelId: "sc", UserId: "u1"}, nil)
	if len(sent) != 1 || sent[0].Id != clusterEventForget {
		t.Fatalf("the hook sent %v, want one %s event", sent, clusterEventForget)
	}
	p.OnPluginClusterEvent(nil, sent[0])
	if p.people.IsStaff("u1") {
		t.Fatal("still staff here after leaving the staff channel on another server")
	}
}

// A renamed channel is read again at once: it may stop or start being watched.
func TestRenamedChannelIsReadAgain(t *testing.T) {
	api := &plugintest.API{}
	api.On("GetChannel", "c1").Return(&model.Channel{Id: "c1", Name: "support"}, nil).Once()
	api.On("GetChannel", "c1").Return(&model.Channel{Id: "c1", Name: "archive"}, nil).Once()
	p := newHookPlugin(t, api)
	p.lookups = people.NewLookups(api)
	via := lookupAPI{API: api, l: p.lookups}
	for range 2 {
		if ch, _ := via.GetChannel("c1"); ch.Name != "support" {
			t.Fatalf("read %q", ch.Name)
		}
	}
	if keep, why := p.ChannelWillBeUpdated(nil, &model.Channel{Id: "c1", Name: "archive"}, &model.Channel{Id: "c1", Name: "support"}); keep != nil || why != "" {
		t.Fatalf("the update was changed or refused: %v %q", keep, why)
	}
	if ch, _ := via.GetChannel("c1"); ch.Name != "archive" {
		t.Fatalf("after the rename: read %q", ch.Name)
	}
	api.AssertExpectations(t)
}
