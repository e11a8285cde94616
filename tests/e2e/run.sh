#!/usr/bin/env bash
# Runs the browser e2e suite inside a fresh network namespace that has only loopback, so the
# calls can reach nothing but 127.0.0.1. Needs RELAY_BIN and WEB_BUNDLE (set by ctest).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ]; then
  npm ci --no-audit --no-fund >&2
fi
if [ "${P2P_IN_NETNS:-}" != 1 ]; then
  exec unshare -n env P2P_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$here/run.sh" "$@"
fi
if [ $# -eq 0 ]; then set -- call.test.mjs features.test.mjs turn.test.mjs cluster.test.mjs admission.test.mjs engines.test.mjs repeat.test.mjs; fi
# The admission test's attacker keeps 2,000 sockets open from this one process.
ulimit -n 8192 2>/dev/null || true
exec node --test --test-concurrency=1 --test-reporter=spec "$@"
