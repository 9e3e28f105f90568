# Shared settings for the e2e scripts (sourced, not run). Everything the
# harness starts lives under $E2E_RUN so one `rm -rf` cleans it up.
E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_DIR=$E2E_ROOT/e2e
E2E_RUN=${E2E_RUN:-$E2E_DIR/.run}
MM_SRC=$E2E_DIR/mmserver
MM_BIN=$MM_SRC/bin/mattermost
# The binary is also kept outside the checkout, keyed by the module files, so a
# fresh clone on the same machine (CI) does not rebuild a 200 MB server.
E2E_CACHE=${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/concierge-e2e}

E2E_PG_PORT=${E2E_PG_PORT:-55432}
E2E_MM_PORT=${E2E_MM_PORT:-8065}
E2E_MM_URL=${E2E_MM_URL:-http://127.0.0.1:$E2E_MM_PORT}

# PostgreSQL runs as the postgres user, which may not traverse the checkout (a
# clone in a 0700 mktemp dir, a home directory): its files live under /var/tmp,
# in a folder named after the run dir.
E2E_PG_DIR=${E2E_PG_DIR:-/var/tmp/concierge-e2e-$(printf %s "$E2E_RUN" | sha256sum | cut -c1-12)}
PG_DATA=$E2E_PG_DIR/pg/data
PG_LOG=$E2E_PG_DIR/pg/postgres.log
MM_HOME=$E2E_RUN/mm
MM_PID=$E2E_RUN/mm/mattermost.pid
MM_LOG=$E2E_RUN/mm/mattermost.out

# Newest installed PostgreSQL (Debian 12 ships 15).
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

# Runs a PostgreSQL tool as the postgres user: the server refuses to run as root.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mm_stamp() {
  cat "$MM_SRC/go.mod" "$MM_SRC/go.sum" | sha256sum | cut -c1-16
}

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] ERROR: %s\n' "$*" >&2; exit 1; }
