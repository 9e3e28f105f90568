#!/usr/bin/env bash
# make demo: a local Mattermost + PostgreSQL (the e2e scripts), Concierge in offline
# mode with the demo shop, a scripted conversation printed as a transcript. The
# server stays up; `make demo-down` stops it.
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
bash "$here/e2e-deps.sh"
url=$(E2E_REUSE_DATA=${DEMO_REUSE:-0} bash "$here/e2e-up.sh")
cd "$here/.."
E2E_MM_URL=$url go run ./e2e/cmd/demo -url "$url"
