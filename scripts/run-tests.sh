#!/usr/bin/env bash
# Install what is missing, build everything, and run every test with CTest: unit tests per phase,
# golden dumps, diagnostic fixtures, fuzz-corpus replays, CLI end-to-end tests and the bundled
# policies' own tests. With WRIT_ASAN=1 (which .ci/run sets) the suite runs once more under
# ASan+UBSan in build-asan/: its cold build needs about 2,200 CPU seconds (18 minutes on 2 cores)
# and its test run about 11 minutes, within CI's 90 (docs/fuzzing.md, "What CI runs"); a local
# run leaves it off unless asked. With WRIT_FUZZ=1 and clang present it also builds the libFuzzer
# targets and gives each a short run (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DWRIT_BUILD_TESTS=ON
jobs=${WRIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
ctest --test-dir build --output-on-failure -j "$jobs"
if [ "${WRIT_ASAN:-0}" = 1 ]; then
  # The same tests with AddressSanitizer and UndefinedBehaviorSanitizer; any report fails the run.
  # The build is cut to what finds bugs: -O1 (sanitized -O2 compiles slower and finds no more),
  # -g1 (line tables are all the reports' stack traces need), no benchmarks (WRIT_BUILD_BENCH off).
  # -fno-sanitize=vptr: the runtime is built without RTTI (runtime/CMakeLists.txt), and UBSan's
  # vptr check cannot recognise an object whose vtable comes from such code: the first sanitized
  # run reported every `shared_ptr<const Table>` the runtime made as "invalid vptr" in `writ build`.
  san="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DWRIT_BUILD_TESTS=ON \
    -DCMAKE_CXX_FLAGS="-O1 -g1 $san" -DCMAKE_C_FLAGS="-O1 -g1 $san" -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
  cmake --build build-asan -j "$jobs"
  # Skipped in this pass only (the first pass runs them), each because it cannot or need not run here:
  # - "extends chain" bounds memory with `ulimit -v`; ASan reserves terabytes of shadow address
  #   space, so nothing sanitized starts under such a limit.
  # - packaging.consumer_*: builds a separate project against the installed package; what it
  #   checks is the install layout, and an unsanitized consumer cannot link sanitized libraries.
  # - runtime_reload.tsan_*: builds its own ThreadSanitizer program from the runtime's sources,
  #   the same program either way (and ThreadSanitizer cannot be combined with ASan).
  skip="extends chain|^packaging\.consumer_|^runtime_reload\.tsan_"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -E "${WRIT_ASAN_SKIP:-$skip}"
fi
# WRIT_FUZZ=build only builds the targets (what CI does while an open finding waits, tests/fuzz/open/).
if [ "${WRIT_FUZZ:-0}" != 0 ] && command -v clang++ >/dev/null; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWRIT_BUILD_FUZZ=ON >/dev/null
  targets="dsl_fuzz yaml_fuzz assignments_fuzz request_fuzz cli_files_fuzz table_fuzz"
  # shellcheck disable=SC2086
  cmake --build build-fuzz -j "$jobs" --target $targets
  [ "$WRIT_FUZZ" = 1 ] || targets=""
  for t in $targets; do
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$t/." "$work/"
    len=4096
    [ "$t" = table_fuzz ] && len=65536  # the seed tables are up to 28 KiB
    build-fuzz/tests/fuzz/$t "$work" -max_total_time=60 -max_len=$len -timeout=5
    rm -rf "$work"
  done
fi
