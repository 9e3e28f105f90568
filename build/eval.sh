#!/usr/bin/env bash
# The end-to-end evaluation (make eval): dependencies, then the runner
# (go run ./e2e/eval/cmd/eval), which starts a fresh Mattermost + PostgreSQL per
# shop with build/e2e-up.sh, asks every labelled question and stops the server
# again. It reports figures; it never fails on them (only on a broken set-up).
# Its state lives apart from `make e2e`'s (e2e/.run-eval, ports 8066/55433 unless
# E2E_RUN / E2E_MM_PORT / E2E_PG_PORT say otherwise), so both can run at once.
# Settings: EVAL_SETS, EVAL_SHOPS, EVAL_ONLY, EVAL_MODE, EVAL_OUT, LLM_BASE_URL … (e2e/eval/README.md).
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
root=$(cd "$here/.." && pwd)
export E2E_RUN=${E2E_RUN:-$root/e2e/.run-eval}
export E2E_MM_PORT=${E2E_MM_PORT:-8066}
export E2E_PG_PORT=${E2E_PG_PORT:-55433}
. "$here/e2e-env.sh"

if [ -n "${E2E_BUNDLE:-}" ]; then
  [ -f "$E2E_BUNDLE" ] || die "E2E_BUNDLE=$E2E_BUNDLE does not exist"
  export E2E_BUNDLE
else
  compgen -G "$E2E_ROOT/dist/concierge-*.tar.gz" >/dev/null \
    || die "no plugin bundle dist/concierge-*.tar.gz: run make dist first (make eval builds one)"
fi
bash "$here/e2e-deps.sh"

if [ "${E2E_REUSE:-0}" != 1 ]; then
  # The runner stops each shop's server itself; this covers a runner that was killed.
  trap 'bash "$here/e2e-down.sh"' EXIT
  trap 'exit 130' INT TERM
fi
cd "$E2E_ROOT"
go run ./e2e/eval/cmd/eval
