#!/usr/bin/env bash
# The interpreter targets of issue 6, measured: builds writ and writ-gen, generates the reference
# policy (2,000 roles, 20,000 permissions, 10,000 edges, 1,000 tests of which 50 validate tests
# with ceilings), its double and the 20,000-role `extends` chain, then times `writ check`,
# `writ test`, `writ who-can`, `writ explain --role` (the deepest role) and one `writ eval`
# decision on each with /usr/bin/time (wall time and max RSS, children included), every command
# under a timeout and an address-space cap so the run never hangs nor starves the machine.
# Prints a table and the ratios double/reference.
# tools/bench/README.md explains the figures.
#
# Environment: WRIT_BENCH_BUILD (build dir, default build), WRIT_BENCH_TIMEOUT (seconds per
# command, default 60), WRIT_BENCH_MEMORY_MIB (address-space cap per command, default 4096),
# WRIT_BENCH_OUT (where policies and results go, default /tmp/writ-bench),
# WRIT_BENCH_POLICIES (subset of "ref double chain"), WRIT_BENCH_SEED (default 1), WRIT_JOBS.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${WRIT_BENCH_BUILD:-build}
timeout_s=${WRIT_BENCH_TIMEOUT:-60}
memory_mib=${WRIT_BENCH_MEMORY_MIB:-4096}
out=${WRIT_BENCH_OUT:-/tmp/writ-bench}
policies=${WRIT_BENCH_POLICIES:-ref double chain}
seed=${WRIT_BENCH_SEED:-1}
jobs=${WRIT_JOBS:-1}

[ -x /usr/bin/time ] || { echo "interpreter.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# ---------------------------------------------------------------- build (optimized)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
case "$build_type" in
  Release | RelWithDebInfo) ;;
  *) echo "interpreter.sh: $build is a '$build_type' build; use Release or RelWithDebInfo (WRIT_BENCH_BUILD=...)" >&2; exit 2 ;;
esac
cmake --build "$build" --target writ writ-gen -j "$jobs" >/dev/null
writ=$build/tools/writ
gen=$build/tools/gen/writ-gen

# ---------------------------------------------------------------- policies
mkdir -p "$out"
generate() {  # NAME writ-gen-options...
  local name=$1
  shift
  rm -rf "${out:?}/$name"
  "$gen" --seed "$seed" "$@" -o "$out/$name" 2>/dev/null
}
manifest() {  # DIR KEY -> the string or number value of KEY in DIR/manifest.json
  sed -n "s/^  \"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1/manifest.json"
}
for p in $policies; do
  case $p in
    ref) generate ref --roles 2000 --permissions 20000 --edges 10000 --tests 1000 --validate-tests 50 ;;
    double) generate double --roles 4000 --permissions 40000 --edges 20000 --tests 2000 --validate-tests 100 ;;
    chain) generate chain --shape chain --roles 20000 --permissions 20000 --edges 10000 --tests 1000 --validate-tests 50 ;;
    *) echo "interpreter.sh: unknown policy '$p' (ref, double, chain)" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------- measurements
results=$out/results.tsv
printf 'policy\tcommand\twall_s\tcpu_s\tmax_rss_mib\tstatus\n' >"$results"
measure() {  # POLICY COMMAND-LABEL ALLOWED-EXIT-CODES COMMAND...
  local policy=$1 label=$2 allowed=$3
  shift 3
  local tf=$out/time.$$ rc=0 status=ok wall rss user sys cpu mib
  (
    ulimit -v $((memory_mib * 1024))
    exec /usr/bin/time -f '%e %M %U %S' -o "$tf" timeout -k 5 "$timeout_s" "$@"
  ) >"$out/$policy.$label.out" 2>&1 || rc=$?
  read -r wall rss user sys < <(tail -1 "$tf")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')
  mib=$(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}')
  rm -f "$tf"
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    status="timeout (${timeout_s} s)"
  elif [ "$rc" -ne 0 ] && grep -qE 'bad_alloc|Cannot allocate|out of memory' "$out/$policy.$label.out"; then
    status="memory cap (${memory_mib} MiB)"
  elif ! [[ " $allowed " == *" $rc "* ]]; then
    status="exit $rc"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$policy" "$label" "$wall" "$cpu" "$mib" "$status" >>"$results"
  printf '  %-7s %-10s %8s s wall %8s s cpu %7s MiB  %s\n' "$policy" "$label" "$wall" "$cpu" "$mib" "$status" >&2
}
for p in $policies; do
  dir=$out/$p
  role=$(manifest "$dir" deepest_role)
  perm=$(manifest "$dir" sample_permission)
  echo "$p: $(manifest "$dir" roles) roles, $(manifest "$dir" permissions) permissions, $(manifest "$dir" edges) edges," \
       "$(manifest "$dir" tests) tests ($(manifest "$dir" validate_tests) validate); deepest role $role (depth $(manifest "$dir" deepest_depth))" >&2
  measure "$p" check "0" "$writ" check "$dir"
  measure "$p" test "0" "$writ" test "$dir"
  measure "$p" who-can "0" "$writ" who-can "$dir/policy.writ" "$perm"
  measure "$p" explain "0" "$writ" explain "$dir/policy.writ" --role "$role"
  measure "$p" eval "0" "$writ" eval "$dir/policy.writ" --request "$dir/request.json"
done

# ---------------------------------------------------------------- report
echo
echo "writ $(git rev-parse --short HEAD 2>/dev/null || echo '?') ($build_type), per command: timeout ${timeout_s} s, address space ${memory_mib} MiB; seed $seed"
column -t -s $'\t' "$results"
if [[ " $policies " == *" ref "* && " $policies " == *" double "* ]]; then
  echo
  echo "double / reference (target: at most 2.3x time and memory)"
  awk -F'\t' 'NR > 1 { t[$1 "\t" $2] = $3; c[$1 "\t" $2] = $4; m[$1 "\t" $2] = $5; s[$1 "\t" $2] = $6; if ($1 == "ref") order[++n] = $2 }
    END {
      printf "%-10s %8s %8s %8s\n", "command", "wall", "cpu", "memory"
      for (i = 1; i <= n; i++) {
        cmd = order[i]; r = "ref\t" cmd; d = "double\t" cmd
        if (s[r] != "ok" || s[d] != "ok") { printf "%-10s %8s %8s %8s\n", cmd, "-", "-", "-"; continue }
        printf "%-10s %7.2fx %7.2fx %7.2fx\n", cmd, (t[r] > 0 ? t[d] / t[r] : 0), (c[r] > 0 ? c[d] / c[r] : 0), (m[r] > 0 ? m[d] / m[r] : 0)
      }
    }' "$results"
fi
echo
echo "results: $results; outputs: $out/<policy>.<command>.out"
