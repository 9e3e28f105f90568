#!/usr/bin/env bash
# Packs the plugin bundle: plugin.json, the server binaries of the named platforms,
# the webapp bundle and the assets.   usage: bundle.sh OUTDIR NAME.tar.gz PLATFORM...
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1 name=$2
shift 2
stage=$out/concierge
rm -rf "$stage" && mkdir -p "$stage/server/dist" "$stage/webapp" "$stage/assets"
cp plugin.json "$stage/"
for p in "$@"; do
	ext=; [ "${p%-*}" = windows ] && ext=.exe
	cp "server/dist/plugin-$p$ext" "$stage/server/dist/"
done
cp -r webapp/dist "$stage/webapp/"
cp assets/icon.svg assets/icon.png "$stage/assets/"
tar -czf "$out/$name" -C "$out" concierge
rm -rf "$stage"
echo "plugin bundle: $out/$name ($(du -h "$out/$name" | cut -f1); platforms: $*)"
