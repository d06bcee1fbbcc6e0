// See effective_access.hpp.
#include "compiler/eval/effective_access.hpp"

#include <deque>
#include <set>

namespace writ::eval {

std::vector<std::vector<ir::RoleId>> extends_closure(const ir::Policy& policy, ir::RoleId role) {
  std::vector<std::vector<ir::RoleId>> out;
  std::set<std::uint32_t> seen{role.value};
  std::deque<std::vector<ir::RoleId>> queue{{role}};
  while (!queue.empty()) {
    auto chain = std::move(queue.front());
    queue.pop_front();
    for (ir::RoleId parent : policy[chain.back()].extends) {
      if (parent.value >= policy.roles.size() || !seen.insert(parent.value).second) continue;
      auto next = chain;
      next.push_back(parent);
      queue.push_back(std::move(next));
    }
    out.push_back(std::move(chain));
  }
  return out;
}

namespace {

void level_rules_into(const ir::Policy& policy, ir::LevelId level, const ir::PermissionSet* cut, int depth,
                      std::vector<std::pair<const ir::Rule*, ir::PermissionSet>>& out) {
  if (level.value >= policy.levels.size() || depth > 64) return;  // depth: a derivation cycle, fail closed
  const ir::Level& l = policy[level];
  if (l.readonly_of) {
    ir::PermissionSet reads = policy.read_permissions();
    level_rules_into(policy, *l.readonly_of, &reads, depth + 1, out);
    return;
  }
  for (const auto& rule : l.permits) {
    ir::PermissionSet perms = rule.permissions;
    if (cut) perms &= *cut;
    out.emplace_back(&rule, std::move(perms));
  }
}

}  // namespace

std::vector<std::pair<const ir::Rule*, ir::PermissionSet>> level_rules(const ir::Policy& policy, ir::LevelId level) {
  std::vector<std::pair<const ir::Rule*, ir::PermissionSet>> out;
  level_rules_into(policy, level, nullptr, 0, out);
  return out;
}

std::vector<ir::Requirement> level_requirements(const ir::Policy& policy, ir::LevelId level) {
  std::vector<ir::Requirement> out;
  for (int depth = 0; level.value < policy.levels.size() && depth <= 64; ++depth) {
    const ir::Level& l = policy[level];
    out.insert(out.end(), l.requirements.begin(), l.requirements.end());
    if (!l.readonly_of) break;
    level = *l.readonly_of;
  }
  return out;
}

bool level_at_least(const ir::Policy& policy, ir::LevelId held, ir::LevelId required) {
  std::set<std::uint32_t> seen;
  std::deque<ir::LevelId> queue{held};
  while (!queue.empty()) {
    ir::LevelId l = queue.front();
    queue.pop_front();
    if (l == required) return true;
    if (l.value >= policy.levels.size() || !seen.insert(l.value).second) continue;
    for (ir::LevelId below : policy[l].above) queue.push_back(below);
  }
  return false;
}

std::vector<Contribution> role_contributions(const ir::Policy& policy, ir::RoleId role, ir::OrgScope scope) {
  std::vector<Contribution> out;
  if (role.value >= policy.roles.size()) return out;
  for (const auto& chain : extends_closure(policy, role)) {
    const ir::ScopeGrants& g = policy[chain.back()].at[static_cast<std::size_t>(scope)];
    for (const auto& r : g.permits) out.push_back({Contribution::Kind::permit, r.permissions, chain, &r, std::nullopt, r.span});
    for (const auto& a : g.levels)
      for (auto& [rule, perms] : level_rules(policy, a.level))
        out.push_back({Contribution::Kind::level, perms, chain, rule, a.level, a.span});
    for (const auto& r : g.denies) out.push_back({Contribution::Kind::deny, r.permissions, chain, &r, std::nullopt, r.span});
  }
  return out;
}

std::vector<ir::LevelAssignment> role_levels(const ir::Policy& policy, ir::RoleId role, ir::OrgScope scope) {
  std::vector<ir::LevelAssignment> out;
  if (role.value >= policy.roles.size()) return out;
  for (const auto& chain : extends_closure(policy, role)) {
    const auto& levels = policy[chain.back()].at[static_cast<std::size_t>(scope)].levels;
    out.insert(out.end(), levels.begin(), levels.end());
  }
  return out;
}

std::string level_name(const ir::Policy& policy, ir::LevelId level) {
  if (level.value >= policy.levels.size()) return "?";
  const ir::Level& l = policy[level];
  return policy[l.module].name + "." + l.name;
}

std::string chain_text(const ir::Policy& policy, const std::vector<ir::RoleId>& chain) {
  std::string out;
  for (std::size_t i = 0; i < chain.size(); ++i) out += (i ? " -> " : "") + policy[chain[i]].name;
  return out;
}

}  // namespace writ::eval
