#!/usr/bin/env bash
# Mutation run for the interpreter's core: applies, one at a time, each single-operator mutation
# listed below to the condition store (Kleene logic, atoms, normal form), the combining rule, the
# grant window and maximum duration, the ceiling, holders and trigger organizations; rebuilds the
# test binaries, runs ctest, and records which test killed the mutant (or SURVIVED). The source is
# restored with `git checkout -- FILE` after every mutant, also on interrupt; never commit a mutant.
#
# Usage: tools/mutate-interpreter.sh [BUILD_DIR] [CTEST_REGEX] [ONLY_IDS...]
#   BUILD_DIR   default build (configured as in the README, tests on)
#   CTEST_REGEX default '^(eval|core|facts)\.' (the areas that decide); '.' runs the whole suite
#   ONLY_IDS    run only these mutation ids (M01 ...)
# DRY=1 only checks that every mutation applies (and restores), without building.
# WRIT_JOBS=N sets the build and ctest job count (default 2; 1 on a shared machine).
# Output: one markdown table row per mutant on stdout (tests/MUTATIONS.md is built from it).
set -u
cd "$(dirname "$0")/.."
build=${1:-build}
regex=${2:-'^(eval|core|facts)\.'}
shift 2 2>/dev/null || shift $#
only=" $* "
targets="writ_tests_eval writ_tests_core writ_tests_facts"
jobs=${WRIT_JOBS:-2}

# id | file | exact text (must occur once) | replacement | what the mutant does
mutations=$(cat <<'LIST'
M01|compiler/ir/condition.hpp|        if (t == Truth::unknown) out = t;
      }
      return out;
    }
    case CondNode::Op::or_: {|        (void)0;
      }
      return out;
    }
    case CondNode::Op::or_: {|`and` ignores an unknown operand (fail open)
M02|compiler/ir/condition.hpp|        if (t == Truth::false_) return t;|        if (t == Truth::true_) return t;|`and` returns at the first true operand
M03|compiler/ir/condition.hpp|        if (t == Truth::true_) return t;
        if (t == Truth::unknown) out = t;
      }
      return out;
    }
  }|        if (t == Truth::true_) return t;
      }
      return out;
    }
  }|`or` ignores an unknown operand
