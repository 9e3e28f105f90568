#!/usr/bin/env bash
# Stops the Mattermost server and PostgreSQL started by e2e-up.sh, using their
# pid files; plugin processes are reaped through the server's process group.
# Safe to run when nothing is running.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/e2e-env.sh"

mm_bin=$(readlink -f "$MM_BIN" 2>/dev/null || echo "$MM_BIN")
mm_home=$(readlink -f "$MM_HOME" 2>/dev/null || echo "$MM_HOME")

# ours PID: is it the server binary or a plugin it launched? (guards against a
# recycled pid: we never signal a process that is not ours)
ours() {
  local exe
  exe=$(readlink "/proc/$1/exe" 2>/dev/null) || return 1
  [[ $exe == "$mm_bin"* || $exe == "$mm_home/"* ]]
}
# group_members PGID: our processes in that group (setsid made the server a
# group leader, so its pid is the group id of the plugins it starts).
group_members() {
  local p
  for p in $(ps -eo pid=,pgid= | awk -v g="$1" '$2 == g { print $1 }'); do
    ours "$p" && echo "$p"
  done
  return 0
}

if [ -f "$MM_PID" ]; then
  pid=$(head -n 1 "$MM_PID")
  if ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do ours "$pid" || break; sleep 0.1; done
  fi
  left=$(group_members "$pid")
  if [ -n "$left" ]; then
    log "killing leftover processes: $(echo $left)"
    kill -TERM $left 2>/dev/null || true
    for _ in $(seq 1 30); do [ -n "$(group_members "$pid")" ] || break; sleep 0.1; done
    left=$(group_members "$pid")
    [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$MM_PID"
  log "Mattermost stopped"
fi

if [ -f "$PG_DATA/postmaster.pid" ]; then
  pgbin=$(pg_bindir) || die "PostgreSQL binaries missing"
  as_postgres "$pgbin/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || as_postgres "$pgbin/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  log "PostgreSQL stopped"
fi
