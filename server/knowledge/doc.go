// Package knowledge is the shop's search: products, FAQs and policies, in Chinese
// and English, ranked together (SPEC §5 search_knowledge, §6 GET /search).
//
// The index is a bleve index on local disk, a cache of the shop data that lives in
// the KV store: it can be deleted at any time and is rebuilt from a Source.
//
// Lifecycle
//
//   - Open returns at once. The Chinese dictionary loads in a background goroutine
//     (≈0.1 s); an index on disk is opened and checked (mapping version, analysis
//     fingerprint, document count, a probe query). A missing, unreadable, outdated
//     or stale index (older CatalogAt than the Source's) is rebuilt in the
//     background from the Source; until then Search returns ErrNotReady.
//   - Rebuild indexes a snapshot into a new generation directory in batches, merges
//     it into one segment, closes and reopens it (so it is complete on disk), points
//     CURRENT at it and swaps it in. Searches use the old generation until the swap;
//     the old one is then deleted. Call it after every catalog import.
//   - A search that fails or panics inside bleve returns an error (never panics)
//     and schedules a background rebuild from the Source, or from the last snapshot
//     indexed when there is no Source.
//   - Until the dictionary is loaded, searches run on the bigrams that the index
//     holds next to the words (less precise, never blocked); rebuilds wait for it.
//
// Analysis (analysis.go, synonyms.go)
//
// Full/half width and case are folded; Chinese is cut into words by gse with a
// trimmed dictionary (dict/) and also into bigrams; English is stemmed (snowball);
// numbers and model numbers are kept whole and split (256gb → 256gb 256 gb) and
// joined to their unit (42码, 1.5匹); model names form one term (nova_12);
// colloquial and cross-language phrasings map to concept tokens (偏码 → fit,
// 包邮 → shipping fee, 退钱 → refund, "runs large" → fit). Title weighs more than
// tags, tags more than body; SKU and product ids match whole or by prefix;
// English words no document contains get a fuzzy match (warrenty → warranty).
//
// Common terms (in more than 1% of the documents) only score documents that
// rarer terms found, which bounds the work of a query on a large catalog.
//
// Figures (go test -run '^$' -bench Knowledge -benchtime=1x ./server/knowledge/),
// the dictionary choice and the -tags ne build flag are in README.md.
package knowledge
