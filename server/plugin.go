package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/concierge-shop/concierge/server/agent"
	"github.com/concierge-shop/concierge/server/api"
	"github.com/concierge-shop/concierge/server/command"
	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/handoff"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/knowledge"
	"github.com/concierge-shop/concierge/server/learn"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/redact"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

// Plugin wires the packages together; hooks delegate at once.
type Plugin struct {
	plugin.MattermostPlugin

	configLock sync.RWMutex
	cfg        *config.Config
	cfgErr     error
	red        *redact.Redactor // cfg's secrets, removed from every log line

	client        *pluginapi.Client // Mattermost's plugin library: KV, made once per activation
	outbound      *http.Client      // to the model and the order backend (outbound.go)
	botID         string
	shop          *shop.Repo
	index         *knowledge.Index
	people        *people.People
	lookups       *people.Lookups // users, channels, teams the conversations read (lookups.go)
	conversations *conversation.Service
	router        http.Handler
	commands      *command.Handler
	refunds       *refund.Service
	sweepJob      *cluster.Job
	reconcileJob  *cluster.Job
	remindJob     *cluster.Job
	handoff       *handoff.Service
	db            *sql.DB // Mattermost's database, where the conversations are
	cancel        context.CancelFunc
	background    sync.WaitGroup // goroutines started by goSafe
	mem           *memoryLimit   // the soft memory limit, lifted for imports and rebuilds
	stopDebug     func()         // ends the profiling endpoint (debug.go); nil when none
}

// Cluster events: another node imported shop data (Data: "catalog" or "orders"), or
// changed one order (Data: the order id) with a built-in refund.
const (
	clusterEventShopChanged  = "shop_changed"
	clusterEventOrderChanged = "order_changed"
)

// OnActivate builds everything once. Nothing slow runs here: the shop data is read
// from the KV store and the search index opens (or rebuilds) in the background
// (loading.go says who waits for them).
func (p *Plugin) OnActivate() (err error) {
	p.redactLogs()
	p.mem = newMemoryLimit(os.Getenv)
	if _, on := p.API.(*countingAPI); !on {
		p.API, p.stopDebug = startDebug(p.API, os.Getenv)
	}
	defer recovery.Guard(p.API, "OnActivate", func(v any) { err = fmt.Errorf("activation failed: %v", v) })
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel

	botID, appErr := p.API.EnsureBotUser(&model.Bot{
		Username:    "concierge",
		DisplayName: "Concierge",
		Description: i18n.Both("plugin.bot_description"),
	})
	if appErr != nil {
		return appErr
	}
	p.botID = botID
	p.setBotIcon()

	p.client = pluginapi.NewClient(p.API, p.Driver)
	p.outbound = newOutboundClient(p.API)
	kv := store.NewPluginKV(p.client)
	mutex, err := cluster.NewMutex(p.API, "shop_import")
	if err != nil {
		return err
	}
	p.shop = shop.NewRepo(kv, mutex, model.NewId)
	ordersMutex, err := cluster.NewMutex(p.API, "shop_orders")
	if err != nil {
		return err
	}
	p.shop.SetOrdersLock(ordersMutex)
	p.shop.OnOrderChanged = p.announceOrderChange
	p.goSafe("loading the shop data", func() { p.loadShop(ctx) })

	dir, err := p.dataDir()
	if err != nil {
		return err
	}
	p.index, err = knowledge.Open(ctx, filepath.Join(dir, "index"), p.API, func(ctx context.Context) (*shop.Snapshot, error) {
		// Checked against the stored data, not the empty snapshot of a node starting.
		if err := p.shop.WaitLoaded(ctx); err != nil {
			return nil, err
		}
		return p.shop.Snapshot(), nil
	})
	if err != nil {
		return err
	}

	ledger := commerce.Ledger{Records: ledgerRecords(kv)}
	p.people = p.newPeople(botID)
	p.refunds = refund.New(refund.Deps{
		API: p.API, KV: kv, BotID: botID, Shop: p.shop, Ledger: ledger,
		Settings: p.refundSettings, People: p.people, NewID: model.NewId,
	})
	toolDeps := agent.Deps{
		Search: p.index, Shop: p.shop, Refunds: refundOffers{p.refunds}, Ledger: ledger, Log: p.API,
		ProtectionDays: func() int { return int(p.getConfiguration().ProtectionDays()) },
	}
	plan := newPlanners(toolDeps, p.API, p.outbound)
	rows, err := p.openConversations(ctx, kv)
	if err != nil {
		return err
	}
	p.lookups = people.NewLookups(p.API)
	p.conversations = conversation.New(conversation.Deps{
		API:     lookupAPI{API: p.API, l: p.lookups},
		KV:      kv,
		Rows:    rows,
		BotID:   botID,
		Config:  p.getConfiguration,
		Planner: func() conversation.Planner { return shopReady{p: p, inner: plan.For(p.getConfiguration())} },
		Cards:   p.refunds,
		People:  p.people,
		Handoff: handoffs{p},
		Views:   replyViews{shop: p.shop, refunds: p.refunds},
		Changed: p.publishChange,
	})
	p.handoff = handoff.New(handoff.Deps{API: p.API, BotID: botID, Config: p.getConfiguration,
		Conversations: p.conversations, Store: p.conversations.Store, People: p.people, CardState: p.cardState, KV: kv})

	learner := learn.New(learn.Deps{API: p.API, KV: kv, BotID: botID, Conversations: p.conversations, Shop: p.shop,
		AfterLearn: p.afterLearn, IsStaff: p.people.IsStaff, StaffChannel: p.people.StaffChannelID, NewID: model.NewId,
		Changed: p.publishFAQ})
	p.router = p.waitForShop(api.New(api.Deps{
		Users:         p.API,
		Staff:         p.people,
		Shop:          limitedImports{Repo: p.shop, mem: p.mem},
		Search:        p.index,
		Conversations: p.conversations.Store,
		Staffing:      staffing{p: p, learn: learner},
		AfterImport:   p.afterImport,
		Actions: map[string]http.Handler{
			"refund":  p.refunds,
			"csat":    http.HandlerFunc(p.conversations.ServeCSAT),
			"faq":     learner,
			"faqedit": http.HandlerFunc(learner.ServeDialog),
		},
		MetricsToken: func() string { return p.getConfiguration().MetricsToken },
		Console:      api.Console{Shop: p.shop, Index: p.index, Model: modelChecker{config: p.getConfiguration, http: p.outbound}},
		Log:          p.API,
	}))
	p.commands = command.New(command.Deps{
		API:           p.API,
		Staff:         p.people,
		Conversations: p.conversations,
		Shop:          p.shop,
		Index:         p.index,
		ConfigProblem: p.configProblem,
		StaffChannel:  p.staffChannelProblem,
		AfterImport:   p.afterImport,
		Refunds:       p.refunds,
		Learn:         learner,
	})
	if err := p.API.RegisterCommand(command.Definition()); err != nil {
		return err
	}
	p.goSafe("joining the watched channels", p.joinWatchedChannels)
	// Messages left over from the last run, and those posted while the plugin was
	// not running: answered in the background, activation does not wait (catchup.go).
	p.goSafe("catching up on messages", func() { p.catchUp(ctx) })
	// Price protection for price drops that happen with time passing as well as by
	// import: hourly, on one server of the cluster at a time.
	if job, err := cluster.Schedule(p.API, "price_protection_sweep", cluster.MakeWaitForRoundedInterval(time.Hour), p.sweepPriceProtection); err == nil {
		p.sweepJob = job
	} else {
		p.API.LogError("Concierge: cannot schedule the price protection sweep", "err", err.Error())
	}
	go p.migrateLedger(ctx, kv)
	// Refunds whose outcome is unknown, or that a restart left half-done, are sent
	// again with their own idempotency keys: every minute, on one server at a time.
	if job, err := cluster.Schedule(p.API, "refund_reconcile", cluster.MakeWaitForInterval(time.Minute), p.reconcileRefunds); err == nil {
		p.reconcileJob = job
	} else {
		p.API.LogError("Concierge: cannot schedule the refund reconciliation", "err", err.Error())
	}
	// Handoffs nobody took are pinged again, then escalated: checked every minute,
	// on one server at a time.
	if job, err := cluster.Schedule(p.API, "handoff_remind", cluster.MakeWaitForInterval(time.Minute), p.remindHandoffs); err == nil {
		p.remindJob = job
	} else {
		p.API.LogError("Concierge: cannot schedule the handoff reminders", "err", err.Error())
	}
	return nil
}

