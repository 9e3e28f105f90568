package main

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/recovery"
)

// The handoff's links to the rest of the plugin: the conversations' way to it, card
// states for its summary, and the reminder job.

// handoffs is how the conversation service reaches p.handoff. Each needs the other
// (a handoff reads and marks conversations), so the composition root closes the
// loop: neither package is handed the other's concrete type or wired by a setter.
type handoffs struct{ p *Plugin }

func (h handoffs) HandOff(ctx context.Context, conv *conversation.Conversation, reason, words string) error {
	return h.p.handoff.HandOff(ctx, conv, reason, words)
}

// cardState is a refund card's state as a handoff summary shows it ("" unknown).
func (p *Plugin) cardState(id string) string {
	c, err := p.refunds.Get(id)
	if err != nil || c == nil {
		return ""
	}
	if c.AwaitingGoods() {
		return "awaiting_goods"
	}
	return c.State
}

// remindHandoffs re-pings and escalates handoffs nobody took (cluster job).
func (p *Plugin) remindHandoffs() {
	defer recovery.Guard(p.API, "handoff reminders", nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if n, err := p.handoff.Remind(ctx); err != nil {
		p.API.LogError("Concierge: handoff reminders failed", "err", err.Error())
	} else if n > 0 {
		p.API.LogInfo("Concierge: handoff reminders posted", "reminders", n)
	}
}

// afterLearn serves an FAQ staff approved: reindexed here, and the other nodes
// reload the shop data (which lays the learnt FAQs over the catalog) as after a
// catalog import. No price changed, so no price-protection sweep.
func (p *Plugin) afterLearn() {
	p.reindex()
	_ = p.API.PublishPluginClusterEvent(model.PluginClusterEvent{Id: clusterEventShopChanged, Data: []byte("catalog")},
		model.PluginClusterEventSendOptions{SendType: model.PluginClusterEventSendTypeReliable})
}
