package main

import (
	"context"
	"time"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/i18n"
	"github.com/concierge-shop/concierge/server/people"
	"github.com/concierge-shop/concierge/server/recovery"
	"github.com/concierge-shop/concierge/server/refund"
	"github.com/concierge-shop/concierge/server/store"
)

// newPeople answers who is staff from the staff channel setting as it is now.
func (p *Plugin) newPeople(botID string) *people.People {
	return people.New(p.API, botID, func() (string, string, bool) { return p.getConfiguration().StaffNames() })
}

// refundSettings is read on every refund, so a settings change applies at once.
func (p *Plugin) refundSettings() refund.Settings {
	cfg := p.getConfiguration()
	var backend commerce.OrderBackend = commerce.BuiltIn{Orders: p.shop}
	if cfg.OrderBackend == "http" {
		backend = &commerce.HTTPBackend{URL: cfg.OrderBackendURL, Secret: cfg.OrderBackendSecret, Client: p.outbound}
	}
	return refund.Settings{
		Limit:          cfg.RefundLimit(),
		ProtectionDays: int(cfg.ProtectionDays()),
		ReturnDays:     int(cfg.ReturnDays()),
		CardLifetime:   time.Duration(cfg.RefundCardLifetimeHours()) * time.Hour,
		Backend:        backend,
		Clean:          cfg.Redactor().Clean,
	}
}

// reconcileRefunds is the cluster job that retries refunds in doubt.
func (p *Plugin) reconcileRefunds() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := p.shop.WaitLoaded(ctx); err != nil {
		return
	}
	n, err := p.refunds.Reconcile(ctx)
	if err != nil {
		p.API.LogError("Concierge: refund reconciliation failed", "err", err.Error())
	}
	if n > 0 {
		p.API.LogInfo("Concierge: refunds reconciled", "settled", n)
	}
}

// migrateLedger folds a ledger written by an older version into per-order records.
func (p *Plugin) migrateLedger(ctx context.Context, kv store.KV) {
	n, err := migrateLegacyLedger(ctx, kv)
	if err != nil {
		p.API.LogError("Concierge: refund ledger migration failed; it is retried at the next activation", "err", err.Error())
	}
	if n > 0 {
		p.API.LogInfo("Concierge: refund ledger migrated to per-order records", "entries", n)
	}
}

// staffChannelProblem is the StaffChannel setting and why it makes nobody staff.
func (p *Plugin) staffChannelProblem() (string, people.StaffProblem) {
	_, problem := p.people.StaffChannel()
	return p.getConfiguration().StaffChannel, problem
}

// sweepPriceProtection posts proactive price-protection cards (cluster job and after
// each catalog import; the per-line mark makes concurrent runs harmless).
func (p *Plugin) sweepPriceProtection() {
	// Also run by the cluster job scheduler, in a goroutine of its own.
	defer recovery.Guard(p.API, "price protection sweep", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := p.shop.WaitLoaded(ctx); err != nil {
		return
	}
	n, err := p.refunds.SweepPriceProtection(ctx, refund.ProactiveDeps{
		GetUserByUsername: p.API.GetUserByUsername,
		Conversation:      p.latestConversation,
		DM: func(userID string) (string, error) {
			ch, appErr := p.API.GetDirectChannel(userID, p.botID)
			if appErr != nil {
				return "", appErr
			}
			return ch.Id, nil
		},
	})
	if err != nil {
		p.API.LogError("Concierge: price protection sweep failed", "err", err.Error())
	}
	if n > 0 {
		p.API.LogInfo("Concierge: posted proactive price protection cards", "cards", n)
	}
}

// latestConversation finds where to reach a customer: their most recent
// conversation, unless that is a thread in a shared channel, where a card with
// her order would be read by other customers (SPEC §7): then her DM.
func (p *Plugin) latestConversation(userID string) (refund.Where, bool) {
	c, err := p.conversations.Latest(userID)
	if err != nil || c == nil || c.Kind == conversation.KindThread {
		return refund.Where{}, false
	}
	return refund.Where{ChannelID: c.ChannelID, RootID: c.RootID, ConversationID: c.ID,
		Lang: i18n.Parse(c.Lang), DM: c.Kind == conversation.KindDM}, true
}
