#!/usr/bin/env bash
# The network-change scenarios of the lab (tests/e2e/lab_recovery.test.mjs), each RUNS times, for the
# BENCHMARKS.md table: how soon each page says the call is interrupted, and how soon it is back.
#   bench/lab/run.sh RUNS OUT_DIR
# Needs RELAY_BIN and WEB_BUNDLE (as the e2e does) and root for the namespaces. Writes
# OUT_DIR/lab.jsonl (one line per page and run, see recordFigure in tests/e2e/lib/lab_recovery.mjs),
# OUT_DIR/runs.jsonl (one line per run: scenario, pass or fail, seconds) and each run's log.
set -euo pipefail
runs=${1:?runs}
out=${2:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
e2e=$here/../../tests/e2e
mkdir -p "$out"
: > "$out/lab.jsonl"
: > "$out/runs.jsonl"
# name | the scenario's title, as a --test-name-pattern (the ctest lab_* tests use the same)
scenarios=(
  "link down 5 s|^home link down 5 s"
  "link down 10 s|^home link down 10 s"
  "link down 30 s|^home link down 30 s"
  "address change|^address change mid-call"
  "silent signalling|^silent dead signalling path"
  "relay restart|^relay restarts while one home is offline"
)
for ((i = 1; i <= runs; i++)); do
  for entry in "${scenarios[@]}"; do
    name=${entry%%|*}
    pattern=${entry#*|}
    log="$out/$(echo "$name" | tr ' ' '_')-$i.log"
    start=$(date +%s)
    # A run passes when no test failed: a known TODO scenario exits 0 even when it fails, so look for ✖.
    if LAB_FIGURES="$out/lab.jsonl" timeout 300 "$e2e/run.sh" --test-name-pattern="$pattern" lab_recovery.test.mjs > "$log" 2>&1 \
      && ! grep -q '✖' "$log"; then
      result=pass
    else
      result=fail
    fi
    # The first assertion of a failed run, as the report lists it (quotes and backslashes escaped).
    why=$(grep -m1 -oE '(AssertionError|Error)[^"]*' "$log" | head -c 300 | sed 's/\\/\\\\/g; s/"/\\"/g' || true)
    [ "$result" = pass ] && why=
    echo "{\"scenario\":\"$name\",\"run\":$i,\"result\":\"$result\",\"seconds\":$(( $(date +%s) - start )),\"why\":\"$why\"}" >> "$out/runs.jsonl"
    echo "lab: $name, run $i of $runs: $result" >&2
  done
done
