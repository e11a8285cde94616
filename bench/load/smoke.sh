#!/usr/bin/env bash
# ctest smoke of p2p-load (seconds, not a benchmark): pingpong and stream for ~2 s each with a few
# rooms against our relay and the Beast echo floor, and against the Node baseline when its
# node_modules are installed (CI installs them for the browser tests; this test never runs npm).
# Each run must deliver every frame exactly once (p2p-load exits non-zero otherwise) at a rate
# above zero.
#   env: P2P_LOAD, RELAY_BIN, ECHO_BIN (ctest sets them)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
NODE_RELAY_DIR=$(cd "$here/../baselines/node-relay" && pwd)
# shellcheck source=bench/load/servers.sh
. "$here/servers.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/p2p-load-smoke.XXXXXX")
trap 'stop_server; rm -rf "$work"' EXIT
make_throwaway_cert "$work"

targets=(relay echo)
if command -v node >/dev/null && [ -d "$NODE_RELAY_DIR/node_modules/express-ws" ]; then
  targets+=(node node-seed)
else
  echo "note: skipping the Node baseline (no node or no $NODE_RELAY_DIR/node_modules)"
fi

# Runs p2p-load and checks its JSON says a non-zero rate.
load() {
  local json=$work/result.json
  "$P2P_LOAD" --port "$SERVER_PORT" --server-pid "$SERVER_PID" --rooms 4 --seconds 2 --warmup 0.5 --json "$json" "$@"
  local rate
  rate=$(sed -n 's/^ *"messages_per_second": \([0-9.e+]*\).*/\1/p' "$json" | head -n1)
  case $rate in ''|0|0.0) echo "FAIL: zero throughput ($*)" >&2; exit 1 ;; esac
}

for target in "${targets[@]}"; do
  start_server "$target" "$work"
  echo "== $target: $SERVER_COMMAND"
  load --target "$target" --mode pingpong --window 2
  load --target "$target" --mode stream --rate 400
  stop_server
done
echo "smoke ok: ${targets[*]}"
