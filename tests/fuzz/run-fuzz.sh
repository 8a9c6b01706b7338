#!/usr/bin/env bash
# Builds a libFuzzer target in build/fuzz (preset "fuzz", clang++) and runs it on its corpus for
# SECONDS (default 10). TARGET: fuzz_analyzer (default; response corpus), fuzz_linter (request
# corpus), fuzz_curlcommand (cURL shapes), fuzz_httprequestparser (HTTP requests to the simulator),
# fuzz_requestfile (request files), fuzz_har (HAR files) or fuzz_jsonlines (JSON Lines logs).
# ctest runs them briefly; run longer by hand:
#   tests/fuzz/run-fuzz.sh 300 [TARGET]
# Exit status: 0 = no crash, 77 = clang++ not available (ctest reports "skipped"), 1 = a crash,
# a sanitizer report, a timeout or an oracle mismatch (the input is kept in build/fuzz/artifacts/;
# libFuzzer's own default error status is 77, hence -error_exitcode=1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-10}
target=${2:-fuzz_analyzer}
case "$target" in
    fuzz_analyzer) corpus="tests/data/responses/bodies tests/fuzz/corpus/analyzer" dict=tests/fuzz/json.dict ;;
    fuzz_linter) corpus=tests/data/requests dict=tests/fuzz/json.dict ;;
    fuzz_curlcommand) corpus=tests/data/curl dict=tests/fuzz/curl.dict ;;
    fuzz_httprequestparser) corpus="tests/data/http tests/fuzz/corpus/httprequestparser" dict=tests/fuzz/http.dict ;;
    fuzz_requestfile) corpus=tests/data/requests dict=tests/fuzz/json.dict ;;
    fuzz_har) corpus=tests/fuzz/corpus/har dict=tests/fuzz/json.dict ;;
    fuzz_jsonlines) corpus=tests/fuzz/corpus/jsonlines dict=tests/fuzz/json.dict ;;
    *) echo "run-fuzz: unknown target $target" >&2; exit 2 ;;
esac
if ! command -v clang++ >/dev/null 2>&1; then
    echo "run-fuzz: clang++ not found, skipping"
    exit 77
fi
cd "$root"
if [ ! -f build/fuzz/CMakeCache.txt ]; then
    cmake --preset fuzz >/dev/null
fi
cmake --build --preset fuzz --target "$target" -- -j2 >/dev/null
mkdir -p build/fuzz/artifacts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The first corpus directory receives new inputs: a scratch one, so the repository's corpus
# stays as committed. tests/fuzz/corpus/TARGET holds inputs long runs found to reach new
# coverage (merged with -merge=1 -use_counters=0, files up to 4 KB).
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 -dict="$dict" \
    -artifact_prefix=build/fuzz/artifacts/ "$work" $corpus
