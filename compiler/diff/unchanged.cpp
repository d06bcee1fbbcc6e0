// Unchanged permissions by comparison of what decides them (unchanged.hpp). What a decision of a
// principal holding role R at one scope reads (compiler/eval/view.cpp, docs/semantics.md §2-§5):
// the policy-wide parts (combining rule, attributes with their types and defaults, the permission
// universe and its read class, levels and their order and requirements, automatic roles), then per
// source (R, each automatic role) its holders, its `extends` closure, the contributions of the
// closure at the scope with their conditions and requirements, and the levels it assigns there;
// then the forbids. The policy-wide parts must be equal for anything to be skipped; the rest
// marks exactly the permissions whose deciding material differs.
#include "compiler/diff/unchanged.hpp"

#include <algorithm>
#include <set>

#include "compiler/ir/keys.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/ir/vocabulary.hpp"

namespace writ::diff {

namespace {

std::string holders_text(const ir::Role& r) {
  return ir::kinds_text(r.holders) + (r.named_accounts ? " named" : "");
}

std::string globals_text(const facts::Facts& f) {
  const auto& p = f.policy();
  std::string out(ir::name(p.combining));
  out += "\n";
  std::vector<std::string> lines;
  for (const auto& a : p.attributes) {
    std::string l = "attribute " + a.name + " " + std::string(ir::name(a.type));
    for (const auto& v : a.enum_values) l += " " + v;
    if (a.default_value) l += " = " + ir::value_text(*a.default_value);
    lines.push_back(std::move(l));
  }
  for (std::uint32_t i = 0; i < p.permission_count(); ++i)
    lines.push_back("permission " + p.permission_name(ir::PermissionId{i}) +
                    (f.read_permissions().contains(ir::PermissionId{i}) ? " read" : ""));
  for (std::uint32_t i = 0; i < p.levels.size(); ++i) {
    const ir::LevelId l{i};
    std::string t = "level " + ir::level_name(p, l) + " >=";
    std::vector<std::string> below;
    for (std::uint32_t j = 0; j < p.levels.size(); ++j)
      if (f.at_least(l, ir::LevelId{j})) below.push_back(ir::level_name(p, ir::LevelId{j}));
    std::sort(below.begin(), below.end());
    for (const auto& b : below) t += " " + b;
    t += " requires";
    for (auto r : f.level_requirements(l)) t += " " + ir::requirement_text(p, r);
    lines.push_back(std::move(t));
  }
  for (auto r : f.automatic_roles()) lines.push_back("automatic " + p[r].name + " " + holders_text(p[r]));
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string selector_text(const ir::Policy& p, const ir::Selector& s) {
  switch (s.kind) {
    case ir::Selector::Kind::anyone: return "anyone";
    case ir::Selector::Kind::principal_kind: return "kind " + std::string(ir::name(s.principal_kind));
    case ir::Selector::Kind::role: return "role " + p[s.role].name;
    case ir::Selector::Kind::template_: return "template " + p[s.template_].name;
    case ir::Selector::Kind::level: return "level " + ir::level_name(p, s.level);
  }
  return "?";
}

std::string forbid_key(const ir::Policy& p, const ir::Forbid& f) {
  std::vector<std::string> parts;
  for (const auto& s : f.applies_to) parts.push_back(selector_text(p, s));
  std::sort(parts.begin(), parts.end());
  std::string k = f.name + " when " + ir::condition_text(p, f.when.id) + " to";
  for (const auto& s : parts) k += " " + s;
  std::vector<std::string> denies;
  for (auto d : f.denies) denies.push_back(p[d].key);
  std::sort(denies.begin(), denies.end());
  for (const auto& d : denies) k += " | " + d;
  return k;
}

std::vector<std::string> symmetric_difference(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

struct Unchanged::Source {
  std::string holders;
  std::set<std::string> closure;
  std::set<std::string> levels;  ///< held at the scope
  std::map<std::string, ir::PermissionSet> contributions;  ///< by key; NEW ids
  ir::PermissionSet with_requirements;                     ///< NEW ids
  ir::PermissionSet all;                                   ///< NEW ids: every set above
};

Unchanged::Unchanged(const facts::Facts& old_f, const facts::Facts& new_f) : old_f_(old_f), new_f_(new_f) {
  const auto& op = old_f.policy();
  const auto& np = new_f.policy();
  same_globals_ = globals_text(old_f) == globals_text(new_f);
  if (!same_globals_) return;
  remap_ = ir::remap(op, np);
  identity_ = true;
  for (std::uint32_t i = 0; i < remap_.size(); ++i) identity_ = identity_ && remap_[i] && remap_[i]->value == i;
  std::map<std::string, ir::PermissionSet> old_forbids, new_forbids;
  for (const auto& f : op.forbids) old_forbids[forbid_key(op, f)] |= to_new(f.covers);
  for (const auto& f : np.forbids) new_forbids[forbid_key(np, f)] |= f.covers;
  for (const auto& [k, s] : old_forbids)
    if (auto it = new_forbids.find(k); it == new_forbids.end() || !(it->second == s)) forbids_changed_ |= s;
  for (const auto& [k, s] : new_forbids)
    if (auto it = old_forbids.find(k); it == old_forbids.end() || !(it->second == s)) forbids_changed_ |= s;
  auto add_selects = [&](const ir::Policy& p, const ir::Forbid& f, bool old) {
    for (const auto& s : f.applies_to) {
      if (s.kind == ir::Selector::Kind::role) selects_.push_back({p[s.role].name, false, old ? to_new(f.covers) : f.covers});
      if (s.kind == ir::Selector::Kind::level) selects_.push_back({ir::level_name(p, s.level), true, old ? to_new(f.covers) : f.covers});
    }
  };
  for (const auto& f : op.forbids) add_selects(op, f, true);
  for (const auto& f : np.forbids) add_selects(np, f, false);
}

ir::PermissionSet Unchanged::to_new(const ir::PermissionSet& old_set) const {
  if (identity_) return old_set;
  return ir::remap_set(old_set, remap_);
}

Unchanged::Source Unchanged::source(const facts::Facts& f, ir::RoleId role, ir::OrgScope scope, bool old) const {
  const auto& p = f.policy();
  Source s;
  s.holders = holders_text(p[role]);
  f.for_each_in_closure(role, [&](std::uint32_t q) {
    const ir::RoleId qr{q};
    s.closure.insert(p[qr].name);
    const auto& own = f.own(qr, scope);
    for (const auto& la : own.levels) s.levels.insert(ir::level_name(p, la.level));
    for (const auto& c : own.contributions) {
      if (!c.permissions) continue;
      std::string key = p[qr].name + " " + std::to_string(static_cast<int>(c.kind)) + " " + p[c.rule].key;
      if (c.level) key += " level " + ir::level_name(p, *c.level);
      key += " when " + ir::condition_text(p, c.when);
      for (auto r : c.requirements) key += " requires " + ir::requirement_text(p, r);
      const ir::PermissionSet set = old ? to_new(*c.permissions) : *c.permissions;
      if (!c.requirements.empty() || (c.level && !f.level_requirements(*c.level).empty())) s.with_requirements |= set;
      s.all |= set;
      s.contributions[key] |= set;
    }
  });
  return s;
}

bool Unchanged::compare(const Source& o, const Source& n, ir::PermissionSet& out) const {
  if (o.holders != n.holders) {
    out |= o.all;
    out |= n.all;
    for (const auto& s : selects_) out |= s.covers;  // whether the role is held at all changed
    return true;
  }
  for (const auto& [k, set] : o.contributions)
    if (auto it = n.contributions.find(k); it == n.contributions.end() || !(it->second == set)) out |= set;
  for (const auto& [k, set] : n.contributions)
    if (auto it = o.contributions.find(k); it == o.contributions.end() || !(it->second == set)) out |= set;
  const auto roles = symmetric_difference(o.closure, n.closure);
  const auto levels = symmetric_difference(o.levels, n.levels);
  for (const auto& s : selects_) {
    const auto& changed = s.level ? levels : roles;
    if (std::binary_search(changed.begin(), changed.end(), s.name)) out |= s.covers;
  }
  return !levels.empty();
}

std::optional<ir::PermissionSet> Unchanged::may_differ(const std::string& old_role, const std::string& new_role,
                                                       ir::OrgScope scope) const {
  if (old_role.empty() && new_role.empty()) return may_differ(std::vector<std::pair<std::string, std::string>>{}, scope);
  return may_differ(std::vector<std::pair<std::string, std::string>>{{old_role, new_role}}, scope);
}

std::optional<ir::PermissionSet> Unchanged::may_differ(const std::vector<std::pair<std::string, std::string>>& roles,
                                                       ir::OrgScope scope) const {
  if (!same_globals_) return std::nullopt;
  std::vector<std::pair<Source, Source>> sources;
  for (const auto& [old_role, new_role] : roles) {
    auto o = old_f_.role(old_role);
    auto n = new_f_.role(new_role);
    if (!o || !n) return std::nullopt;
    sources.emplace_back(source(old_f_, *o, scope, true), source(new_f_, *n, scope, false));
  }
  // Automatic roles: the same names in both versions (a policy-wide part).
  for (auto a : new_f_.automatic_roles()) {
    auto o = old_f_.role(new_f_.policy()[a].name);
    if (!o) return std::nullopt;
    sources.emplace_back(source(old_f_, *o, scope, true), source(new_f_, a, scope, false));
  }
  ir::PermissionSet out = forbids_changed_;
  bool levels_changed = false;
  for (const auto& [o, n] : sources) levels_changed = compare(o, n, out) || levels_changed;
  // Requirements are met by the levels any source assigns.
  if (levels_changed)
    for (const auto& [o, n] : sources) {
      out |= o.with_requirements;
      out |= n.with_requirements;
    }
  return out;
}

bool Unchanged::role_changed(const std::string& old_role, const std::string& new_role, ir::OrgScope scope) const {
  if (!same_globals_) return true;
  auto o = old_f_.role(old_role);
  auto n = new_f_.role(new_role);
  if (!o || !n) return true;
  ir::PermissionSet out;
  const bool levels = compare(source(old_f_, *o, scope, true), source(new_f_, *n, scope, false), out);
  return levels || !out.empty();
}

bool Unchanged::automatic_changed(ir::OrgScope scope) const {
  if (!same_globals_) return true;
  for (auto a : new_f_.automatic_roles()) {
    auto o = old_f_.role(new_f_.policy()[a].name);
    if (!o) return true;
    ir::PermissionSet out;
    if (compare(source(old_f_, *o, scope, true), source(new_f_, a, scope, false), out) || !out.empty()) return true;
  }
  return false;
}

}  // namespace writ::diff
