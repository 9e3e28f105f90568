package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/concierge-shop/concierge/server/commerce"
	"github.com/concierge-shop/concierge/server/store"
)

// ledgerPrefix is the KV prefix of the refund ledger: one record per order. It is
// not under the shop's prefixes, so an /orders re-import never touches it.
const ledgerPrefix = "commerce/refunds/"

// ledgerRecords is where the refund ledger keeps its records.
func ledgerRecords(kv store.KV) store.Records[commerce.RefundRecord] {
	return store.Records[commerce.RefundRecord]{KV: kv, Prefix: ledgerPrefix}
}

// legacyLedgerPrefix is where versions before the per-order record kept one entry
// per order, kind and sku.
const legacyLedgerPrefix = "commerce/ledger/"

// migrateLegacyLedger folds the entries of the old per-line ledger into per-order records
// and deletes them. It is idempotent (an entry already in its order's record is not
// added twice) and safe to run on several servers at once: each fold is a
// compare-and-set, and an old key is deleted only after its entry is in the record.
// It returns how many old entries it moved. It is storage work, so it lives here
// and not in commerce, which only computes.
func migrateLegacyLedger(ctx context.Context, kv store.KV) (int, error) {
	// Listing keys walks every key of the plugin: once is enough.
	if done, err := kv.Get(migratedKey); err != nil || done != nil {
		return 0, err
	}
	records := ledgerRecords(kv)
	keys, err := store.KeysWithPrefix(kv, legacyLedgerPrefix)
	if err != nil {
		return 0, fmt.Errorf("list legacy ledger: %w", err)
	}
	moved := 0
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return moved, err
		}
		data, err := kv.Get(k)
		if err != nil {
			return moved, fmt.Errorf("read %s: %w", k, err)
		}
		if data == nil {
			continue
		}
		var e commerce.LedgerEntry
		if err := json.Unmarshal(data, &e); err != nil || e.OrderID == "" || !strings.HasPrefix(k, legacyLedgerPrefix) {
			continue // not an entry we wrote: leave it for a person to look at
		}
		if _, err := records.Update(ctx, e.OrderID, func(rec *commerce.RefundRecord, _ bool) (bool, error) {
			rec.OrderID = e.OrderID
			if rec.Entry(e.Kind, e.SKUID) != nil {
				return false, nil
			}
			rec.Entries = append(rec.Entries, e)
			return true, nil
		}); err != nil {
			return moved, fmt.Errorf("migrate %s: %w", k, err)
		}
		if err := kv.Delete(k); err != nil {
			return moved, fmt.Errorf("delete %s: %w", k, err)
		}
		moved++
	}
	if err := kv.Set(migratedKey, []byte(`"1"`)); err != nil {
		return moved, fmt.Errorf("mark ledger migrated: %w", err)
	}
	return moved, nil
}

// migratedKey marks a finished migration.
const migratedKey = "commerce/ledger-migrated"
