// Who holds a role according to the assignments data (compiler/ir/assignments.hpp), by the
// interpreter's rules (docs/semantics.md §2.2, §2.3): a binding counts when the role is declared
// and the principal's kind and account type are allowed by its `holders` and `named_accounts`; a
// principal holds R through a binding of R or of a role extending R, and through an automatic role
// extending R at its home organization. Read by the assignments checks (check_assignments.cpp) and
// by the `min_holders` prover (compiler/prove/). Covered by tests/unit/analysis/assignments_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/facts/facts.hpp"
#include "compiler/ir/assignments.hpp"

namespace writ::analysis {

/// The principal's kind is among the role's holders and, when the role needs one, it is a named
/// account: the binding would be a source (else the interpreter's holder_kind_not_allowed or
/// named_account_required).
bool may_hold(const ir::Role& role, const ir::Principal& principal);

/// One way a principal of the data holds a role, and at which organization.
struct Holding {
  std::size_t principal = 0;   ///< index into Assignments::principals
  std::size_t binding = 0;     ///< index into its bindings; npos for an automatic role
  std::string org;
  static constexpr std::size_t kAutomatic = static_cast<std::size_t>(-1);
};

/// Every holding of `role` in `data`, in file order.
std::vector<Holding> holdings(const facts::Facts& facts, const ir::Assignments& data, ir::RoleId role);

}  // namespace writ::analysis
