#!/usr/bin/env bash
# Runs every hook entry of .pre-commit-hooks.yaml the way pre-commit does (entry + matching file
# names, writ on the PATH): each passes on clean, canonical policies and fails on a broken and on
# a non-canonical one. Usage: pre_commit_hooks_test.sh WRIT_BINARY SOURCE_DIR
set -euo pipefail
writ="$1"
src="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$writ" "$tmp/bin/writ"
export PATH="$tmp/bin:$PATH"
clean=("$src/policies/vendor_support_access/policy.writ" "$src/policies/vendor_support_access/tests.writ")
printf 'policy p { combining permissive; }\nrole r { permit nowhere/x:y; }\n' >"$tmp/broken.writ"
printf 'policy p {   combining permissive; }\n' >"$tmp/untidy.writ"
python3 - "$src/.pre-commit-hooks.yaml" >"$tmp/hooks" <<'PY'
import re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
assert isinstance(hooks, list) and hooks, "no hooks"
for h in hooks:
    for key in ("id", "name", "entry", "language", "files"):
        assert key in h, f"hook {h.get('id')} lacks {key}"
    assert h["language"] == "system", h["id"]
    assert re.search(h["files"], "policy.writ"), h["id"]
    print(h["id"] + "\t" + h["entry"])
PY
count=0
while IFS=$'\t' read -r id entry; do
  count=$((count + 1))
  # shellcheck disable=SC2086  # the entry is a command line, split as pre-commit splits it
  $entry "${clean[@]}" >/dev/null || { echo "$id failed on clean policies" >&2; exit 1; }
  bad="$tmp/broken.writ"
  [ "$id" = writ-fmt ] && bad="$tmp/untidy.writ"
  if $entry "$bad" >/dev/null 2>&1; then echo "$id passed on $bad" >&2; exit 1; fi
done <"$tmp/hooks"
[ "$count" -ge 2 ] || { echo "expected the check and fmt hooks, found $count" >&2; exit 1; }
echo "pre-commit hooks test: $count hooks ok"
