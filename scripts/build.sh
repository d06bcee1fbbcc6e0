#!/usr/bin/env bash
# Configures and builds writ in build/ (Ninja, RelWithDebInfo). Extra arguments go to cmake's
# configure step, e.g. scripts/build.sh -DWRIT_BUILD_TESTS=OFF.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${WRIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$jobs"
