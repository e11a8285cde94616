# Shared by scripts/run and scripts/test (sourced, not run): installs what is missing (apt only),
# then builds the native relay and the wasm client bundle.
# shellcheck shell=bash

P2P_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
P2P_NATIVE_BUILD=${P2P_NATIVE_BUILD:-$P2P_ROOT/build/native}
P2P_WASM_BUILD=${P2P_WASM_BUILD:-$P2P_ROOT/build/wasm}
P2P_BUNDLE=$P2P_WASM_BUILD/www

P2P_APT_PACKAGES=(
  cmake g++ make pkg-config ca-certificates
  libboost-dev libssl-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev
  emscripten node-acorn
  chromium firefox-esr iproute2 util-linux
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

p2p_build_native() {
  local build_dir=$1; shift
  p2p_log "building native relay and tests in ${build_dir#"$P2P_ROOT"/}"
  cmake -S "$P2P_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DP2P_WEB_BUNDLE="$P2P_BUNDLE" "$@" >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

p2p_build_wasm() {
  p2p_log "building the wasm client bundle in ${P2P_WASM_BUILD#"$P2P_ROOT"/}"
  (
    # shellcheck source=../emsdk.env
    source "$P2P_ROOT/emsdk.env"
    emcmake cmake -S "$P2P_ROOT" -B "$P2P_WASM_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$P2P_WASM_BUILD" -j "$(nproc)"
  )
}

p2p_setup() {
  p2p_install_packages
  p2p_build_wasm
  p2p_build_native "$P2P_NATIVE_BUILD"
}
