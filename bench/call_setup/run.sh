#!/usr/bin/env bash
# Runs the call-setup comparison inside a loopback-only network namespace.
#   bench/call_setup/run.sh [calls]     (after ./scripts/test or the manual builds)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -d "$root/tests/e2e/node_modules/playwright-core" ] || (cd "$root/tests/e2e" && npm ci --no-audit --no-fund)
[ -d "$root/bench/baselines/node-relay/node_modules/express-ws" ] || (cd "$root/bench/baselines/node-relay" && npm ci --no-audit --no-fund)
export RELAY_BIN=${RELAY_BIN:-$root/build/native/server/p2p-relay}
export WEB_BUNDLE=${WEB_BUNDLE:-$root/build/wasm/www}
exec unshare -n bash -c 'ip link set lo up && exec node "$0" "$@"' "$here/compare.mjs" "$@"
