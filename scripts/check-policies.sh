#!/usr/bin/env bash
# The main job: install what is missing, build writ, then check every bundled policy under
# policies/ (printing findings) and run the policies' own tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DWRIT_BUILD_TESTS=OFF
status=0
echo "== writ check policies/"
build/tools/writ check policies/ || status=$?
echo "== writ test policies/"
build/tools/writ test policies/ || status=$?
exit "$status"
