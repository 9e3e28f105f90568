#!/usr/bin/env bash
# Uploads and enables a plugin bundle: via the REST API (MM_SITE_URL + MM_ADMIN_TOKEN)
# or the local-mode socket (MM_LOCALSOCKETPATH).
set -euo pipefail
bundle=${1:?usage: deploy.sh BUNDLE}
if [ -n "${MM_LOCALSOCKETPATH:-}" ]; then
	curl_args=(--unix-socket "$MM_LOCALSOCKETPATH")
	base=http://localhost
elif [ -n "${MM_SITE_URL:-}" ] && [ -n "${MM_ADMIN_TOKEN:-}" ]; then
	curl_args=(-H "Authorization: Bearer $MM_ADMIN_TOKEN")
	base=${MM_SITE_URL%/}
else
	echo "deploy: set MM_SITE_URL and MM_ADMIN_TOKEN, or MM_LOCALSOCKETPATH" >&2
	exit 2
fi
curl -fsS "${curl_args[@]}" -F "plugin=@$bundle" -F force=true "$base/api/v4/plugins" >/dev/null
curl -fsS "${curl_args[@]}" -X POST "$base/api/v4/plugins/concierge/enable" >/dev/null
echo "deployed $(basename "$bundle") to $base"
