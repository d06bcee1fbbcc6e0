#!/usr/bin/env bash
# Test-only: fetches the official SARIF 2.1.0 JSON schema, which ships in the npm package
# @microsoft/jest-sarif as lib/schemas/sarif-2.1.0-rtm.5.json, into .cache/npm (not committed).
# The SARIF schema test (tests/cli/sarif_schema_test.sh) validates `writ check --format sarif`
# against it with python3-jsonschema. Idempotent; called by scripts/install-deps.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${WRIT_NPM_PREFIX:-$root/.cache/npm}"
schema="$prefix/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
if [ -f "$schema" ]; then
  echo "fetch-sarif-schema: present at $schema"
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --no-save @microsoft/jest-sarif >/dev/null
test -f "$schema"
echo "fetch-sarif-schema: $schema"
