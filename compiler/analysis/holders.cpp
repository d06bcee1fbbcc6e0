// See holders.hpp.
#include "compiler/analysis/holders.hpp"

#include <algorithm>

namespace writ::analysis {

bool may_hold(const ir::Role& role, const ir::Principal& principal) {
  return std::find(role.holders.begin(), role.holders.end(), principal.kind) != role.holders.end() &&
         (!role.named_accounts || principal.named);
}

std::vector<Holding> holdings(const facts::Facts& facts, const ir::Assignments& data, ir::RoleId role) {
  const auto& p = facts.policy();
  std::vector<Holding> out;
  for (std::size_t i = 0; i < data.principals.size(); ++i) {
    const auto& who = data.principals[i].principal;
    for (std::size_t b = 0; b < who.roles.size(); ++b) {
      auto held = facts.role(who.roles[b].role);
      if (held && facts.reaches(*held, role) && may_hold(p[*held], who))
        out.push_back({i, b, ir::binding_org(who, who.roles[b])});
    }
    for (auto a : facts.automatic_roles())
      if (facts.reaches(a, role) && may_hold(p[a], who))
        out.push_back({i, Holding::kAutomatic, ir::binding_org(who, ir::RoleBinding{})});
  }
  return out;
}

}  // namespace writ::analysis
