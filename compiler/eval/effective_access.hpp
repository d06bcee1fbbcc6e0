// A role's access at one organization scope as data with provenance, before any condition is
// evaluated: every permit, level and deny that reaches the role through `extends`, each with the
// inheritance chain, the level it came through and the rule (so its `when` and requirements can be
// checked per request). The interpreter filters this list per request; `writ explain` and
// `writ who-can` print it. Inheritance and levels are docs/semantics.md §3.
// Covered by tests/unit/eval/effective_access_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.hpp"

namespace writ::eval {

/// One permit, level permit or deny reaching a role at a scope.
struct Contribution {
  enum class Kind : std::uint8_t { permit, level, deny };
  Kind kind = Kind::permit;
  ir::PermissionSet permissions;      ///< for a derived read-only level: already the read-class part
  std::vector<ir::RoleId> chain;      ///< the evaluated role first, the declaring role last
  const ir::Rule* rule = nullptr;     ///< the permit/deny, or the level's permit; never null
  std::optional<ir::LevelId> level;   ///< for Kind::level: the level assigned to the role
  Span span;                          ///< the rule; for a level, the role's `level M = L` line
};

/// The role and every role it extends, transitively, each with the shortest chain from `role`.
/// Cycle-safe (lowering rejects cycles with W022; the interpreter must still terminate).
std::vector<std::vector<ir::RoleId>> extends_closure(const ir::Policy& policy, ir::RoleId role);

/// Every contribution of `role` at `scope`, in a stable order (closure order, then declaration).
std::vector<Contribution> role_contributions(const ir::Policy& policy, ir::RoleId role, ir::OrgScope scope);

/// Level assignments reaching `role` at `scope` through `extends`.
std::vector<ir::LevelAssignment> role_levels(const ir::Policy& policy, ir::RoleId role, ir::OrgScope scope);

/// A level's permit rules with the permissions each gives; for `readonly(B)` the rules of B with
/// their permissions cut to the read class (recursively).
std::vector<std::pair<const ir::Rule*, ir::PermissionSet>> level_rules(const ir::Policy& policy, ir::LevelId level);

/// The level-wide requirements that must hold for `level` to count: its own, plus (for a derived
/// level) those of the level it is derived from.
std::vector<ir::Requirement> level_requirements(const ir::Policy& policy, ir::LevelId level);

/// `held` >= `required`: equal, or reachable through `above` (reflexive-transitive).
bool level_at_least(const ir::Policy& policy, ir::LevelId held, ir::LevelId required);

/// `module.level`
std::string level_name(const ir::Policy& policy, ir::LevelId level);
/// Names of the roles on a chain: `a -> b -> c`.
std::string chain_text(const ir::Policy& policy, const std::vector<ir::RoleId>& chain);

}  // namespace writ::eval
