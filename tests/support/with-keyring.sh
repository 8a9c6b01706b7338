#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring providing the
# Secret Service, in throwaway HOME/XDG directories, so keychain tests never
# touch the user's real keyring and leave nothing behind.
#   with-keyring.sh COMMAND [ARGS...]
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadgen-keyring-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/runtime"
chmod 700 "$tmp/runtime"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/runtime"
unset DISPLAY WAYLAND_DISPLAY
status=0
dbus-run-session -- sh -c '
    printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$@"
' sh "$@" || status=$?
exit $status
