#!/usr/bin/env bash
# Install what is missing, build everything, and run every test with CTest: unit tests per phase,
# golden dumps, diagnostic fixtures, fuzz-corpus replays, CLI end-to-end tests and the bundled
# policies' own tests. With WRIT_ASAN=1 the suite runs once more under ASan+UBSan in build-asan/
# (-O1, to fit CI's time on 2 cores). It is off by default until one full sanitized run has been
# seen green: a first finding in existing code must not turn every CI run red unannounced.
# With WRIT_FUZZ=1 and clang present it also builds the libFuzzer targets and gives each a short
# run (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DWRIT_BUILD_TESTS=ON
jobs=${WRIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
ctest --test-dir build --output-on-failure -j "$jobs"
if [ "${WRIT_ASAN:-0}" = 1 ]; then
  # The same tests with AddressSanitizer and UndefinedBehaviorSanitizer; any report fails the run.
  # -O1: sanitized code at -O2 builds much slower for little gain in what is found. The benchmark
  # tool is not built (WRIT_BUILD_BENCH is off). Skipped there: the test that bounds memory with
  # `ulimit -v` (ASan reserves terabytes of shadow address space, so it cannot run under one).
  san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DWRIT_BUILD_TESTS=ON \
    -DCMAKE_CXX_FLAGS="-O1 -g $san" -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -E "${WRIT_ASAN_SKIP:-extends chain}"
fi
if [ "${WRIT_FUZZ:-0}" = 1 ] && command -v clang++ >/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWRIT_BUILD_FUZZ=ON >/dev/null
  targets="dsl_fuzz yaml_fuzz request_fuzz cli_files_fuzz table_fuzz"
  # shellcheck disable=SC2086
  cmake --build build-fuzz -j "$jobs" --target $targets
  for t in $targets; do
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$t/." "$work/"
    len=4096
    [ "$t" = table_fuzz ] && len=65536  # the seed tables are up to 28 KiB
    build-fuzz/tests/fuzz/$t "$work" -max_total_time=60 -max_len=$len -timeout=5
    rm -rf "$work"
  done
fi
