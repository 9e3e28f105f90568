package main

import (
	"github.com/mattermost/mattermost/server/public/model"
)

// joinWatchedChannels adds the bot to every public channel matching WatchedChannels,
// so that it can post there and customers see it in the member list. Private
// channels need an admin to add the bot.
func (p *Plugin) joinWatchedChannels() {
	for _, pat := range p.getConfiguration().Watched() {
		team, appErr := p.API.GetTeamByName(pat.Team)
		if appErr != nil {
			p.API.LogWarn("Concierge: watched team not found", "team", pat.Team)
			continue
		}
		for page := 0; ; page++ {
			chans, appErr := p.API.GetPublicChannelsForTeam(team.Id, page, 200)
			if appErr != nil {
				break
			}
			for _, ch := range chans {
				if pat.Matches(team.Name, ch.Name) {
					p.join(ch)
				}
			}
			if len(chans) < 200 {
				break
			}
		}
	}
}

func (p *Plugin) joinIfWatched(ch *model.Channel) {
	if ch.TeamId == "" || ch.Type != model.ChannelTypeOpen {
		return
	}
	team, appErr := p.API.GetTeam(ch.TeamId)
	if appErr != nil {
		return
	}
	for _, pat := range p.getConfiguration().Watched() {
		if pat.Matches(team.Name, ch.Name) {
			p.join(ch)
			return
		}
	}
}

func (p *Plugin) join(ch *model.Channel) {
	if _, appErr := p.API.GetChannelMember(ch.Id, p.botID); appErr == nil {
		return
	}
	if _, appErr := p.API.GetTeamMember(ch.TeamId, p.botID); appErr != nil {
		if _, appErr := p.API.CreateTeamMember(ch.TeamId, p.botID); appErr != nil {
			p.API.LogWarn("Concierge: cannot join the team of a watched channel", "channel", ch.Name, "err", appErr.Error())
			return
		}
	}
	if _, appErr := p.API.AddChannelMember(ch.Id, p.botID); appErr != nil {
		p.API.LogWarn("Concierge: cannot join watched channel", "channel", ch.Name, "err", appErr.Error())
	}
}
