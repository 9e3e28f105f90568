package main

import (
	"context"
	"net/http"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/recovery"
)

// The hooks. Each one defers recovery.Guard: the plugin is one process, and a panic
// in any hook would end it, taking every conversation and card with it. The packages
// behind them answer a panic themselves where they can (an apology to the customer,
// a 500, an ephemeral error); the guards here are the last line.

func (p *Plugin) MessageHasBeenPosted(_ *plugin.Context, post *model.Post) {
	defer recovery.Guard(p.API, "MessageHasBeenPosted", nil)
	p.conversations.OnPost(post)
}

// WebSocketMessageHasBeenPosted sees every websocket message a client sends; the
// customer's "typing…" tells a reply not yet shown that more is coming.
func (p *Plugin) WebSocketMessageHasBeenPosted(_, userID string, req *model.WebSocketRequest) {
	defer recovery.Guard(p.API, "WebSocketMessageHasBeenPosted", nil)
	if req == nil || req.Action != wsUserTyping || p.conversations == nil {
		return
	}
	channelID, _ := req.Data["channel_id"].(string)
	parentID, _ := req.Data["parent_id"].(string)
	if channelID != "" {
		p.conversations.Typing(userID, channelID, parentID)
	}
}

// wsUserTyping is the action a client's typing event carries (model has no constant).
const wsUserTyping = "user_typing"

func (p *Plugin) ServeHTTP(_ *plugin.Context, w http.ResponseWriter, r *http.Request) {
	defer recovery.Guard(p.API, "ServeHTTP "+r.URL.Path, func(any) {
		// The headers may be out already; then this write is only lost, not harmful.
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error":"internal error"}` + "\n"))
	})
	p.router.ServeHTTP(w, r)
}

func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (resp *model.CommandResponse, appErr *model.AppError) {
	defer recovery.Guard(p.API, "ExecuteCommand", func(any) {
		resp, appErr = &model.CommandResponse{ResponseType: model.CommandResponseTypeEphemeral,
			Text: i18n.Both("cmd.failed")}, nil
	})
	return p.commands.Execute(args), nil
}

func (p *Plugin) ChannelHasBeenCreated(_ *plugin.Context, ch *model.Channel) {
	defer recovery.Guard(p.API, "ChannelHasBeenCreated", nil)
	// It may be the staff channel that was missing: answers cached without it are stale.
	p.forget(forgotten{All: true})
	p.joinIfWatched(ch)
}

// ChannelWillBeUpdated: a renamed channel may stop or start being watched or
// being the staff channel. The update is let through unchanged. (It runs before
// the change is stored: a read in between keeps the old record at most
// people.LookupTTL.)
func (p *Plugin) ChannelWillBeUpdated(_ *plugin.Context, newChannel, _ *model.Channel) (*model.Channel, string) {
	defer recovery.Guard(p.API, "ChannelWillBeUpdated", nil)
	p.forget(forgotten{Channel: newChannel.Id, All: true})
	return nil, ""
}

// UserHasJoinedChannel and UserHasLeftChannel: the channel may be the staff channel,
// and a staff member removed from it must lose their rights at once, not when the
// cached answer expires; and whether a channel has one customer changes.
func (p *Plugin) UserHasJoinedChannel(_ *plugin.Context, m *model.ChannelMember, _ *model.User) {
	defer recovery.Guard(p.API, "UserHasJoinedChannel", nil)
	p.forget(forgotten{User: m.UserId, Channel: m.ChannelId})
}

func (p *Plugin) UserHasLeftChannel(_ *plugin.Context, m *model.ChannelMember, _ *model.User) {
	defer recovery.Guard(p.API, "UserHasLeftChannel", nil)
	p.forget(forgotten{User: m.UserId, Channel: m.ChannelId})
}

// UserHasBeenDeactivated: a deactivated user is no longer staff, nor mentioned.
func (p *Plugin) UserHasBeenDeactivated(_ *plugin.Context, u *model.User) {
	defer recovery.Guard(p.API, "UserHasBeenDeactivated", nil)
	p.forget(forgotten{User: u.Id, All: true})
}

// OnPluginClusterEvent: another node imported shop data (reload it and reindex) or
// refunded an order (serve its new state now).
func (p *Plugin) OnPluginClusterEvent(_ *plugin.Context, ev model.PluginClusterEvent) {
	defer recovery.Guard(p.API, "OnPluginClusterEvent", nil)
	switch ev.Id {
	case clusterEventForget:
		p.onForgetEvent(ev.Data)
	case clusterEventShopChanged:
		// Decoding a big catalog takes seconds: not inside the hook.
		p.goSafe("reload after a cluster import", func() {
			if err := p.shop.Load(context.Background()); err != nil {
				p.API.LogError("Concierge: reload after a cluster import failed", "err", err.Error())
				return
			}
			p.reindex()
		})
	case clusterEventOrderChanged:
		orderID := string(ev.Data)
		p.goSafe("reload of a changed order", func() {
			if err := p.shop.ReloadOrder(context.Background(), orderID); err != nil {
				p.API.LogError("Concierge: reload of an order changed on another node failed", "order_id", orderID, "err", err.Error())
			}
		})
	}
}

// goSafe runs fn in a goroutine whose panic is logged instead of ending the plugin;
// p.background counts them, so a test can wait for the work a hook started.
func (p *Plugin) goSafe(what string, fn func()) {
	p.background.Add(1)
	recovery.Go(p.API, what, func() {
		defer p.background.Done()
		fn()
	})
}
