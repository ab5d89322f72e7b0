#!/usr/bin/env bash
# One entry point for developers and CI: installs what is missing, builds, and runs.
#   packaging/dev.sh demo   install, build, open HubGate on the embedded demo Hub
#   packaging/dev.sh test   install, build, run the whole test suite (headless)
#   packaging/dev.sh deps   install the Debian packages only
#   packaging/dev.sh build [preset]   configure and build (preset: dev, asan, release)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${HUBGATE_PRESET:-dev}

# Every Debian package the project needs to build, test and run.
packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
    qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libqt6svg6 libgl-dev libglx-dev
    qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
    qtkeychain-qt6-dev nlohmann-json3-dev libsimdjson-dev libyaml-cpp-dev libssl-dev iso-codes
    python3 python3-jsonschema curl nodejs npm
    openssl nghttp2-proxy
    xvfb xauth dbus gnome-keyring fonts-dejavu-core
)

install_deps() {
    local missing=()
    for p in "${packages[@]}"; do
        # A Node.js from another Debian repository bundles npm (and conflicts with Debian's npm
        # package): a working command is enough.
        case "$p" in nodejs | npm) command -v "${p/nodejs/node}" >/dev/null && continue ;; esac
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "All ${#packages[@]} required Debian packages are installed."
        return
    fi
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    local p=${1:-$preset}
    cmake --preset "$p" -S "$root" >/dev/null
    cmake --build --preset "$p" -j "$(nproc)"
}

# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, as a desktop has.
with_keyring() {
    dbus-run-session -- bash -c '
        echo -n hubgate-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        exec "$@"' keyring "$@"
}

# The Hub's JavaScript client for tests/conformance/js, at the version its package-lock.json pins
# (from the npm registry, or npm's cache).
install_js() {
    npm ci --prefix "$root/tests/conformance/js" --prefer-offline --no-audit --no-fund
}

run_tests() {
    cd "$root/build/$preset"
    export QT_QPA_PLATFORM=offscreen
    if [ "$preset" = asan ]; then
        export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
        export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    fi
    with_keyring ctest --output-on-failure -j "$(nproc)" --timeout 900
}

run_demo() {
    local app="$root/build/$preset/app/hubgate"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "No display found: starting HubGate under Xvfb (set DISPLAY to see the window)."
        exec xvfb-run -a "$app" --demo "$@"
    fi
    exec "$app" --demo "$@"
}

cmd=${1:-}
shift || true
case "$cmd" in
    deps) install_deps ;;
    build) install_deps; build "$@" ;;
    test) install_deps; build; install_js; run_tests ;;
    demo) install_deps; build; run_demo "$@" ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
esac
