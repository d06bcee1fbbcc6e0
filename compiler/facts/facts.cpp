// See facts.hpp. Each builder visits the IR once, in an order where what a fact depends on is
// already built (parents before children, included and source levels before the levels that use
// them); a cycle, which lowering rejects (W022, W024), only costs a fact, never termination.
#include "compiler/facts/facts.hpp"

#include <algorithm>
#include <deque>

namespace writ::facts {
namespace {

/// Kahn's order of nodes 0..n-1 such that every `deps[n]` comes before n. Nodes on a cycle are
/// left out; callers give them a fail-closed fact.
std::vector<std::uint32_t> dependency_order(const std::vector<std::vector<std::uint32_t>>& deps) {
  const std::size_t n = deps.size();
  std::vector<std::size_t> missing(n, 0);
  std::vector<std::vector<std::uint32_t>> users(n);
  for (std::uint32_t i = 0; i < n; ++i)
    for (auto d : deps[i])
      if (d < n) {
        ++missing[i];
        users[d].push_back(i);
      }
  std::deque<std::uint32_t> ready;
  for (std::uint32_t i = 0; i < n; ++i)
    if (missing[i] == 0) ready.push_back(i);
  std::vector<std::uint32_t> out;
  out.reserve(n);
  while (!ready.empty()) {
    auto i = ready.front();
    ready.pop_front();
    out.push_back(i);
    for (auto u : users[i])
      if (--missing[u] == 0) ready.push_back(u);
  }
  return out;
}

}  // namespace

Facts::Facts(const ir::Policy& policy) : policy_(policy) {
  for (std::uint32_t i = 0; i < policy_.permissions.size(); ++i)
    if (policy_[policy_.permissions[i].action].action_class == ir::ActionClass::read) read_.insert(ir::PermissionId{i});
  all_ = ir::PermissionSet::range(0, static_cast<std::uint32_t>(policy_.permissions.size()));
  build_closures();
  build_levels();
  build_scopes();
  for (std::uint32_t i = 0; i < policy_.roles.size(); ++i) {
    if (policy_.roles[i].automatic) automatic_.push_back(ir::RoleId{i});
    roles_.emplace(policy_.roles[i].name, ir::RoleId{i});
  }
  for (std::uint32_t i = 0; i < policy_.templates.size(); ++i) templates_.emplace(policy_.templates[i].name, ir::TemplateId{i});
  for (std::uint32_t i = 0; i < policy_.implicit_grants.size(); ++i) implicits_.emplace(policy_.implicit_grants[i].name, ir::ImplicitId{i});
}

void Facts::build_closures() {
  const std::size_t n = policy_.roles.size();
  std::vector<std::vector<std::uint32_t>> parents(n);
  for (std::uint32_t i = 0; i < n; ++i)
    for (auto p : policy_.roles[i].extends) parents[i].push_back(p.value);
  closure_.assign(n, Bits(n));
  std::vector<bool> done(n, false);
  for (auto i : dependency_order(parents)) {
    closure_[i].insert(i);
    for (auto p : parents[i]) closure_[i] |= closure_[p];
    done[i] = true;
  }
  // Only on a cyclic IR: plain reachability, which terminates by visiting each role once.
  for (std::uint32_t i = 0; i < n; ++i) {
    if (done[i]) continue;
    std::deque<std::uint32_t> queue{i};
    closure_[i].insert(i);
    while (!queue.empty()) {
      auto r = queue.front();
      queue.pop_front();
      for (auto p : parents[r])
        if (!closure_[i].contains(p)) {
          closure_[i].insert(p);
          queue.push_back(p);
        }
    }
  }

  closure_list_.assign(n, {});
  for (std::uint32_t i = 0; i < n; ++i)
    if (closure_[i].count() <= kListedClosure) closure_[i].for_each([&](std::uint32_t q) { closure_list_[i].push_back(q); });

  // INVARIANT: levels' `above` already contains what they include (lowering), so the order is
  // above alone.
  const std::size_t m = policy_.levels.size();
  std::vector<std::vector<std::uint32_t>> below(m);
  for (std::uint32_t i = 0; i < m; ++i)
    for (auto a : policy_.levels[i].above) below[i].push_back(a.value);
  at_least_.assign(m, Bits(m));
  std::vector<bool> ordered(m, false);
  for (auto i : dependency_order(below)) {
    at_least_[i].insert(i);
    for (auto b : below[i]) at_least_[i] |= at_least_[b];
    ordered[i] = true;
  }
  for (std::uint32_t i = 0; i < m; ++i)
    if (!ordered[i]) at_least_[i].insert(i);  // a level on an order cycle is at least itself only
}

void Facts::build_levels() {
  const std::size_t m = policy_.levels.size();
  std::vector<std::vector<std::uint32_t>> sources(m);
  for (std::uint32_t i = 0; i < m; ++i) {
    const ir::Level& l = policy_.levels[i];
    for (auto inc : l.includes) sources[i].push_back(inc.value);
    if (l.readonly_of) sources[i].push_back(l.readonly_of->value);
  }
  level_permits_.assign(m, {});
  level_requirements_.assign(m, {});
  for (auto i : dependency_order(sources)) {
    const ir::Level& l = policy_.levels[i];
    auto& out = level_permits_[i];
    auto add = [&](LevelPermit lp) {
      if (lp.permissions.empty()) return;
      for (const auto& have : out)
        if (have.rule == lp.rule && have.permissions == lp.permissions) return;  // reached twice through includes
      out.push_back(std::move(lp));
    };
    level_requirements_[i] = l.requirements;
    if (l.readonly_of) {
      // §3.3: exactly the read-class part of L, with L's level-wide requirements too.
      const auto& from = level_requirements_[l.readonly_of->value];
      level_requirements_[i].insert(level_requirements_[i].end(), from.begin(), from.end());
      for (const auto& lp : level_permits_[l.readonly_of->value]) add(LevelPermit{lp.rule, lp.permissions & read_, lp.requirements, lp.declared_in});
      continue;
    }
    for (auto r : l.permits) {
      const ir::Rule& rule = policy_[r];
      add(LevelPermit{r, rule.permissions, rule.requirements, ir::LevelId{i}});
    }
    for (auto inc : l.includes) {
      // An included level's permits keep their own conditions and requirements and gain the
      // included level's level-wide ones: the including level gives them exactly when L would.
      const auto& level_wide = level_requirements_[inc.value];
      for (const auto& lp : level_permits_[inc.value]) {
        LevelPermit copy = lp;
        copy.requirements.insert(copy.requirements.end(), level_wide.begin(), level_wide.end());
        add(std::move(copy));
      }
    }
  }
}

void Facts::build_scopes() {
  scopes_.assign(policy_.roles.size(), {});
  for (std::uint32_t i = 0; i < policy_.roles.size(); ++i) {
    const ir::Role& role = policy_.roles[i];
    for (auto s : ir::all_of<ir::OrgScope>()) {
      const ir::ScopeAccess& at = role.at[static_cast<std::size_t>(s)];
      ScopeFacts& f = scopes_[i][static_cast<std::size_t>(s)];
      f.levels = at.levels;
      for (auto r : at.permits) {
        const ir::Rule& rule = policy_[r];
        f.contributions.push_back(Contribution{Contribution::Kind::permit, r, &rule.permissions, rule.requirements, std::nullopt, rule.when.id, rule.span});
        f.may_allow |= rule.permissions;
        if (rule.when.always() && rule.requirements.empty()) f.unconditional |= rule.permissions;
      }
      for (const auto& la : at.levels)
        for (const auto& lp : level_permits_[la.level.value]) {
          const ir::Rule& rule = policy_[lp.rule];
          f.contributions.push_back(Contribution{Contribution::Kind::level, lp.rule, &lp.permissions, lp.requirements, la.level, rule.when.id, la.span});
          f.may_allow |= lp.permissions;
          if (rule.when.always() && lp.requirements.empty() && level_requirements_[la.level.value].empty()) f.unconditional |= lp.permissions;
        }
      for (auto r : at.denies) {
        const ir::Rule& rule = policy_[r];
        f.contributions.push_back(Contribution{Contribution::Kind::deny, r, &rule.permissions, {}, std::nullopt, rule.when.id, rule.span});
        f.may_deny |= rule.permissions;
      }
    }
  }
}

std::vector<ir::RoleId> Facts::chain(ir::RoleId from, ir::RoleId to) const {
  if (!reaches(from, to)) return {};
  // BFS inside the closure of `from`; parents of each visited role recorded for the path.
  std::vector<std::int64_t> parent(policy_.roles.size(), -1);
  std::deque<std::uint32_t> queue{from.value};
  parent[from.value] = from.value;
  while (!queue.empty()) {
    auto r = queue.front();
    queue.pop_front();
    if (r == to.value) break;
    for (auto p : policy_.roles[r].extends)
      if (parent[p.value] < 0) {
        parent[p.value] = r;
        queue.push_back(p.value);
      }
  }
  std::vector<ir::RoleId> out;
  for (std::uint32_t r = to.value;; r = static_cast<std::uint32_t>(parent[r])) {
    out.push_back(ir::RoleId{r});
    if (r == from.value) break;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t Facts::bytes() const {
  std::size_t n = 0;
  for (const auto& b : closure_) n += b.bytes();
  for (const auto& l : closure_list_) n += l.capacity() * sizeof(std::uint32_t);
  for (const auto& b : at_least_) n += b.bytes();
  for (const auto& v : level_permits_)
    for (const auto& lp : v) n += sizeof lp + lp.permissions.bytes();
  for (const auto& role : scopes_)
    for (const auto& s : role)
      n += s.contributions.capacity() * sizeof(Contribution) + s.may_allow.bytes() + s.may_deny.bytes() + s.unconditional.bytes();
  return n;
}

}  // namespace writ::facts
