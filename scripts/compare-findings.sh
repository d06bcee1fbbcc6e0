#!/usr/bin/env bash
# Compares what two `writ` binaries say in `writ check` (text, json, sarif: stdout, stderr and exit
# status, byte for byte) on the seed policies, the analysis fixtures and writ-gen policies of a few
# seeds and sizes. For changes meant to make the analyses faster without changing any finding
# (docs/performance.md, "Analysis scale"): build the old commit's `writ` somewhere, then
#   scripts/compare-findings.sh OLD_WRIT NEW_WRIT WRIT_GEN [SIZE...]
# SIZE is a number of roles (default: 60 200 500); each gets seeds 1-3, with 10 permissions and
# 5 edges per role as in the benchmark. Exit 0 when every output is identical.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 OLD_WRIT NEW_WRIT WRIT_GEN [SIZE...]" >&2
  exit 2
fi
old=$1 new=$2 gen=$3
shift 3
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(60 200 500)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/writ-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

inputs=()
for d in "$root"/policies/*/; do inputs+=("$d"); done
for f in "$root"/tests/fixtures/analysis/*; do inputs+=("$f"); done
for size in "${sizes[@]}"; do
  for seed in 1 2 3; do
    out="$work/gen-$size-$seed"
    "$gen" --seed "$seed" --roles "$size" --permissions $((size * 10)) --edges $((size * 5)) -o "$out" 2>/dev/null
    inputs+=("$out")
  done
done

differ=0 compared=0
for input in "${inputs[@]}"; do
  for format in text json sarif; do
    for bin in old new; do
      exe=$old
      [[ $bin == new ]] && exe=$new
      set +e
      (cd "$root" && "$exe" check --format "$format" "$input" >"$work/$bin.out" 2>"$work/$bin.err")
      echo $? >"$work/$bin.rc"
      set -e
    done
    compared=$((compared + 1))
    for part in out err rc; do
      if ! cmp -s "$work/old.$part" "$work/new.$part"; then
        echo "differs: $format $part of $input" >&2
        differ=$((differ + 1))
      fi
    done
  done
done
echo "compare-findings: $compared runs (${#inputs[@]} inputs x 3 formats), $differ differences"
[[ $differ -eq 0 ]]
