#!/usr/bin/env bash
# The main job: install what is missing, build writ, then check every bundled policy under
# policies/ (printing findings), run the policies' own tests with the mutation score of each
# policy (every non-equivalent single-step mutant must be killed), and build each policy's decision
# table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DWRIT_BUILD_TESTS=OFF
status=0
echo "== writ check policies/"
build/tools/writ check policies/ || status=$?
echo "== writ test --mutate policies/ (the tests, then the mutants no test kills and the score)"
build/tools/writ test --mutate policies/ || status=$?
echo "== writ build: one decision table per policy (build/tables/), verified by writ inspect"
mkdir -p build/tables
for dir in policies/*/; do
  name=$(basename "$dir")
  build/tools/writ build "$dir" -o "build/tables/$name.writt" || status=$?
  build/tools/writ inspect "build/tables/$name.writt" > /dev/null || status=$?
done
exit "$status"
