// What holding one role gives at one scope, as two bounds that make the checks exact: `sure` —
// permissions every holder gets whatever the request (unconditional permits and level permits
// without requirements, minus every deny of the closure and every forbid rule that could apply)
// — and `may` — permissions some request could give (every permit, minus unconditional denies).
// A finding needs a permission in one role's `sure` and outside another's `may`, so it is true
// for every request; the interpreter then confirms one witness. Computed once per (role, scope).
// Covered by tests/unit/analysis/access_test.cpp.
#pragma once

#include <array>
#include <vector>

#include "compiler/facts/facts.hpp"

namespace writ::analysis {

struct Bounds {
  ir::PermissionSet sure;
  ir::PermissionSet may;
};

class Access {
 public:
  explicit Access(const facts::Facts& facts);
  [[nodiscard]] const Bounds& of(ir::RoleId role, ir::OrgScope scope) const {
    return bounds_[role.value][static_cast<std::size_t>(scope)];
  }
  /// What every principal may get from automatic roles at any scope (their `may`, both scopes).
  [[nodiscard]] const ir::PermissionSet& automatic_may() const { return automatic_may_; }
  /// Every permission some forbid rule or automatic role's deny could remove.
  [[nodiscard]] const ir::PermissionSet& could_be_removed() const { return removable_; }

 private:
  std::vector<std::array<Bounds, ir::kOrgScopeCount>> bounds_;
  ir::PermissionSet automatic_may_;
  ir::PermissionSet removable_;
};

/// What a template's own denies cover: never given by a grant of it, whatever is granted.
ir::PermissionSet template_denied(const ir::Policy& p, const ir::GrantTemplate& t);

}  // namespace writ::analysis
