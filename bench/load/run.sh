#!/usr/bin/env bash
# The relay load benchmark: our relay against the bare Beast echo floor and the Node express-ws
# baseline, on one machine in one run, inside a loopback-only network namespace. Every server gets
# one I/O thread, the same throwaway certificate and TLS, and the same 1 KiB frames from p2p-load;
# each measurement starts a fresh server (a clean memory baseline) and excludes a warm-up.
# The cluster target is our relay twice, sharing rooms through a throwaway redis-server: every
# room's offer side on relay A, its answer side on relay B (p2p-load --answer-port); it runs
# pingpong and stream only, and is skipped with a note when redis-server is not installed.
#   bench/load/run.sh [OUT_DIR]          (default build/load-bench/<time>)
# Writes OUT_DIR/<target>-<mode>.{json,txt}, commands.txt (every command exactly as run),
# summary.json and table.md (ratios ours/node and ours/echo, targets met or not).
# Settings (env): BUILD_DIR (default build/native; p2p-relay, p2p-load, p2p-echo-baseline in it),
#   TARGETS="relay echo node node-seed cluster", PAIRS=100, MEASURE_SECONDS=10, WARMUP=2, STREAM_RATE=10000,
#   IDLE_CONNECTIONS=10000, IDLE_SECONDS=52, IDLE_MAX=1 (also idle at the open-files maximum).
#   52 s is two keep-alive rounds of the relay at --idle-timeout 30 (it pings a quiet peer every
#   ~26 s): each connection is pinged twice in the window, so idle CPU is the steady state, not
#   whatever share of the pings a shorter window happens to catch.
#   SMOKE=1 shortens everything (a minute) to check the pipeline, not to measure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
NODE_RELAY_DIR=$root/bench/baselines/node-relay

if [ -z "${P2P_LOAD_IN_NETNS:-}" ]; then
  # npm needs the network, so it runs before the namespace cuts it off.
  if [[ " ${TARGETS:-relay echo node node-seed cluster} " == *" node"* ]] && [ ! -d "$NODE_RELAY_DIR/node_modules/express-ws" ]; then
    (cd "$NODE_RELAY_DIR" && npm ci --no-audit --no-fund)
  fi
  exec unshare -n env P2P_LOAD_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up
# The idle runs open ~20,000 connections to one port; the default ephemeral range has 28,232.
sysctl -q -w net.ipv4.ip_local_port_range="1024 65535" || true

BUILD_DIR=${BUILD_DIR:-$root/build/native}
RELAY_BIN=${RELAY_BIN:-$BUILD_DIR/server/p2p-relay}
ECHO_BIN=${ECHO_BIN:-$BUILD_DIR/bench/baselines/beast_echo/p2p-echo-baseline}
P2P_LOAD=${P2P_LOAD:-$BUILD_DIR/bench/load/p2p-load}
TARGETS=${TARGETS:-relay echo node node-seed cluster}
if [ -n "${SMOKE:-}" ]; then
  PAIRS=${PAIRS:-10} MEASURE_SECONDS=${MEASURE_SECONDS:-2} WARMUP=${WARMUP:-0.5} STREAM_RATE=${STREAM_RATE:-2000}
  IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-1000} IDLE_SECONDS=${IDLE_SECONDS:-3} IDLE_MAX=${IDLE_MAX:-0}
fi
PAIRS=${PAIRS:-100} MEASURE_SECONDS=${MEASURE_SECONDS:-10} WARMUP=${WARMUP:-2} STREAM_RATE=${STREAM_RATE:-10000}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000} IDLE_SECONDS=${IDLE_SECONDS:-52} IDLE_MAX=${IDLE_MAX:-1}
skipped_note=
if [[ " $TARGETS " == *" cluster "* ]] && ! command -v redis-server >/dev/null; then
  skipped_note="note: skipping the cluster target (two relays + Redis): no redis-server on PATH"
  echo "$skipped_note" >&2
  TARGETS=$(echo " $TARGETS " | sed 's/ cluster / /g')
