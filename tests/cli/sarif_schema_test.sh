#!/usr/bin/env bash
# `writ check --format sarif policies/` (and seed 001 with assignments data) and `writ diff --format sarif` of the diff fixture pair
# validate against the official SARIF 2.1.0 schema (fetched by scripts/fetch-sarif-schema.sh) and
# carry results; a log broken on purpose fails.
# Usage: sarif_schema_test.sh WRIT_BINARY SOURCE_DIR
set -euo pipefail
writ="$1"
src="$2"
schema="${WRIT_NPM_PREFIX:-$src/.cache/npm}/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
if [ ! -f "$schema" ]; then
  echo "sarif schema missing: run scripts/fetch-sarif-schema.sh" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
"$writ" check --format sarif "$src/policies/" >"$tmp/log.json" 2>/dev/null || status=$?
[ "$status" -le 1 ] || { echo "writ check exited $status" >&2; exit 1; }
python3 "$src/tests/cli/validate_sarif.py" "$schema" "$tmp/log.json" --min-results 1
# Findings located in an assignments file (A040 citing its bindings, A051) validate too.
status=0
"$writ" check --format sarif "$src/policies/partner_managed_accounts" \
  --assignments "$src/tests/fixtures/assignments/seed001_one_admin.assignments.yaml" >"$tmp/assign.json" 2>/dev/null || status=$?
[ "$status" -le 1 ] || { echo "writ check --assignments exited $status" >&2; exit 1; }
python3 "$src/tests/cli/validate_sarif.py" "$schema" "$tmp/assign.json" --min-results 2
"$writ" diff --format sarif "$src/tests/fixtures/diff/old.writ" "$src/tests/fixtures/diff/new.writ" >"$tmp/diff.json"
python3 "$src/tests/cli/validate_sarif.py" "$schema" "$tmp/diff.json" --min-results 1
# The validator must be able to fail: a result without a message is not SARIF.
python3 - "$tmp/log.json" "$tmp/bad.json" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
del log["runs"][0]["results"][0]["message"]
json.dump(log, open(sys.argv[2], "w"))
PY
if python3 "$src/tests/cli/validate_sarif.py" "$schema" "$tmp/bad.json" 2>/dev/null; then
  echo "a broken log validated" >&2
  exit 1
fi
echo "sarif schema test: ok"
