#!/usr/bin/env bash
# Installs what is missing, builds, then runs the whole suite with ctest (GUI tests offscreen).
# The exit status is the suite's.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$root/scripts/setup.sh"
cd "$root"
ctest --preset "${LEADGEN_PRESET:-dev}" -j "$(nproc)" "$@"
