package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"

	"github.com/concierge-shop/concierge/server/shop"
	"github.com/concierge-shop/concierge/server/store"
)

const (
	clusterCatalog = `{"currency":"CNY","products":[{"id":"p1","title":"Runner","category":"running-shoes",
 "skus":[{"id":"s1","price":59900,"stock":3}]}]}`
	clusterOrders = `{"customers":[{"user":"alice"}],
 "orders":[{"id":"O1","user":"alice","status":"deposit_paid","items":[{"sku_id":"s1","qty":1,"unit_price":59900}],
 "deposit":{"amount":5000,"refundable":true}}]}`
)

// A built-in refund on one node shows on the others at once: the refunding node
// announces the order, and the others serve its stored state.
func TestOrderChangedOnAnotherNodeIsServedAtOnce(t *testing.T) {
	ctx := context.Background()
	kv := store.NewMemory()
	n := 0
	ids := func() string { n++; return "g" + strconv.Itoa(n) }
	other := shop.NewRepo(kv, noLock{}, ids)
	if err := other.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ImportCatalog(ctx, strings.NewReader(clusterCatalog)); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ImportOrders(ctx, strings.NewReader(clusterOrders)); err != nil {
		t.Fatal(err)
	}

	api := &plugintest.API{}
	var sent []model.PluginClusterEvent
	api.On("PublishPluginClusterEvent", mock.Anything, mock.Anything).Return(nil).Run(func(args mock.Arguments) {
		sent = append(sent, args.Get(0).(model.PluginClusterEvent))
	})
	p := &Plugin{shop: shop.NewRepo(kv, noLock{}, ids)}
	p.SetAPI(api)
	if err := p.shop.Load(ctx); err != nil {
		t.Fatal(err)
	}
	// The announcing side, as wired in OnActivate.
	other.OnOrderChanged = p.announceOrderChange
	if _, err := other.UpdateOrder(ctx, "O1", func(o *shop.Order) error { o.Status = shop.StatusRefunded; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(sent) != 1 || sent[0].Id != clusterEventOrderChanged || string(sent[0].Data) != "O1" {
		t.Fatalf("events sent %+v", sent)
	}
	if got := p.shop.Snapshot().OrderOf("alice", "O1").Status; got != shop.StatusDepositPaid {
		t.Fatalf("before the event: %s", got)
	}
	p.OnPluginClusterEvent(nil, sent[0])
	p.background.Wait()
	if got := p.shop.Snapshot().OrderOf("alice", "O1").Status; got != shop.StatusRefunded {
		t.Fatalf("after the event: %s, want refunded", got)
	}
}
