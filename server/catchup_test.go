package main

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/mock"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

// On a cluster the servers catch up in turn: while another one holds the
// catch-up's mutex this one waits, and it lets go when it is done. In a synctest
// bubble, so the mutex's retry interval (about a second) passes on virtual time.
func TestCatchUpTakesItsTurnOnTheCluster(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := &plugintest.API{}
		var mu sync.Mutex
		held, tries, released := true, 0, false
		retried := make(chan struct{})
		api.On("KVSetWithOptions", mock.Anything, mock.Anything, mock.Anything).Return(
			func(_ string, value []byte, _ model.PluginKVSetOptions) (bool, *model.AppError) {
				mu.Lock()
				defer mu.Unlock()
				if value == nil { // Unlock
					released = true
					return true, nil
				}
				if tries++; tries == 2 {
					close(retried)
				}
				return !held, nil
			})
		started := make(chan struct{})
		api.On("GetConfig").Return(&model.Config{}).Run(func(mock.Arguments) { close(started) }).Once()
		p := &Plugin{}
		p.SetAPI(api)
		cfg := &config.Config{}
		p.conversations = conversation.New(conversation.Deps{API: api, KV: store.NewMemory(), BotID: "bot",
			Config: func() *config.Config { return cfg }})

		done := make(chan struct{})
		go func() { defer close(done); p.catchUp(context.Background()) }()
		select {
		case <-retried: // it asked for the mutex, was refused and asked again
		case <-time.After(10 * time.Second):
			t.Fatal("the catch-up did not ask for the mutex")
		}
		synctest.Wait() // the catch-up now waits to ask again: nothing else can happen
		select {
		case <-started:
			t.Fatal("caught up while another server held the mutex")
		default:
		}
		mu.Lock()
		held = false
		mu.Unlock()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the catch-up did not run once the mutex was free")
		}
		select {
		case <-started:
		default:
			t.Fatal("the catch-up returned without catching up")
		}
		mu.Lock()
		defer mu.Unlock()
		if !released {
			t.Fatal("the catch-up's mutex was not released")
		}
	})
}
