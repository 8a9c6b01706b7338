#!/usr/bin/env bash
# Builds the libFuzzer targets in build/fuzz (preset "fuzz", clang++) and runs fuzz_analyzer
# on the response corpus for SECONDS (default 10). ctest runs it briefly; run it longer by hand:
#   tests/fuzz/run-fuzz.sh 300
# Exit status: 0 = no crash, 77 = clang++ not available (ctest reports "skipped"), 1 = a crash,
# a sanitizer report, a timeout or an oracle mismatch (the input is kept in build/fuzz/artifacts/;
# libFuzzer's own default error status is 77, hence -error_exitcode=1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-10}
if ! command -v clang++ >/dev/null 2>&1; then
    echo "run-fuzz: clang++ not found, skipping"
    exit 77
fi
cd "$root"
if [ ! -f build/fuzz/CMakeCache.txt ]; then
    cmake --preset fuzz >/dev/null
fi
cmake --build --preset fuzz --target fuzz_analyzer -- -j2 >/dev/null
mkdir -p build/fuzz/artifacts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The first corpus directory receives new inputs: a scratch one, so the repository's corpus
# stays as committed.
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    build/fuzz/tests/fuzz/fuzz_analyzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -error_exitcode=1 -timeout_exitcode=1 -dict=tests/fuzz/json.dict \
    -artifact_prefix=build/fuzz/artifacts/ "$work" tests/data/responses/bodies
