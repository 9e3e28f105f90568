#!/usr/bin/env bash
# Installs what the e2e suite needs and builds the Mattermost server binary,
# doing nothing that is already done: PostgreSQL from apt when missing, the
# server only when its go.mod/go.sum changed since the last build.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/e2e-env.sh"

apt_pkgs=()
pg_bindir >/dev/null || apt_pkgs+=(postgresql)
command -v curl >/dev/null || apt_pkgs+=(curl)
command -v runuser >/dev/null || apt_pkgs+=(util-linux)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "need root to install: ${apt_pkgs[*]}"
  log "apt-get install ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi
pg_bindir >/dev/null || die "PostgreSQL is still missing after apt-get"
command -v go >/dev/null || die "go is not on PATH"

stamp=$(mm_stamp)
if [ -x "$MM_BIN" ] && [ "$(cat "$MM_BIN.stamp" 2>/dev/null)" = "$stamp" ]; then
  log "mattermost binary up to date ($stamp)"
  exit 0
fi

cached=$E2E_CACHE/mattermost-$stamp
if [ ! -x "$cached" ]; then
  log "building Mattermost server (first time takes several minutes)"
  mkdir -p "$E2E_CACHE"
  start=$(date +%s)
  # -mod=readonly: go.mod/go.sum are committed and complete; never tidy here
  # (enterprise imports behind build tags are private modules).
  (cd "$MM_SRC" && GONOSUMDB=github.com/mattermost/mattermost GOFLAGS="-mod=readonly -buildvcs=false" \
    go build -ldflags='-s -w' -o "$cached.tmp" \
      github.com/mattermost/mattermost/server/v8/cmd/mattermost)
  mv "$cached.tmp" "$cached"
  log "built in $(( $(date +%s) - start ))s"
fi
mkdir -p "$(dirname "$MM_BIN")"
cp -f "$cached" "$MM_BIN.tmp" && mv -f "$MM_BIN.tmp" "$MM_BIN"
echo "$stamp" > "$MM_BIN.stamp"
log "mattermost binary ready: $MM_BIN"
