package conversation

import (
	"context"
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/store"
)

// Versions before the tables kept each conversation under its own KV key. The
// first activation of this version copies them into the Store once; the copy is
// idempotent (a row already there is left alone, its counters not added twice),
// so a crash half-way or two servers at once lose and double nothing. The old
// keys stay, untouched, for a downgrade.
const (
	legacyKeyPrefix = "conv/c/"
	legacyDoneKey   = "conv/migrated-to-tables"
	migrateBatch    = 500
)

// MigrateKV copies the KV-stored conversations into st, once, and returns how
// many it added.
func MigrateKV(ctx context.Context, kv store.KV, st *Store) (int, error) {
	var done bool
	if _, err := store.GetJSON(kv, legacyDoneKey, &done); err != nil {
		return 0, fmt.Errorf("migrate conversations: %w", err)
	}
	if done {
		return 0, nil
	}
	keys, err := store.KeysWithPrefix(kv, legacyKeyPrefix)
	if err != nil {
		return 0, fmt.Errorf("migrate conversations: %w", err)
	}
	added := 0
	batch := make([]*Conversation, 0, migrateBatch)
	flush := func() error {
		n, err := st.Import(ctx, batch)
		added += n
		batch = batch[:0]
		return err
	}
	for _, k := range keys {
		var c Conversation
		ok, err := store.GetJSON(kv, k, &c)
		if err != nil {
			return added, fmt.Errorf("migrate conversations: %w", err)
		}
		if !ok {
			continue // deleted since the listing
		}
		if c.ID == "" {
			c.ID = strings.TrimPrefix(k, legacyKeyPrefix)
		}
		batch = append(batch, &c)
		if len(batch) == migrateBatch {
			if err := flush(); err != nil {
				return added, err
			}
		}
	}
	if err := flush(); err != nil {
		return added, err
	}
	if err := store.SetJSON(kv, legacyDoneKey, true); err != nil {
		return added, fmt.Errorf("migrate conversations: %w", err)
	}
	return added, nil
}
