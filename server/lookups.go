package main

import (
	"encoding/json"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/concierge-shop/concierge/server/people"
)

// lookupAPI is the plugin API the conversation service talks through, with the
// user, channel and team reads of every message kept briefly (people.Lookups).
// Only the conversation service reads through it: who is staff, which grants
// rights, is asked of Mattermost by package people (itself cached, see there).
type lookupAPI struct {
	plugin.API
	l *people.Lookups
}

func (a lookupAPI) GetUser(id string) (*model.User, *model.AppError)       { return a.l.User(id) }
func (a lookupAPI) GetChannel(id string) (*model.Channel, *model.AppError) { return a.l.Channel(id) }
func (a lookupAPI) GetTeam(id string) (*model.Team, *model.AppError)       { return a.l.Team(id) }

// clusterEventForget carries a drop of cached people answers to the other
// servers: Mattermost runs a hook only on the server a change came in through,
// and the others must not keep, say, a staff member's rights for the TTL after
// she left the staff channel.
const clusterEventForget = "people_forget"

// forgotten is what a hook saw change; empty fields changed nothing.
type forgotten struct {
	User    string `json:"user,omitempty"`
	Channel string `json:"channel,omitempty"`
	All     bool   `json:"all,omitempty"` // a channel renamed or created: maybe the staff channel
}

// forget drops the answers f makes stale here and on every other server.
func (p *Plugin) forget(f forgotten) {
	p.forgetHere(f)
	data, err := json.Marshal(f)
	if err != nil {
		return
	}
	_ = p.API.PublishPluginClusterEvent(model.PluginClusterEvent{Id: clusterEventForget, Data: data},
		model.PluginClusterEventSendOptions{SendType: model.PluginClusterEventSendTypeReliable})
}

func (p *Plugin) forgetHere(f forgotten) {
	if f.All {
		p.people.Forget()
	}
	if f.User != "" {
		p.people.ForgetUser(f.User)
		if p.lookups != nil {
			p.lookups.ForgetUser(f.User)
		}
	}
	if f.Channel != "" {
		p.people.ForgetChannel(f.Channel)
		if p.lookups != nil {
			p.lookups.ForgetChannel(f.Channel)
		}
	}
}

// onForgetEvent is another server's forget.
func (p *Plugin) onForgetEvent(data []byte) {
	var f forgotten
	if err := json.Unmarshal(data, &f); err != nil {
		p.API.LogWarn("Concierge: a malformed cache drop from another server", "err", err.Error())
		return
	}
	p.forgetHere(f)
}
