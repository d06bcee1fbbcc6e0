// One model of "who may act here", shared by assignment (docs/semantics.md §8) and grant
// validation's `granted_by` (§7): an authorizer edge lets an actor act at a place when it is
// `anyone` and its condition holds, or when the actor holds one of its roles (or a role extending
// one) through a source that reaches the place, with the condition true at that source's relation.
// Which sources the actor has (its own grants and implicit grants or not) is the View's business.
// Covered by tests/unit/eval/assign_test.cpp and tests/unit/eval/validate_test.cpp.
#pragma once

#include <optional>
#include <vector>

#include "compiler/eval/view.hpp"

namespace writ::eval {

/// One way an authorizer applies to the actor, or nearly does.
struct Authority {
  ir::AuthorizerId authorizer;
  std::optional<std::size_t> source;  ///< the actor's source holding the role (absent for `anyone`)
  std::optional<ir::RoleId> role;     ///< the authorizer's role that source reaches
  ir::Truth truth = ir::Truth::true_; ///< the authorizer's condition there
  [[nodiscard]] bool grants() const { return truth == ir::Truth::true_; }
};

/// Every match of `authorizers` for `actor`, including those whose condition fails (for reasons).
/// `automatic` authorizers never match: nobody assigns an automatic role.
std::vector<Authority> authority(const View& actor, const std::vector<ir::AuthorizerId>& authorizers);

}  // namespace writ::eval
