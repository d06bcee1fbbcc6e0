// Who can hold a permission: every role (at each organization scope), grant template and implicit
// grant through which it can be held, with the conditions under which it holds (requirements,
// `when`, holders, how the role is obtained, grant windows and ceilings) and what can take it away
// (role denies, template denies, forbid rules). Static: no request needed. `writ who-can` prints it.
// Covered by tests/unit/eval/who_can_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.hpp"

namespace writ::eval {

struct WhoCanPath {
  std::string via;                       ///< "role company_admin", "template support_access -> role x", ...
  std::string scope;                     ///< "at the organization where held", "at organizations below ...", ...
  std::string holders;                   ///< "internal, named accounts only"
  std::string obtained;                  ///< "assigned by company_admin", "automatic", "granted by owner, admin"
  std::vector<std::string> conditions;   ///< each must hold
  std::vector<std::string> removed_by;   ///< denies and forbid rules that may take it away
  Span span;
};

std::vector<WhoCanPath> who_can(const ir::Policy& policy, ir::PermissionId permission);

}  // namespace writ::eval
