#!/usr/bin/env bash
# Install what is missing, build everything, and run every test with CTest: unit tests per phase,
# golden dumps, diagnostic fixtures, fuzz-corpus replays, CLI end-to-end tests and the bundled
# policies' own tests. With WRIT_FUZZ=1 and clang present it also builds the libFuzzer targets
# and gives each a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DWRIT_BUILD_TESTS=ON
jobs=${WRIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
ctest --test-dir build --output-on-failure -j "$jobs"
if [ "${WRIT_FUZZ:-0}" = 1 ] && command -v clang++ >/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWRIT_BUILD_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j "$jobs" --target dsl_fuzz yaml_fuzz table_fuzz
  for t in dsl_fuzz yaml_fuzz table_fuzz; do
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$t/." "$work/"
    len=4096
    [ "$t" = table_fuzz ] && len=65536  # the seed tables are up to 28 KiB
    build-fuzz/tests/fuzz/$t "$work" -max_total_time=60 -max_len=$len -timeout=5
    rm -rf "$work"
  done
fi