func (p *Plugin) OnDeactivate() error {
	defer recovery.Guard(p.API, "OnDeactivate", nil)
	if p.cancel != nil {
		p.cancel()
	}
	if p.stopDebug != nil {
		p.stopDebug()
	}
	if p.sweepJob != nil {
		_ = p.sweepJob.Close()
	}
	if p.remindJob != nil {
		_ = p.remindJob.Close()
	}
	if p.reconcileJob != nil {
		_ = p.reconcileJob.Close()
	}
	if p.conversations != nil {
		p.conversations.Close()
	}
	if p.index != nil {
		_ = p.index.Close()
	}
	if p.db != nil {
		_ = p.db.Close()
	}
	return nil
}

// afterImport reindexes this node and tells the others.
func (p *Plugin) afterImport(kind string) {
	if kind == "catalog" {
		p.reindex()
		// A catalog change may have dropped prices below what customers paid.
		p.goSafe("price protection sweep", p.sweepPriceProtection)
	}
	_ = p.API.PublishPluginClusterEvent(model.PluginClusterEvent{Id: clusterEventShopChanged, Data: []byte(kind)},
		model.PluginClusterEventSendOptions{SendType: model.PluginClusterEventSendTypeReliable})
}

// announceOrderChange tells the other nodes to serve an order's new state now.
func (p *Plugin) announceOrderChange(orderID string) {
	if appErr := p.API.PublishPluginClusterEvent(model.PluginClusterEvent{Id: clusterEventOrderChanged, Data: []byte(orderID)},
		model.PluginClusterEventSendOptions{SendType: model.PluginClusterEventSendTypeReliable}); appErr != nil {
		p.API.LogWarn("Concierge: cannot announce an order change to the cluster", "order_id", orderID, "err", appErr.Error())
	}
}

// reindex rebuilds the search index from the current data in the background; the
// old index keeps answering until the new one is swapped in.
func (p *Plugin) reindex() {
	snap := p.shop.Snapshot()
	p.goSafe("warming up the agent", func() { agent.WarmUp(snap) })
	done := p.mem.heavy()
	p.goSafe("reindex", func() {
		defer done()
		if err := p.index.Rebuild(context.Background(), snap); err != nil {
			p.API.LogError("Concierge: reindex failed", "err", err.Error())
		}
	})
}

func (p *Plugin) dataDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(wd, "data")
	return dir, os.MkdirAll(dir, 0o750)
}

func (p *Plugin) setBotIcon() {
	bundle, err := p.API.GetBundlePath()
	if err != nil {
		return
	}
	if data, err := os.ReadFile(filepath.Join(bundle, "assets", "icon.png")); err == nil {
		if appErr := p.API.SetProfileImage(p.botID, data); appErr != nil {
			p.API.LogWarn("Concierge: cannot set the bot icon", "err", appErr.Error())
		}
	}
}
