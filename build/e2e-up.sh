#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster and a Mattermost server for the e2e
# suite, waits until the server answers /api/v4/system/ping and prints its URL
# on stdout. Every run starts from empty data unless --reuse (or E2E_REUSE_DATA=1)
# is given: then a healthy running server is left alone, and a stopped one is
# restarted on its existing data.
#   usage: build/e2e-up.sh [--reuse]
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
. "$here/e2e-env.sh"

reuse=${E2E_REUSE_DATA:-0}
for arg in "$@"; do
  case $arg in
    --reuse) reuse=1 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

ping_ok() { curl -sf -m 2 "$E2E_MM_URL/api/v4/system/ping" >/dev/null 2>&1; }
pid_alive() { [ -f "$1" ] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

if [ "$reuse" = 1 ] && pid_alive "$MM_PID" && ping_ok; then
  log "reusing running server"
  echo "$E2E_MM_URL"
  exit 0
fi

# Stop whatever an earlier run left behind before touching its files.
bash "$here/e2e-down.sh"
# A start that fails half way stops what it had started.
started=0
trap '[ "$started" = 1 ] || bash "$here/e2e-down.sh"' EXIT

[ -x "$MM_BIN" ] || die "no Mattermost binary at $MM_BIN: run build/e2e-deps.sh"
pgbin=$(pg_bindir) || die "PostgreSQL not installed: run build/e2e-deps.sh"
if ping_ok; then die "something else already answers on $E2E_MM_URL (set E2E_MM_PORT)"; fi
if "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$E2E_PG_PORT"; then
  die "something else already listens on 127.0.0.1:$E2E_PG_PORT (set E2E_PG_PORT)"
fi

if [ "$reuse" != 1 ]; then
  rm -rf "$E2E_PG_DIR/pg" "$MM_HOME"
fi
mkdir -p "$E2E_PG_DIR/pg" "$MM_HOME"/{client/plugins,plugins,data,logs,config}
[ "$(id -u)" = 0 ] && chown -R postgres: "$E2E_PG_DIR/pg"

# --- PostgreSQL -------------------------------------------------------------
t0=$(date +%s%N)
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  # initdb once into a template, then copy it: a copy takes a fraction of the time.
  tpl=$E2E_PG_DIR/pg-template-$(basename "$(dirname "$pgbin")")
  if [ ! -f "$tpl/PG_VERSION" ]; then
    rm -rf "$tpl.tmp" && mkdir -p "$tpl.tmp"
    [ "$(id -u)" = 0 ] && chown postgres: "$tpl.tmp"
    as_postgres "$pgbin/initdb" -D "$tpl.tmp" -U postgres --auth=trust --no-sync \
      --encoding=UTF8 --locale=C >"$E2E_PG_DIR/pg/initdb.log" 2>&1 \
      || { cat "$E2E_PG_DIR/pg/initdb.log" >&2; die "initdb failed"; }
    mv "$tpl.tmp" "$tpl"
  fi
  cp -a "$tpl" "$PG_DATA"
fi
# Durability is worthless for a throw-away test database; speed is not.
as_postgres "$pgbin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -o \
  "-c listen_addresses=127.0.0.1 -p $E2E_PG_PORT -c unix_socket_directories=$E2E_PG_DIR/pg \
   -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
psql_pg() { as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$E2E_PG_PORT" -U postgres -d postgres -tAq "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='mattermost'")" != 1 ]; then
  psql_pg -c "CREATE DATABASE mattermost"
fi
log "PostgreSQL up on 127.0.0.1:$E2E_PG_PORT ($(( ($(date +%s%N) - t0) / 1000000 )) ms)"

# --- Mattermost -------------------------------------------------------------
# i18n, templates and fonts are found relative to the working directory.
moddir=$(cd "$MM_SRC" && go list -m -f '{{.Dir}}' github.com/mattermost/mattermost/server/v8)
for d in i18n templates fonts; do ln -sfn "$moddir/$d" "$MM_HOME/$d"; done
rm -f "$MM_HOME/local.socket"
# No webapp is served; an empty page keeps the server from logging an error.
[ -f "$MM_HOME/client/root.html" ] || echo '<!doctype html><html></html>' >"$MM_HOME/client/root.html"

t0=$(date +%s%N)
(
  cd "$MM_HOME"
  export \
    MM_SQLSETTINGS_DRIVERNAME=postgres \
    MM_SQLSETTINGS_DATASOURCE="postgres://postgres@127.0.0.1:$E2E_PG_PORT/mattermost?sslmode=disable&connect_timeout=10" \
    MM_SQLSETTINGS_MAXOPENCONNS=50 \
    MM_SQLSETTINGS_MAXIDLECONNS=10 \
    MM_SERVICESETTINGS_LISTENADDRESS="127.0.0.1:$E2E_MM_PORT" \
    MM_SERVICESETTINGS_SITEURL="$E2E_MM_URL" \
    MM_SERVICESETTINGS_ENABLELOCALMODE=true \
    MM_SERVICESETTINGS_LOCALMODESOCKETLOCATION="$MM_HOME/local.socket" \
    MM_SERVICESETTINGS_ENABLEBOTACCOUNTCREATION=true \
    MM_SERVICESETTINGS_ENABLEPOSTUSERNAMEOVERRIDE=true \
    MM_SERVICESETTINGS_ENABLEPOSTICONOVERRIDE=true \
    MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS=true \
    MM_SERVICESETTINGS_ENABLESECURITYFIXALERT=false \
    MM_SERVICESETTINGS_ENABLEONBOARDINGFLOW=false \
    MM_SERVICESETTINGS_ENABLETUTORIAL=false \
    MM_SERVICESETTINGS_ALLOWEDUNTRUSTEDINTERNALCONNECTIONS="127.0.0.1" \
    MM_PLUGINSETTINGS_ENABLE=true \
    MM_PLUGINSETTINGS_ENABLEUPLOADS=true \
    MM_PLUGINSETTINGS_REQUIREPLUGINSIGNATURE=false \
    MM_PLUGINSETTINGS_AUTOMATICPREPACKAGEDPLUGINS=false \
    MM_PLUGINSETTINGS_ENABLEMARKETPLACE=false \
    MM_PLUGINSETTINGS_ENABLEREMOTEMARKETPLACE=false \
    MM_PLUGINSETTINGS_DIRECTORY="$MM_HOME/plugins" \
    MM_PLUGINSETTINGS_CLIENTDIRECTORY="$MM_HOME/client/plugins" \
    MM_FILESETTINGS_DIRECTORY="$MM_HOME/data/" \
    MM_EMAILSETTINGS_REQUIREEMAILVERIFICATION=false \
    MM_EMAILSETTINGS_SENDEMAILNOTIFICATIONS=false \
    MM_EMAILSETTINGS_ENABLESIGNUPWITHEMAIL=true \
    MM_EMAILSETTINGS_ENABLESIGNINWITHEMAIL=true \
    MM_EMAILSETTINGS_ENABLESIGNINWITHUSERNAME=true \
    MM_EMAILSETTINGS_ENABLEPREVIEWMODEBANNER=false \
    MM_TEAMSETTINGS_ENABLEOPENSERVER=true \
    MM_TEAMSETTINGS_ENABLEUSERCREATION=true \
    MM_TEAMSETTINGS_MAXUSERSPERTEAM=100000 \
    MM_RATELIMITSETTINGS_ENABLE=false \
    MM_METRICSSETTINGS_ENABLE=false \
    MM_LOGSETTINGS_ENABLEDIAGNOSTICS=false \
    MM_LOGSETTINGS_ENABLECONSOLE=true \
    MM_LOGSETTINGS_CONSOLELEVEL=WARN \
    MM_LOGSETTINGS_ENABLEFILE=true \
    MM_LOGSETTINGS_FILELEVEL=DEBUG \
    MM_LOGSETTINGS_FILELOCATION="$MM_HOME/logs" \
    MM_ANNOUNCEMENTSETTINGS_ADMINNOTICESENABLED=false \
    MM_ANNOUNCEMENTSETTINGS_USERNOTICESENABLED=false
  # Own session and process group, so e2e-down.sh can reap plugin processes too.
  exec setsid "$MM_BIN" server --config "$MM_HOME/config/config.json" \
    >"$MM_LOG" 2>&1 </dev/null
) &
echo $! >"$MM_PID"

for _ in $(seq 1 600); do
  ping_ok && break
  pid_alive "$MM_PID" || { tail -n 40 "$MM_LOG" >&2; die "Mattermost exited during start (log: $MM_LOG)"; }
  sleep 0.1
done
ping_ok || { tail -n 40 "$MM_LOG" >&2; die "Mattermost did not answer ping within 60s"; }
started=1
log "Mattermost up at $E2E_MM_URL ($(( ($(date +%s%N) - t0) / 1000000 )) ms; logs $MM_HOME/logs)"
echo "$E2E_MM_URL"
