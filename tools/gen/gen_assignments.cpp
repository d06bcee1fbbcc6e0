// `assigned_by` (docs/language.md §6): the edges templates and implicit grants did not use are
// spread over the staff and grantable roles, one or two authorizers each, some conditional.
// Automatic roles are `assigned_by automatic` and take no edge.
#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/gen_conditions.hpp"

namespace writ::gen {

int count_edges(const Model& m) {
  int n = 0;
  for (const auto& r : m.roles)
    for (const auto& a : r.assigned_by) n += static_cast<int>(a.roles.size());
  for (const auto& t : m.templates) {
    for (const auto& a : t.granted_by) n += static_cast<int>(a.roles.size());
    n += static_cast<int>(t.grantable.size());
  }
  for (const auto& ig : m.implicits) n += static_cast<int>(ig.grantee_roles.size() + ig.grants.size());
  return n;
}

void build_assignments(Model& m, const Plan& plan, Rng& rng) {
  std::vector<int> targets, assigners;
  for (std::size_t i = 0; i < m.roles.size(); ++i) {
    const Role& r = m.roles[i];
    if (r.automatic) continue;
    targets.push_back(static_cast<int>(i));
    if (r.cls == RoleClass::staff && has(r.holders, Kind::internal)) assigners.push_back(static_cast<int>(i));
  }
  int budget = std::max(0, plan.edges - count_edges(m));
  const int per = static_cast<int>(targets.empty() ? 0 : budget / static_cast<int>(targets.size()));
  int extra = static_cast<int>(targets.empty() ? 0 : budget % static_cast<int>(targets.size()));
  // Which roles get one more edge: a random choice, drawn without replacement.
  std::vector<int> order = targets;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  std::vector<int> want(m.roles.size(), 0);
  for (int r : order) want[r] = per + (extra-- > 0 ? 1 : 0);
  for (int target : targets) {
    int k = std::min<int>(want[target], static_cast<int>(assigners.size()) - 1);
    if (k <= 0) continue;
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < k) {
      int a = assigners[rng.below(assigners.size())];
      if (a != target && std::find(chosen.begin(), chosen.end(), a) == chosen.end()) chosen.push_back(a);
    }
    Role& role = m.roles[target];
    if (k >= 2 && rng.chance(30)) {
      // Two authorizers, the second under a condition.
      const int split = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(k - 1)));
      role.assigned_by.push_back(Authorizer{false, std::vector<int>(chosen.begin(), chosen.begin() + split), std::nullopt});
      role.assigned_by.push_back(Authorizer{false, std::vector<int>(chosen.begin() + split, chosen.end()),
                                            random_condition(m, rng, CondUse::authorizer)});
    } else {
      role.assigned_by.push_back(Authorizer{false, chosen, std::nullopt});
    }
  }
  for (auto& r : m.roles)
    if (r.automatic) r.assigned_by.clear();
}

}  // namespace writ::gen
