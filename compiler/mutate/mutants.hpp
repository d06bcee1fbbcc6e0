// The single-step mutants of a policy, made on the IR: remove a rule, widen a pattern to its
// module (`**`) or to every action of its resources, narrow it by one permission, drop a
// requirement, a condition, `ceiling grantor`, a holder kind, an assignment or grant edge, a deny
// or forbid; lengthen a maximum duration; flip the combining rule; swap a level for another of its
// module. Each mutant is the whole policy with one change, so the facts, the interpreter and the
// diff read it like any policy. Covered by tests/unit/mutate/mutants_test.cpp.
#pragma once

#include <functional>
#include <string>

#include "compiler/ir/policy.hpp"

namespace writ::mutate {

struct Mutant {
  std::string op;           ///< `remove-rule`, `widen-module`, `drop-condition`, ...
  std::string description;  ///< what changed, by stable key: "remove role viewer at self permit m/docs:view"
  Span span;                ///< where in the source
  ir::Policy policy;        ///< the mutated copy
};

/// Removes rule `r` from the declaration that lists it (a role's permit or deny at its scope, a
/// level's permit, a forbid's deny with its `covers` recomputed, a template's deny): the edit of
/// the `remove-rule` and `remove-deny` mutants, shared with the redundancy checks
/// (compiler/equiv/), which ask whether the policy without a rule decides anything differently.
void remove_rule(ir::Policy& q, ir::RuleId r);

/// Calls `f` with each mutant of `p` in a fixed order (the same policy gives the same list).
void for_each_mutant(const ir::Policy& p, const std::function<void(Mutant&&)>& f);

}  // namespace writ::mutate
