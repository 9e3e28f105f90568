#!/usr/bin/env bash
# make loadtest: a fresh Mattermost + PostgreSQL (build/e2e-up.sh), the plugin
# under load, figures printed side by side (e2e/cmd/loadtest), the server
# stopped again. Figures, not pass/fail. Ports and state dir as for the e2e
# suite: E2E_MM_PORT, E2E_PG_PORT, E2E_RUN; E2E_BUNDLE picks the bundle.
# LOADTEST_ARGS go to the command (e.g. "-products 20000 -customers 10").
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
. "$here/e2e-env.sh"
if [ -n "${E2E_BUNDLE:-}" ]; then
  [ -f "$E2E_BUNDLE" ] || die "E2E_BUNDLE=$E2E_BUNDLE does not exist"
  export E2E_BUNDLE
fi
bash "$here/e2e-deps.sh"
trap 'bash "$here/e2e-down.sh"' EXIT  # the command stops it too; this covers a killed one
trap 'exit 130' INT TERM
cd "$E2E_ROOT"
export E2E_RUN
# shellcheck disable=SC2086
go run ./e2e/cmd/loadtest ${LOADTEST_ARGS:-}
