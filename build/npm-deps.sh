#!/usr/bin/env bash
# Installs the webapp's npm packages from the committed lockfile, once per lockfile.
set -euo pipefail
cd "$(dirname "$0")/../webapp"
stamp=node_modules/.lock-stamp
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
	exit 0
fi
command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
npm ci --no-audit --no-fund --loglevel=error
echo "$sum" > "$stamp"
