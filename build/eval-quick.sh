#!/usr/bin/env bash
# The labelled question sets against the offline planner in-process (no server):
# seconds per set, for trying a change on every shop. The figures to report come
# from build/eval.sh on the real server. EVAL_SHOPS / EVAL_SETS narrow the sets
# (comma-separated, as for eval.sh); each set's report goes to EVAL_OUT.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${EVAL_OUT:-$root/e2e/eval/out-quick}
mkdir -p "$out"
bin=$(mktemp -d)/agent.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$root" && go test -tags ne -c -o "$bin" ./server/agent)
pick() { [ -z "$2" ] || [[ ",$2," == *",$1,"* ]]; }
printf '%-16s %-12s %s\n' shop set "group n right rate handoffs h.prec h.rec wrong"
for f in "$root"/e2e/eval/questions/*/*.json; do
  shop=$(basename "$(dirname "$f")") set=$(basename "$f" .json)
  [ "$shop" = sample ] && continue
  pick "$shop" "${EVAL_SHOPS:-}" && pick "$set" "${EVAL_SETS:-}" || continue
  (cd "$root/server/agent" && EVAL_SET="$f" "$bin" -test.run '^TestEvalInProcess$' -test.v) > "$out/$shop-$set.md" 2>&1 ||
    { echo "$shop $set: failed, see $out/$shop-$set.md"; continue; }
  printf '%-16s %-12s %s\n' "$shop" "$set" "$(grep -m1 '^all ' "$out/$shop-$set.md")"
done
