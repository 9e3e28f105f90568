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
echo
echo "== conversation: duplex (issue 16), default quiet window 2500 ms beside 0 =="
echo "   CompleteQuestion: added latency of a complete question; Fragments: last of three fragments"
echo "   300 ms apart to the reply; InterruptStaleStream: interrupting message to the stale model stream's end"
go test -run '^$' -bench 'Duplex(CompleteQuestion|InterruptStaleStream)' -benchtime 200x ./server/conversation/
go test -run '^$' -bench 'DuplexFragments' -benchtime 5x ./server/conversation/
echo
echo "== conversations at scale (issue 18): 100k stored, on the real server (Mattermost + PostgreSQL) =="
echo "   client-side through HTTP as staff; baselines: a Mattermost route, and a plugin route reading one row"
echo "   (BENCH_SCALE=0 skips; uses the bundle make e2e-bundle built, which make bench does first)"
if [ "${BENCH_SCALE:-1}" != 0 ]; then
	bundle=${E2E_BUNDLE:-$(ls -t "$PWD"/dist/e2e/*.tar.gz | head -n 1)}
	E2E_BROWSER=0 E2E_SCALE_CONVERSATIONS=${E2E_SCALE_CONVERSATIONS:-100000} E2E_BUNDLE=$bundle \
		bash build/e2e-run.sh -run '^TestConversationsAtScale$' -v | grep -E '^BENCH|seeded|^(--- |FAIL|ok)'
fi
