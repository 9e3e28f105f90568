#!/usr/bin/env bash
# make demo: a local Mattermost + PostgreSQL (the e2e scripts), Concierge in offline
# mode with the demo shop, a scripted conversation printed as a transcript. The
# server stays up; `make demo-down` stops it. The demo has its own data dir and
# ports, so `make test` does not stop a running demo.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
export E2E_RUN=${E2E_RUN:-$(cd "$here/.." && pwd)/e2e/.run-demo}
export E2E_MM_PORT=${E2E_MM_PORT:-8066} E2E_PG_PORT=${E2E_PG_PORT:-55433}
if [ "${1:-}" = down ]; then
	exec bash "$here/e2e-down.sh"
fi
bash "$here/e2e-deps.sh"
url=$(E2E_REUSE_DATA=${DEMO_REUSE:-0} bash "$here/e2e-up.sh")
cd "$here/.."
E2E_MM_URL=$url go run ./e2e/cmd/demo -url "$url"