M04|compiler/ir/condition.hpp|      Truth out = Truth::false_;|      Truth out = Truth::true_;|`or` of all-false operands is true
M05|compiler/ir/condition.cpp|  if (!v) return Truth::unknown;|  if (!v) return Truth::false_;|a missing input makes an atom false (so its negation true)
M06|compiler/ir/condition.cpp|  return in != a.negated ? Truth::true_ : Truth::false_;|  return in == a.negated ? Truth::true_ : Truth::false_;|an atom's negation flag inverted
M07|compiler/ir/condition.cpp|      a.negated = !a.negated;|      a.negated = a.negated;|`not` of an atom is the atom
M08|compiler/ir/condition.cpp|      return n.op == CondNode::Op::and_ ? any(std::move(kids)) : all(std::move(kids));|      return n.op == CondNode::Op::and_ ? all(std::move(kids)) : any(std::move(kids));|De Morgan dropped: `not (a and b)` is `not a and not b`
M09|compiler/ir/condition.cpp|    const bool intersect = is_and != x.negated;|    const bool intersect = is_and == x.negated;|merging two atoms on one input unites where it must intersect
M10|compiler/ir/condition.cpp|    if (c == absorbing) return absorbing;|    if (c == absorbing) continue;|`false` no longer absorbs an `and`
M11|compiler/eval/view.cpp|  out.allow = any_allow && !any_deny && !forbidden;|  out.allow = any_allow && !forbidden;|deny_overrides ignores denies
M12|compiler/eval/view.cpp|      if (local_allow && !local_deny) {|      if (local_allow) {|permissive ignores a role's own denies
M13|compiler/eval/view.cpp|      any_deny = any_deny \|\| local_deny;|      any_deny = any_deny && local_deny;|deny_overrides needs every source to deny
M14|compiler/eval/view.cpp|      if (local_allow && options_.ceiling && t.ceiling_grantor && !grantor(*s.grant).allows(p)) {|      if (local_allow && options_.ceiling && !t.ceiling_grantor && !grantor(*s.grant).allows(p)) {|ceiling applied to the wrong templates
M15|compiler/eval/view.cpp|      if (local_allow && options_.ceiling && t.ceiling_grantor && !grantor(*s.grant).allows(p)) {|      if (false) {|ceiling never applied at decision time
M16|compiler/eval/view.cpp|    if (grant.valid_from && request.at < *grant.valid_from)|    if (grant.valid_from && request.at <= *grant.valid_from)|valid_from exclusive
M17|compiler/eval/view.cpp|    if (w.end && request.at >= *w.end)|    if (w.end && request.at > *w.end)|valid_to inclusive
M18|compiler/eval/view.cpp|    if (cap && (!w.end \|\| *cap < *w.end)) {|    if (cap && (w.end && *cap < *w.end)) {|max duration ignored for a grant without an end
M19|compiler/eval/view.cpp|    if (w.unbounded_under_max) return fail(ReasonCode::grant_beyond_max_duration);|    (void)0;|unbounded grant under a maximum counts
M20|compiler/eval/view.cpp|    if (!holder_ok(*role, true)) continue;|    (void)0;|bindings ignore holders
M21|compiler/eval/view.cpp|      if (!holder_ok(*role, true)) {|      if (false) {|grant roles ignore holders
M22|compiler/eval/view.cpp|    if (rel == Relation::unrelated) {
      note(ReasonCode::implicit_not_triggered);|    if (false) {
      note(ReasonCode::implicit_not_triggered);|implicit grants ignore where their trigger is
M23|compiler/eval/view.cpp|    if (!kind_allowed(t.grantee_kinds, grantee.kind)) return fail(ReasonCode::grantee_kind_not_allowed);|    (void)0;|grantee kinds not checked at decision time
M24|compiler/eval/view.cpp|  const bool in_scope = t.org_scope == ir::OrgScope::self ? st.relation == Relation::self : st.relation != Relation::unrelated;|  const bool in_scope = st.relation != Relation::unrelated;|`scope self` grants reach descendants
M25|compiler/eval/view.cpp|        if (!rule.permissions.contains(p) \|\| evaluate(rule.when.id, s.relation) == ir::Truth::false_) continue;|        if (!rule.permissions.contains(p) \|\| evaluate(rule.when.id, s.relation) != ir::Truth::true_) continue;|template deny with an unknown `when` does not apply
M26|compiler/eval/view.cpp|    if (ft == ir::Truth::false_) {|    if (ft != ir::Truth::true_) {|forbid with an unknown `when` does not apply
M27|compiler/eval/view.cpp|          if (t != ir::Truth::true_) {
            r.code = ReasonCode::condition_false;|          if (t == ir::Truth::false_) {
            r.code = ReasonCode::condition_false;|permit with an unknown `when` applies (fail open)
M28|compiler/eval/view.cpp|      case ir::Selector::Kind::anyone: return true;|      case ir::Selector::Kind::anyone: break;|forbid `anyone` selects nobody
M29|compiler/eval/view.cpp|        if (holds_role(sel.role)) return true;|        if (holds_role(sel.role, true)) return true;|forbid `role` ignores roles reached through grants and implicit grants
M30|compiler/eval/view.cpp|          if (st.template_ == sel.template_ && st.live_but_scope) return true;|          if (st.template_ == sel.template_ && st.live) return true;|forbid `template` ignores out-of-scope grants
M31|compiler/eval/view.cpp|    if (evaluate(ig.when.id, rel) != ir::Truth::true_) {|    if (evaluate(ig.when.id, rel) == ir::Truth::false_) {|implicit grant with an unknown `when` applies
M32|compiler/eval/view.cpp|      if (evaluate(t.scope_when.id, st.relation) != ir::Truth::true_) {|      if (evaluate(t.scope_when.id, st.relation) == ir::Truth::false_) {|template `scope when` unknown counts as true
LIST
)

restore() { git checkout -- compiler/ir/condition.hpp compiler/ir/condition.cpp compiler/eval/view.cpp 2>/dev/null; }
trap 'restore; exit 130' INT TERM

echo "| id | mutation | file:line | killed by |"
echo "|---|---|---|---|"
while IFS= read -r -d $'\x1e' entry; do
  [ -z "$entry" ] && continue
  id=${entry%%|*}
  case "$only" in "  ") ;; *" $id "*) ;; *) continue ;; esac
  line=$(python3 - "$entry" <<'PY'
import sys, re
parts = re.split(r'(?<!\\)\|', sys.argv[1])
id_, path, old, new, what = [p.replace('\\|', '|') for p in parts]
src = open(path).read()
if src.count(old) != 1:
    print(f"ERROR {path}: text occurs {src.count(old)} times"); sys.exit(1)
line = src[:src.index(old)].count('\n') + 1
open(path, 'w').write(src.replace(old, new))
print(f"{path}:{line}\t{what}")
PY
  ) || { echo "| $id | (not applied: $line) | | |"; restore; continue; }
  where=${line%%$'\t'*}
  what=${line#*$'\t'}
  if [ -n "${DRY:-}" ]; then restore; echo "| $id | $what | $where | (dry run) |"; continue; fi
  if ! cmake --build "$build" --target $targets -j "$jobs" >/tmp/mutant-$id.build.log 2>&1; then
    killed="compile error"
  else
    ctest --test-dir "$build" -j "$jobs" -R "$regex" --stop-on-failure >/tmp/mutant-$id.ctest.log 2>&1
    # The summary lists failures as `NN - NAME (Failed)`: the first one killed the mutant.
    killed=$(grep -E '^[[:space:]]+[0-9]+ - .* \((Failed|Subprocess aborted|SEGFAULT|Timeout|Exception)\)$' /tmp/mutant-$id.ctest.log | head -1 |
             sed -E 's/^[[:space:]]+[0-9]+ - //; s/ \((Failed|Subprocess aborted|SEGFAULT|Timeout|Exception)\)$//')
    [ -z "$killed" ] && killed="SURVIVED"
  fi
  restore
  echo "| $id | $what | $where | $killed |"
done < <(printf '%s\n' "$mutations" | awk 'BEGIN{ORS=""} /^M[0-9][0-9]\|/{ if (n++) printf "\x1e"; print; next } { print "\n" $0 } END{ printf "\x1e" }')
restore
