#!/usr/bin/env bash
# Installs every Debian package writ needs to build and test; a package already present is left alone.
# Idempotent, runs as root (or through sudo) on a fresh Debian bookworm machine.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  tao-pegtl-dev libyaml-cpp-dev libfmt-dev librange-v3-dev
  catch2 libcli11-dev librapidcheck-dev libbenchmark-dev
  nlohmann-json3-dev
  python3-jsonschema   # test-only: the SARIF schema test
  python3-yaml         # test-only: the pre-commit hooks test reads .pre-commit-hooks.yaml
)
# clang with its runtime gives the libFuzzer targets; optional for everything else.
optional=(clang libclang-rt-dev)

missing=()
for p in "${packages[@]}" "${optional[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# npm (test-only, for the SARIF schema) comes from Debian only where no npm is on the PATH: a
# machine's own Node.js distribution conflicts with Debian's npm package.
command -v npm >/dev/null || missing+=(npm)
# Test-only npm tools, fetched after the packages.
fetch_test_tools() { "$(dirname "$0")/fetch-sarif-schema.sh" || echo "install-deps: could not fetch the SARIF schema; cli.sarif_schema will fail"; }
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  fetch_test_tools
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
command -v npm >/dev/null || "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends npm \
  || echo "install-deps: npm unavailable; cli.sarif_schema will fail"
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${optional[@]}" \
  || echo "install-deps: optional clang/libFuzzer packages unavailable; fuzz targets will be skipped"
fetch_test_tools
