#!/bin/sh
# test-package.sh BUILD_DIR: the ctest test package_deb.
# Makes the .deb from an existing build tree (cpack installs that tree's binary into a staging
# directory: no second compile), checks its contents and dependencies, runs lintian (errors fail
# the test; warnings are printed), then runs the installed binary: the GUI's first paint
# offscreen, `explain 105`, `sim` answering a `send`. The package is unpacked into a throw-away
# root; with LEADGEN_PACKAGE_INSTALL=1 as root (CI) it is installed with apt instead and purged
# at the end, and nothing of it may remain.
set -eu
build=$1
command -v dpkg-deb >/dev/null 2>&1 || { echo "dpkg-deb missing: not a Debian system"; exit 77; }
command -v lintian >/dev/null 2>&1 || { echo "lintian missing (scripts/setup.sh installs it)"; exit 1; }

work="$(cd "$build" && pwd)/package-test"
rm -rf "$work"
mkdir -p "$work/home"
fail() { echo "FAIL: $*"; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Contents: everything an administrator's desktop expects.
dpkg-deb -c "$deb" >"$work/contents.txt"
for path in usr/bin/leadgen-diag \
    usr/share/doc/leadgen-diag/copyright usr/share/doc/leadgen-diag/changelog.gz \
    usr/share/man/man1/leadgen-diag.1.gz \
    usr/share/applications/io.github.leadgendiag.LeadgenDiag.desktop \
    usr/share/metainfo/io.github.leadgendiag.LeadgenDiag.metainfo.xml \
    usr/share/mime/packages/io.github.leadgendiag.LeadgenDiag.xml \
    usr/share/icons/hicolor/scalable/apps/io.github.leadgendiag.LeadgenDiag.svg \
    usr/share/bash-completion/completions/leadgen-diag \
    usr/share/zsh/vendor-completions/_leadgen-diag \
    usr/share/fish/vendor_completions.d/leadgen-diag.fish; do
    grep -q " \./$path\$" "$work/contents.txt" || fail "$path is not in the package"
done
# Dependencies: shlibdeps found the linked libraries; the run-time plugins are named.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libqt6widgets6 libqt6keychain1 qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6 libqt6network6; do
    echo "$depends" | grep -q "$package" || fail "Depends lacks $package"
done

# lintian: no errors. Its own messages (E:, W:, I:) are shown for the log.
status=0
lintian --fail-on error --display-level ">=info" --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>&1 || status=$?
cat "$work/lintian.txt"
echo "lintian: $(grep -c '^E:' "$work/lintian.txt" || true) error(s), $(grep -c '^W:' "$work/lintian.txt" || true) warning(s)"
[ $status -eq 0 ] || fail "lintian reported errors"

# Install.
installed=0
if [ "${LEADGEN_PACKAGE_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log"; fail "apt-get install"; }
    installed=1
    bin=/usr/bin/leadgen-diag
    dpkg -L leadgen-diag >"$work/files.txt"
else
    dpkg-deb -x "$deb" "$work/root"
    bin="$work/root/usr/bin/leadgen-diag"
fi

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" \
    XDG_CACHE_HOME="$work/home/cache" QT_QPA_PLATFORM=offscreen LEADGEN_HISTORY=off
unset DISPLAY WAYLAND_DISPLAY

"$bin" --version | grep -q "^leadgen-diag " || fail "--version"
LEADGEN_EXIT_AFTER_FIRST_PAINT=1 timeout 60 "$bin" >"$work/gui.txt" 2>&1 || { cat "$work/gui.txt"; fail "GUI start"; }
grep -qx first-paint "$work/gui.txt" || { cat "$work/gui.txt"; fail "GUI first paint"; }
echo "GUI: first paint offscreen"

"$bin" explain 105 >"$work/explain.txt" || fail "explain 105 exit status"
grep -q 105 "$work/explain.txt" || fail "explain 105 output"
echo "explain 105: $(head -n 1 "$work/explain.txt")"

request="$work/request.json"
printf '%s\n' '{"method": "getLeads", "params": {"where": {}, "limit": 5}, "id": "package-test"}' >"$request"
"$bin" sim --quiet >"$work/sim.txt" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
url=""
tries=0
while [ -z "$url" ] && [ $tries -lt 200 ]; do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/pubapi/v1\.2/' "$work/sim.txt" | head -n 1 || true)
    [ -n "$url" ] || { tries=$((tries + 1)); sleep 0.05; }
done
[ -n "$url" ] || { cat "$work/sim.txt"; fail "sim did not print its endpoint"; }
LEADGEN_SIM_SECRET=sim-demo-secret-0001 "$bin" send "$request" --endpoint "$url" --account SIMDEMO0001 \
    --secret-env LEADGEN_SIM_SECRET --json >"$work/send.json" || { cat "$work/send.json"; fail "send to sim"; }
grep -q '"http_status": 200' "$work/send.json" || fail "send: no HTTP 200"
kill $sim
wait $sim || true
trap - EXIT
echo "sim at $url answered send"

if [ $installed = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq leadgen-diag >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log"; fail "apt-get purge"; }
    while read -r file; do
        [ -d "$file" ] || [ ! -e "$file" ] || fail "$file remains after purge"
    done <"$work/files.txt"
    echo "installed with apt and purged cleanly"
else
    rm -rf "$work/root"
fi
echo "package test passed"
