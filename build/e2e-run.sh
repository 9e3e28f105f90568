#!/usr/bin/env bash
# The whole e2e run (make e2e): dependencies, a fresh server, the suite, and
# the server stopped again on exit (E2E_KEEP=1 leaves it running for a look).
# Extra arguments go to `go test`, e.g.  bash build/e2e-run.sh -run TestStats
# E2E_BUNDLE=path tests that bundle instead of the newest dist/concierge-*.tar.gz.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
. "$here/e2e-env.sh"

if [ -n "${E2E_BUNDLE:-}" ]; then
  [ -f "$E2E_BUNDLE" ] || die "E2E_BUNDLE=$E2E_BUNDLE does not exist"
else
  compgen -G "$E2E_ROOT/dist/concierge-*.tar.gz" >/dev/null \
    || die "no plugin bundle dist/concierge-*.tar.gz: run make dist first"
fi
bash "$here/e2e-deps.sh"

if [ "${E2E_KEEP:-0}" != 1 ]; then
  trap 'bash "$here/e2e-down.sh"' EXIT
  trap 'exit 130' INT TERM  # so the EXIT trap runs on Ctrl-C too
fi
url=$(bash "$here/e2e-up.sh")

cd "$E2E_ROOT"
E2E_REUSE=1 E2E_MM_URL=$url go test -tags e2e -count=1 -timeout 10m -v ./e2e/... "$@" && go_rc=0 || go_rc=$?

# The SQL store's own tests (concurrent writers, lost races, pages) straight
# against the same PostgreSQL, in a fresh database of their own: its contract
# test walks every row there.
pgbin=$(pg_bindir)
as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$E2E_PG_PORT" -U postgres -d postgres -tAq \
  -c "DROP DATABASE IF EXISTS concierge_store_test" -c "CREATE DATABASE concierge_store_test"
CONCIERGE_TEST_PG="postgres://postgres@127.0.0.1:$E2E_PG_PORT/concierge_store_test?sslmode=disable" \
  go test -race -count=1 -run 'SQL' ./server/store/ || go_rc=1

# The webapp bundle as the real server serves it, in headless Chromium: as staff
# (tabs and numbers) and as a customer (the staff-only message).
if [ "${E2E_BROWSER:-1}" = 1 ]; then
  command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  # A Chinese font, or the screenshots show the shop's words as empty boxes.
  fc-list :lang=zh | grep -q . || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  bash "$here/npm-deps.sh"
  (cd "$E2E_ROOT/webapp" &&
    MM_URL=$url MM_USER=staff1 MM_PASSWORD=Staff1-pass-1 EXPECT=staff node e2e/bundle-check.mjs &&
    MM_URL=$url MM_USER=alice MM_PASSWORD=Alice-pass-1 EXPECT=denied LOCALE=zh-CN node e2e/bundle-check.mjs)
fi
exit $go_rc
