#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, build/fuzz) and runs them one after the other for N seconds
# in all (default 120), split evenly between them, starting from the seed corpus. Prints exec/s and
# coverage from libFuzzer's final stats; exits non-zero on any crash, leak, timeout or sanitizer
# report.
#   fuzz/run.sh [total-seconds] [target...]      e.g. fuzz/run.sh 600 fuzz_codec
#   fuzz/run.sh 0 --build-only                   just configure and build every target (the fuzz
#                                                label's ctest tests then run them: ctest -L fuzz)
# Set P2P_FUZZ_JOBS=parallel to run the targets side by side instead (each still gets its share).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
total_seconds=${1:-120}
shift || true
build_only=0
[ "${1:-}" = "--build-only" ] && { build_only=1; shift; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_codec fuzz_json_diff fuzz_request)
seconds=$(( total_seconds / ${#targets[@]} ))
[ "$seconds" -gt 0 ] || seconds=1
build=${P2P_FUZZ_BUILD:-$root/build/fuzz}

# The fuzz label's ctest tests set P2P_FUZZ_PREBUILT=1: the build is done, and several of them may
# run side by side (ctest -j), which must not configure one folder at once.
if [ "${P2P_FUZZ_PREBUILT:-}" != 1 ]; then
  generator=()
  [ -f "$build/CMakeCache.txt" ] || generator=(-G Ninja)
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DP2P_FUZZ=ON -DP2P_E2E=OFF -DP2P_BENCH=OFF -DP2P_WERROR=ON >/dev/null
  cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
fi
[ "$build_only" = 0 ] || exit 0

# Largest useful input per target: a full offer SDP fits in 16 KiB; a request header is capped at
# 8 KiB by the relay, a little more lets the fuzzer cross that limit.
# The differential target spends most of its time in nlohmann, so it gets shorter inputs (more
# runs); it starts from the codec's seeds and dictionary.
max_len_for() { case $1 in fuzz_codec) echo 16384 ;; fuzz_json_diff) echo 4096 ;; *) echo 9216 ;; esac; }
corpus_for() { case $1 in fuzz_json_diff) echo codec ;; *) echo "${1#fuzz_}" ;; esac; }

run_one() {
  local target=$1 name work log
  name=$(corpus_for "$target")
  # New inputs go to a scratch corpus in the build tree; the seeds in fuzz/corpus stay untouched.
  work=$build/corpus/${target#fuzz_}
  log=$build/$target.log
  mkdir -p "$work" "$build/artifacts"
  local status=0
  "$build/fuzz/$target" "$work" "$root/fuzz/corpus/$name" \
      -dict="$root/fuzz/$name.dict" -max_len="$(max_len_for "$target")" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1 || status=$?
  summarize "$target" "$log" "$work" "$status"
  return "$status"
}

# One line per target from libFuzzer's last status line and its final stats.
summarize() {
  local target=$1 log=$2 work=$3 status=$4 last
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  printf '%-15s %4ss  execs %s  exec/s %s  cov %s  ft %s  corpus %s files  status %s\n' "$target" "$seconds" \
    "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")" \
    "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")" \
    "$(grep -oE 'cov: [0-9]+' <<<"$last" | cut -d' ' -f2)" \
    "$(grep -oE 'ft: [0-9]+' <<<"$last" | cut -d' ' -f2)" \
    "$(find "$work" -type f | wc -l)" \
    "$([ "$status" = 0 ] && echo ok || echo "FAILED ($status), see $log")"
  if [ "$status" != 0 ]; then tail -n 40 "$log" >&2; fi
}

failed=0
if [ "${P2P_FUZZ_JOBS:-}" = parallel ]; then
  pids=()
  for target in "${targets[@]}"; do run_one "$target" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
else
  for target in "${targets[@]}"; do run_one "$target" || failed=1; done
fi
exit "$failed"
