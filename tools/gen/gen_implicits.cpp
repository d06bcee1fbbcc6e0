// Implicit grants (docs/language.md §9): internal principals holding a trigger role get a staff
// role's access while a condition (mostly `context.ticket_open`) holds. The roles given are held
// by internal principals and need no named account, so the grant means the same whether or not
// the language later makes holders bind implicit grants.
#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/gen_conditions.hpp"

namespace writ::gen {

void build_implicits(Model& m, const Plan& plan, Rng& rng) {
  std::vector<int> internal;
  for (std::size_t i = 1; i < m.roles.size(); ++i)  // not the viewer, which stays read-only
    if (m.roles[i].cls == RoleClass::staff && m.roles[i].holders == bit(Kind::internal) && !m.roles[i].named_accounts)
      internal.push_back(static_cast<int>(i));
  for (int i = 0; i < plan.implicits && !internal.empty(); ++i) {
    Implicit ig;
    ig.name = i == 0 ? "ticket_access" : fmt::format("ticket_access_{}", i + 1);
    ig.title = "Engineer handling an open ticket";
    ig.grantee_kinds = bit(Kind::internal);
    if (rng.chance(75)) ig.grantee_roles.push_back(internal[rng.below(internal.size())]);
    ig.when = random_condition(m, rng, CondUse::implicit);
    const int n = rng.between(1, 2);
    for (int k = 0; k < n; ++k) {
      int r = internal[rng.below(internal.size())];
      if (std::find(ig.grants.begin(), ig.grants.end(), r) == ig.grants.end()) ig.grants.push_back(r);
    }
    m.implicits.push_back(std::move(ig));
  }
}

}  // namespace writ::gen
