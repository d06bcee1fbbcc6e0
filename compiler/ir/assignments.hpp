// Who holds what: the assignments data a `writ check --assignments FILE` reads (docs/assignments.md),
// as a value the analyses and the assertion prover read without any front end. Names are kept as
// written (a role the policy lacks is a finding, not an error of the file); each principal is an
// ir::Principal, so a witness request is the principal as the data lists it.
// Built by compiler/yaml/assignments_reader.hpp; covered by tests/unit/yaml/assignments_reader_test.cpp.
#pragma once

#include <optional>
#include <vector>

#include "compiler/ir/request.hpp"
#include "compiler/source/source.hpp"

namespace writ::ir {

/// One entry of `principals:`. `principal.grants` and `principal.triggers` stay empty.
struct AssignedPrincipal {
  Principal principal;
  Span span;                      ///< the entry (its `id`)
  std::vector<Span> role_spans;   ///< parallel to `principal.roles`: each binding as written
};

struct Assignments {
  std::vector<AssignedPrincipal> principals;  ///< in file order; ids are unique
  /// The file's `organizations:` (name -> parent, "" at a root), when it has one; every
  /// organization a principal or binding names is then in it.
  std::optional<OrgTree> organizations;
};

/// Where a binding is held: its own organization, else the principal's home, else the requests'
/// default organization.
inline const std::string& binding_org(const Principal& p, const RoleBinding& b) {
  static const std::string kDefault = kDefaultOrganization;
  if (!b.org.empty()) return b.org;
  return p.org.empty() ? kDefault : p.org;
}

}  // namespace writ::ir
