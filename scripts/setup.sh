# Shared by scripts/run, scripts/test and scripts/bench (sourced, not run): installs what is missing
# (apt only) and builds through the CMake presets.
# shellcheck shell=bash

P2P_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Where the dev and wasm presets build (CMakePresets.json); set these to build elsewhere.
P2P_NATIVE_BUILD=${P2P_NATIVE_BUILD:-$P2P_ROOT/build/native}
P2P_WASM_BUILD=${P2P_WASM_BUILD:-$P2P_ROOT/build/wasm}
P2P_BUNDLE=$P2P_WASM_BUILD/www

P2P_APT_PACKAGES=(
  cmake ninja-build g++ make pkg-config ca-certificates mold
  libboost-dev libssl-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev
  emscripten node-acorn
  chromium firefox-esr iproute2 util-linux nftables
  clang libclang-rt-14-dev
  coturn
  redis-server libhiredis-dev
)

p2p_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the Debian packages that are not installed yet; does nothing when all are present.
p2p_install_packages() {
  local missing=() pkg
  for pkg in "${P2P_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    p2p_log "installing: ${missing[*]}"
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# p2p_build_preset PRESET DIR [configure args...]: configures and builds one CMake preset
# (CMakePresets.json) into DIR, or into the preset's own folder when DIR is "". A folder configured earlier by another generator
# (before the presets used Ninja) gets a fresh cache instead of CMake's refusal.
p2p_build_preset() {
  local preset=$1 dir=$2; shift 2
  local where=(); [ -n "$dir" ] && where=(-B "$dir")
  local cache=${dir:-$P2P_ROOT/build/$preset}/CMakeCache.txt
  if [ -f "$cache" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
    p2p_log "${cache#"$P2P_ROOT"/} was made by another generator: configuring it afresh"
    rm -rf "$cache" "$(dirname "$cache")/CMakeFiles"
  fi
  p2p_log "building the $preset preset${dir:+ in ${dir#"$P2P_ROOT"/}}"
  (cd "$P2P_ROOT" && cmake --preset "$preset" "${where[@]}" "$@" >/dev/null)
  # One job per core: with Ninja's default (cores + 2) a clean dev build took 535 s here, with 2 jobs 455 s.
  if [ -n "$dir" ]; then cmake --build "$dir" -j "$(nproc)"; else (cd "$P2P_ROOT" && cmake --build --preset "$preset" -j "$(nproc)"); fi
}

# The relay, its tests and benchmarks (RelWithDebInfo, warnings are errors) in $P2P_NATIVE_BUILD.
p2p_build_native() {
  local dir=
  [ "$P2P_NATIVE_BUILD" != "$P2P_ROOT/build/native" ] && dir=$P2P_NATIVE_BUILD
  p2p_build_preset dev "$dir" "$@"
}

# The browser bundle in $P2P_WASM_BUILD/www. Extra arguments go to the configure step.
p2p_build_wasm() {
  (
    # shellcheck source=../emsdk.env
    source "$P2P_ROOT/emsdk.env"
    local dir=
    [ "$P2P_WASM_BUILD" != "$P2P_ROOT/build/wasm" ] && dir=$P2P_WASM_BUILD
    p2p_build_preset wasm "$dir" "$@"
  )
}

