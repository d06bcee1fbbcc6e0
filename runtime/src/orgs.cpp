// Organizations and principals a service loads once (OrgTree, Directory), the request form of a
// directory principal. The Runtime object that publishes tables to many threads is in reload.cpp.
#include <algorithm>

#include "engine.hpp"

namespace writ::runtime {

OrgTree OrgTree::build(const std::vector<std::pair<std::string, std::string>>& parents) {
  OrgTree t;
  for (const auto& [name, parent] : parents) {
    t.names_.push_back(name);
    if (!parent.empty()) t.names_.push_back(parent);
  }
  std::sort(t.names_.begin(), t.names_.end());
  t.names_.erase(std::unique(t.names_.begin(), t.names_.end()), t.names_.end());
  t.parent_.assign(t.names_.size(), kNone);
  for (const auto& [name, parent] : parents)
    if (!parent.empty()) t.parent_[t.find(name)] = t.find(parent);
  // A node whose upward walk meets a cycle relates nothing but itself (semantics §1.1).
  const auto n = t.size();
  t.broken_.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t cur = i, steps = 0;
    while (cur != kNone && steps <= n) {
      cur = t.parent_[cur];
      ++steps;
    }
    t.broken_[i] = cur != kNone ? 1 : 0;
  }
  return t;
}

std::uint32_t OrgTree::find(std::string_view name) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), name, [](const std::string& a, std::string_view b) { return a < b; });
  return it != names_.end() && *it == name ? static_cast<std::uint32_t>(it - names_.begin()) : kNone;
}

std::string_view OrgTree::name(std::uint32_t id) const { return id < names_.size() ? std::string_view(names_[id]) : std::string_view(); }

std::uint8_t OrgTree::relation(std::uint32_t held, std::uint32_t target) const {
  if ((target & kFreshBelow) != 0) {  // validate_grant's fresh organization below g (engine.hpp)
    const std::uint32_t g = target & ~kFreshBelow;
    if (held == g) return kDescendant;
    if (g >= size() || broken_[g]) return kUnrelated;
    for (std::uint32_t cur = parent_[g]; cur != kNone; cur = parent_[cur])
      if (cur == held) return kDescendant;
    return kUnrelated;
  }
  if (held == target) return kSelf;
  if (target >= size() || broken_[target]) return kUnrelated;
  for (std::uint32_t cur = parent_[target]; cur != kNone; cur = parent_[cur])
    if (cur == held) return kDescendant;
  return kUnrelated;
}

std::uint32_t Directory::add(Principal p) {
  principals_.push_back(std::move(p));
  Principal& q = principals_.back();
  q.grantor_roles.resize(q.grants.size());
  q.grant_roles.resize(q.grants.size());
  q.grant_custom.resize(q.grants.size());
  for (std::size_t i = 0; i < q.grants.size(); ++i) {
    Grant& g = q.grants[i];
    g.grantor_roles = q.grantor_roles[i].data();
    g.grantor_role_count = static_cast<std::uint32_t>(q.grantor_roles[i].size());
    g.roles = q.grant_roles[i].data();
    g.role_count = static_cast<std::uint32_t>(q.grant_roles[i].size());
    std::sort(q.grant_custom[i].begin(), q.grant_custom[i].end());
    g.custom = q.grant_custom[i].data();
    g.custom_count = static_cast<std::uint32_t>(q.grant_custom[i].size());
  }
  return static_cast<std::uint32_t>(principals_.size() - 1);
}

std::uint32_t Directory::find(std::string_view id) const {
  for (std::size_t i = 0; i < principals_.size(); ++i)
    if (principals_[i].id == id) return static_cast<std::uint32_t>(i);
  return kNone;
}

Request request_for(const Directory& dir, std::uint32_t principal, const OrgTree* orgs, std::uint32_t target_org, std::uint32_t permission,
                    std::int64_t at, const AttrValue* context) {
  Request r;
  r.orgs = orgs;
  r.target_org = target_org;
  r.permission = permission;
  r.at = at;
  r.context = context;
  if (principal >= dir.size()) {
    r.permission = kNone;  // an unknown principal holds nothing and asks nothing known
    return r;
  }
  const Directory::Principal& p = dir.at(principal);
  r.kind = p.kind;
  r.named = p.named;
  r.home_org = p.home_org;
  r.roles = p.roles.data();
  r.role_count = static_cast<std::uint32_t>(p.roles.size());
  r.grants = p.grants.data();
  r.grant_count = static_cast<std::uint32_t>(p.grants.size());
  r.triggers = p.triggers.data();
  r.trigger_count = static_cast<std::uint32_t>(p.triggers.size());
  return r;
}

// Runtime (hot reload, the decision callback) lives in reload.cpp.

}  // namespace writ::runtime
