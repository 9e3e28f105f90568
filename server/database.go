package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mattermost/mattermost/server/public/shared/driver"

	"github.com/concierge-shop/concierge/server/conversation"
	"github.com/concierge-shop/concierge/server/store"
)

// openConversations opens the plugin's tables in Mattermost's own database (the
// plugin API's store, PostgreSQL), brings their schema up to date and, once, moves
// in the conversations an older version kept in the KV store. Everything reads
// and writes the master: a staff member who just took a conversation over must
// see it so in the next list.
func (p *Plugin) openConversations(ctx context.Context, kv store.KV) (conversation.Rows, error) {
	if p.Driver == nil {
		return nil, fmt.Errorf("open the database: the server gave the plugin no database driver")
	}
	// What pluginapi's StoreService.GetMasterDB does, without the logging
	// dependencies the rest of that package brings.
	db := sql.OpenDB(driver.NewConnector(p.Driver, true))
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open the database: %w", err)
	}
	p.db = db
	driverName := ""
	if cfg := p.API.GetConfig(); cfg != nil && cfg.SqlSettings.DriverName != nil {
		driverName = *cfg.SqlSettings.DriverName
	}
	if err := store.Migrate(ctx, db, driverName); err != nil {
		return nil, err
	}
	rows := store.NewSQLConvs(db)
	n, err := conversation.MigrateKV(ctx, kv, conversation.NewStore(rows))
	if err != nil {
		return nil, err
	}
	if n > 0 {
		p.API.LogInfo("Concierge: moved conversations from the KV store into the database", "count", n)
	}
	return rows, nil
}
