package main

import (
	"context"
	"time"

	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/concierge-shop/concierge/server/conversation"
)

// catchUpHold bounds how long one server keeps the catch-up to itself while the
// replies it queued are written; the next server's catch-up then finds them posted.
const catchUpHold = 5 * time.Minute

// catchUpSettle: on a cluster, a message younger than this may be being answered
// by the server it came in through; the catch-up looks at it again when it is
// this old (conversation.CatchUpOptions.Settle).
const catchUpSettle = 90 * time.Second

// catchUp answers what the last run left unanswered (kept at a normal stop) and
// what was posted while the plugin was not running. On a cluster the servers take
// turns under a cluster mutex, each holding it until its replies are posted, so a
// message is not answered by two of them.
func (p *Plugin) catchUp(ctx context.Context) {
	mutex, err := cluster.NewMutex(p.API, "conversation_catchup")
	if err != nil {
		p.API.LogError("Concierge: cannot catch up on messages", "err", err.Error())
		return
	}
	if err := mutex.LockWithContext(ctx); err != nil {
		return // deactivated while waiting for another server
	}
	defer mutex.Unlock()
	resumed, err := p.conversations.Resume()
	if err != nil {
		p.API.LogError("Concierge: cannot answer messages left over from the last run", "err", err.Error())
	}
	var opt conversation.CatchUpOptions
	if cfg := p.API.GetConfig(); cfg != nil && cfg.ClusterSettings.Enable != nil && *cfg.ClusterSettings.Enable {
		opt.Settle = catchUpSettle
	}
	queued, err := p.conversations.CatchUp(ctx, opt)
	if err != nil {
		p.API.LogError("Concierge: cannot catch up on messages posted while the plugin was not running", "err", err.Error())
	}
	hold, cancel := context.WithTimeout(ctx, catchUpHold)
	defer cancel()
	_ = p.conversations.WaitAnswered(hold, append(resumed, queued...))
}
