// See facts.hpp.
#include "tools/gen/facts.hpp"

#include <deque>

namespace writ::gen {

void Bits::add(const Model& m, const Pattern& p, bool reads_only) {
  for (int i = p.lo; i < p.hi; ++i)
    if (contains(m, p, i) && !(reads_only && m.is_write(i))) set(i);
}

Facts::Facts(const Model& m) : m_(m), denied_(static_cast<int>(m.permissions.size())) {
  level_rules_.resize(m.levels.size());
  level_reqs_.resize(m.levels.size());
  for (std::size_t l = 0; l < m.levels.size(); ++l) {
    // Follow `readonly` to the level with the permits (generated derivations are one step, but
    // nothing here relies on it).
    int base = static_cast<int>(l);
    bool cut = false;
    for (int depth = 0; depth < 64; ++depth) {
      const Level& lv = m.levels[base];
      level_reqs_[l].insert(level_reqs_[l].end(), lv.requirements.begin(), lv.requirements.end());
      if (lv.readonly_of < 0) break;
      base = lv.readonly_of;
      cut = true;
    }
    for (const auto& r : m.levels[base].permits) level_rules_[l].push_back(LevelRule{&r, cut});
  }
  for (const auto& r : m.roles)
    for (const auto& block : r.at)
      for (const auto& d : block.denies) denied_.add(m, d.pattern);
  for (const auto& t : m.templates)
    for (const auto& d : t.denies) denied_.add(m, d.pattern);
  for (const auto& f : m.forbids)
    for (const auto& d : f.denies) denied_.add(m, d.pattern);
  for (std::size_t i = 0; i < m.roles.size(); ++i)
    if (m.roles[i].automatic) automatic_.push_back(static_cast<int>(i));
}

Facts::Closure Facts::closure(int role) const {
  if (auto it = closures_.find(role); it != closures_.end()) return it->second;
  std::vector<int> out{role};
  std::vector<char> seen(m_.roles.size(), 0);
  seen[role] = 1;
  for (std::size_t i = 0; i < out.size(); ++i)
    for (int p : m_.roles[out[i]].extends)
      if (!seen[p]) {
        seen[p] = 1;
        out.push_back(p);
      }
  constexpr std::size_t kBudget = std::size_t{1} << 24;  // 64 MiB of role ids
  if (cached_ + out.size() > kBudget) {
    closures_.clear();
    cached_ = 0;
  }
  cached_ += out.size();
  auto shared = std::make_shared<const std::vector<int>>(std::move(out));
  closures_.emplace(role, shared);
  return shared;
}

bool Facts::extends_to(int role, int ancestor) const {
  const Closure c = closure(role);
  for (int r : *c)
    if (r == ancestor) return true;
  return false;
}

bool Facts::at_least(int held, int required) const {
  std::vector<char> seen(m_.levels.size(), 0);
  std::deque<int> queue{held};
  while (!queue.empty()) {
    int l = queue.front();
    queue.pop_front();
    if (l == required) return true;
    if (seen[l]) continue;
    seen[l] = 1;
    for (int below : m_.levels[l].above) queue.push_back(below);
  }
  return false;
}

const Bits& Facts::sure_set(int role, int scope) const {
  auto key = std::make_pair(role, scope);
  if (auto it = sure_.find(key); it != sure_.end()) return it->second;
  Bits bits(static_cast<int>(m_.permissions.size()));
  const Closure c = closure(role);
  for (int r : *c) {
    const ScopeBlock& block = m_.roles[r].at[scope];
    for (const auto& p : block.permits)
      if (!p.when && p.requires_.empty()) bits.add(m_, p.pattern);
    for (const auto& la : block.levels) {
      if (!level_reqs_[la.level].empty()) continue;
      for (const auto& lr : level_rules_[la.level])
        if (!lr.rule->when && lr.rule->requires_.empty()) bits.add(m_, lr.rule->pattern, lr.read_cut);
    }
  }
  return sure_.emplace(key, std::move(bits)).first->second;
}

}  // namespace writ::gen
