#!/usr/bin/env bash
# Builds if needed, then starts leadgen-diag: the GUI on the embedded simulator, or a CLI
# subcommand when arguments ask for one (./run.sh explain 105).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$root/scripts/setup.sh" >&2
binary="$root/build/${LEADGEN_PRESET:-dev}/bin/leadgen-diag"
case "${1:-}" in
    explain|inspect|lint|send|sim|--help|-h|--version|-v) ;;
    *)
        if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
            echo "run.sh: no display found (DISPLAY/WAYLAND_DISPLAY unset); the GUI needs one." >&2
            echo "        Try: xvfb-run -a ./run.sh, or QT_QPA_PLATFORM=offscreen ./run.sh" >&2
            exit 2
        fi
        ;;
esac
exec "$binary" "$@"
