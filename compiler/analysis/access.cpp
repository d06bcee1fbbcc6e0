// See access.hpp.
#include "compiler/analysis/access.hpp"

namespace writ::analysis {

Access::Access(const facts::Facts& facts) {
  const ir::Policy& p = facts.policy();
  const std::size_t n = p.roles.size();
  // Each role's own contribution first, then unions over the closure.
  std::vector<std::array<Bounds, ir::kOrgScopeCount>> own(n);
  std::vector<std::array<ir::PermissionSet, ir::kOrgScopeCount>> own_deny_any(n), own_deny_always(n);
  for (std::uint32_t r = 0; r < n; ++r)
    for (std::size_t s = 0; s < ir::kOrgScopeCount; ++s) {
      const auto& sf = facts.own(ir::RoleId{r}, static_cast<ir::OrgScope>(s));
      for (const auto& c : sf.contributions) {
        if (c.kind == facts::Contribution::Kind::deny) {
          own_deny_any[r][s] |= *c.permissions;
          if (c.when == ir::kTrue) own_deny_always[r][s] |= *c.permissions;
          continue;
        }
        own[r][s].may |= *c.permissions;
        const bool level_free = !c.level || facts.level_requirements(*c.level).empty();
        if (c.when == ir::kTrue && c.requirements.empty() && level_free) own[r][s].sure |= *c.permissions;
      }
    }
  for (const auto& f : p.forbids) removable_ |= f.covers;
  bounds_.resize(n);
  for (std::uint32_t r = 0; r < n; ++r)
    for (std::size_t s = 0; s < ir::kOrgScopeCount; ++s) {
      ir::PermissionSet deny_any, deny_always;
      Bounds b;
      facts.for_each_in_closure(ir::RoleId{r}, [&](std::uint32_t q) {
        b.sure |= own[q][s].sure;
        b.may |= own[q][s].may;
        deny_any |= own_deny_any[q][s];
        deny_always |= own_deny_always[q][s];
      });
      b.sure -= deny_any;
      b.may -= deny_always;
      bounds_[r][s] = std::move(b);
    }
  // Automatic roles: their permissions may reach anyone, and under deny_overrides their denies
  // may remove anything of anyone; both are kept so `sure` findings stay true.
  for (auto a : facts.automatic_roles())
    for (std::size_t s = 0; s < ir::kOrgScopeCount; ++s) {
      facts.for_each_in_closure(a, [&](std::uint32_t q) {
        automatic_may_ |= own[q][s].may;
        removable_ |= own_deny_any[q][s];
      });
    }
}

}  // namespace writ::analysis
