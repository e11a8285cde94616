#!/usr/bin/env bash
# The call-setup benchmark's one entry point; runs compare.mjs inside a loopback-only network
# namespace (after ./scripts/test or the manual builds). Takes about 2 minutes by default.
#   bench/call_setup/run.sh [calls (default 10)] [--loads N (default 10)] [--json FILE]
# RELAY_BIN and WEB_BUNDLE choose the relay binary and the client bundle to measure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -d "$root/tests/e2e/node_modules/playwright-core" ] || (cd "$root/tests/e2e" && npm ci --no-audit --no-fund)
[ -d "$root/bench/baselines/node-relay/node_modules/express-ws" ] || (cd "$root/bench/baselines/node-relay" && npm ci --no-audit --no-fund)
export RELAY_BIN=${RELAY_BIN:-$root/build/native/server/p2p-relay}
export WEB_BUNDLE=${WEB_BUNDLE:-$root/build/wasm/www}
# Recorded in the report (and its JSON) so every number comes with the command that made it.
export BENCH_COMMAND="${CAMERA_DELAY_MS:+CAMERA_DELAY_MS=$CAMERA_DELAY_MS }RELAY_BIN=$RELAY_BIN WEB_BUNDLE=$WEB_BUNDLE bench/call_setup/run.sh $*"
exec unshare -n bash -c 'ip link set lo up && exec node "$0" "$@"' "$here/compare.mjs" "$@"
