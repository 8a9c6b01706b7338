#!/usr/bin/env bash
# Shared by run.sh and test.sh: install missing Debian packages, configure and build.
# Idempotent and quick when nothing changed (dpkg check, then an up-to-date ninja build).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${LEADGEN_PRESET:-dev}

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libqt6sql6-sqlite qt6-svg-dev libqt6svg6
    qtkeychain-qt6-dev libsimdjson-dev zlib1g-dev libxkbcommon-dev
    fonts-dejavu-core
    # keychain tests: a real Secret Service on a private session bus
    dbus dbus-x11 gnome-keyring libsecret-tools
    # benchmarks (wrk: the simulator throughput load generator), fuzzing (clang's libFuzzer runtime),
    # formatting and the tidy preset
    jq wrk clang libclang-rt-14-dev clang-format-14 clang-tidy-14
    # packaging: metadata validation, the .deb (cpack uses dpkg-shlibdeps and file), lintian, and
    # syntax checks of the generated zsh and fish completions
    desktop-file-utils appstream dpkg-dev file lintian zsh fish
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$root"
if [ ! -f "build/$preset/CMakeCache.txt" ]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" -- -k 0
