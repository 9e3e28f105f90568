#!/usr/bin/env bash
# make bench: prints figures (no pass/fail). Speed targets live here, not in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== knowledge: index build, search latency, recall@3 / MRR (ours vs bleve standard) =="
go test -run '^$' -bench 'Knowledge' -benchtime=1x -timeout 30m ./server/knowledge/
echo
echo "== commerce: quote and price protection =="
go test -run '^$' -bench . -benchmem ./server/commerce/
echo
echo "== shop: streaming import of a 100k-product catalog =="
go test -run '^$' -bench 100k -benchtime 2x -benchmem ./server/shop/