fi
# Only the binaries the chosen targets need (the Node baseline needs none of ours).
needed=("$P2P_LOAD")
[[ " $TARGETS " == *" relay "* || " $TARGETS " == *" cluster "* ]] && needed+=("$RELAY_BIN")
[[ " $TARGETS " == *" echo "* ]] && needed+=("$ECHO_BIN")
for bin in "${needed[@]}"; do
  [ -x "$bin" ] || { echo "missing $bin: build it first (cmake --build $BUILD_DIR --target p2p-relay p2p-echo-baseline p2p-load)" >&2; exit 1; }
done
# shellcheck source=bench/load/servers.sh
. "$here/servers.sh"

out=${1:-$root/build/load-bench/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/p2p-load-bench.XXXXXX")
trap 'stop_server; rm -rf "$work"' EXIT
make_throwaway_cert "$work"
failures=()
started=$(date +%s)

# measure NAME TARGET P2P-LOAD-ARGS...: a fresh server, one p2p-load run against it, then stop.
# The cluster is loaded as our relay, with every room's answer side on the second relay.
measure() {
  local name=$1 target=$2 split=; shift 2
  start_server "$target" "$work" || { failures+=("$name"); stop_server; return 0; }
  [ "$target" = cluster ] && split="--answer-port $SERVER_B_PORT --server-pid-b $SERVER_B_PID "
  local load_command="$P2P_LOAD --target ${target/cluster/relay} --port $SERVER_PORT --server-pid $SERVER_PID ${split}--json $out/$name.json $*"
  printf '\n## %s\n$ %s\n$ %s\n' "$name" "$SERVER_COMMAND" "$load_command" | tee -a "$out/commands.txt"
  # shellcheck disable=SC2086  # a word list we built ourselves
  $load_command | tee "$out/$name.txt" || failures+=("$name")
  stop_server
}

{
  echo "# bench/load/run.sh $(date -Iseconds) on $(uname -n): $(nproc) cores, $(uname -r)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); relay $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') (+ uncommitted changes, if any)"
  [ -z "$skipped_note" ] || echo "# $skipped_note"
} >"$out/commands.txt"
traffic=(--rooms "$PAIRS" --seconds "$MEASURE_SECONDS" --warmup "$WARMUP")
# Mode by mode rather than target by target: the numbers compared sit close together in time.
for target in $TARGETS; do measure "$target-pingpong" "$target" --mode pingpong "${traffic[@]}"; done
# node-seed copies every frame to all 199 other clients: a fixed 10k/s stream would only pile up
# in its queues, so it is measured in pingpong (bounded in flight) alone.
stream_targets=${TARGETS//node-seed/}
for target in $stream_targets; do measure "$target-stream" "$target" --mode stream --rate "$STREAM_RATE" "${traffic[@]}"; done
idle_targets=${stream_targets//node/}  # the issue asks idle figures of our relay and the echo floor
idle_targets=${idle_targets//cluster/}  # a second relay adds nothing to one relay's idle memory
for target in $idle_targets; do
  measure "$target-idle" "$target" --mode idle --connections "$IDLE_CONNECTIONS" --seconds "$IDLE_SECONDS" --warmup 2
done
if [ "$IDLE_MAX" = 1 ]; then
  for target in $idle_targets; do
    measure "$target-idle-max" "$target" --mode idle --connections max --seconds "$IDLE_SECONDS" --warmup 2
  done
fi

elapsed=$(( $(date +%s) - started ))
node "$here/summarize.mjs" "$out" "$elapsed"
echo
cat "$out/table.md"
echo
echo "results in $out (took ${elapsed} s)"
if [ ${#failures[@]} -gt 0 ]; then
  echo "FAILED runs: ${failures[*]}" >&2
  exit 1
fi
