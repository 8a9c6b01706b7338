#!/bin/sh
# check-metainfo-urls.sh SOURCE_DIR HOMEPAGE: the ctest test packaging_metainfo_urls.
# The AppStream metadata points at the project: its homepage is the project's (CMake's
# HOMEPAGE_URL, also the package's Homepage field), and every screenshot is a file of this
# repository served from the main branch, so a renamed or deleted screenshot fails here rather
# than in a software centre.
set -eu
src=$1
homepage=$2
metainfo="$src/packaging/linux/io.github.leadgendiag.LeadgenDiag.metainfo.xml"
raw="https://raw.githubusercontent.com/${homepage#https://github.com/}/main/"
fail() { echo "FAIL: $*"; exit 1; }

grep -q "<url type=\"homepage\">$homepage</url>" "$metainfo" || fail "the homepage is not $homepage"
if grep -n "example\.\(invalid\|com\|org\)" "$metainfo"; then fail "placeholder URL in $metainfo"; fi
count=0
for url in $(sed -n 's:.*<image[^>]*>\([^<]*\)</image>.*:\1:p' "$metainfo"); do
    case "$url" in
    "$raw"*) ;;
    *) fail "screenshot $url is not under $raw" ;;
    esac
    path=${url#"$raw"}
    [ -f "$src/$path" ] || fail "screenshot $url: $path is not in the repository"
    count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "no screenshot"
echo "homepage $homepage, $count screenshot(s) found in the repository"
