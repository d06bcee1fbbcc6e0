// See scenes.hpp.
#include "tools/gen/scenes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/gen_patterns.hpp"

namespace writ::gen {

Scenes::Scenes(const Model& model, const Facts& facts, Rng& r) : m(model), f(facts), rng(r) {
  for (std::size_t o = 0; o < m.orgs.size(); ++o) {
    int top = static_cast<int>(o);
    while (m.orgs[top].parent >= 0) top = m.orgs[top].parent;
    if (m.orgs[top].name == "root") root_orgs_.push_back(static_cast<int>(o));
  }
  by_class_.resize(3);
  for (std::size_t i = 0; i < m.roles.size(); ++i) by_class_[static_cast<int>(m.roles[i].cls)].push_back(static_cast<int>(i));
}

int Scenes::any_org() { return root_orgs_[rng.below(root_orgs_.size())]; }

bool Scenes::reaches(int held, int target) const {
  for (int o = target; o >= 0; o = m.orgs[o].parent)
    if (o == held) return true;
  return false;
}

int Scenes::below(int org) {
  std::vector<int> out;
  for (std::size_t o = 0; o < m.orgs.size(); ++o)
    if (static_cast<int>(o) != org && reaches(org, static_cast<int>(o))) out.push_back(static_cast<int>(o));
  return out.empty() ? -1 : out[rng.below(out.size())];
}

int Scenes::unrelated_to(int org) {
  std::vector<int> out;
  for (std::size_t o = 0; o < m.orgs.size(); ++o)
    if (!reaches(org, static_cast<int>(o))) out.push_back(static_cast<int>(o));
  return out.empty() ? -1 : out[rng.below(out.size())];
}

int Scenes::staff_role() {
  const auto& staff = by_class_[static_cast<int>(RoleClass::staff)];
  if (staff.size() == 1) return staff.front();
  return staff[1 + rng.below(staff.size() - 1)];
}

int Scenes::role_of(RoleClass cls) {
  const auto& v = by_class_[static_cast<int>(cls)];
  return v[rng.below(v.size())];
}

Kind Scenes::holder_kind(int role) {
  const KindSet h = m.roles[role].holders;
  if (has(h, Kind::internal) && rng.chance(80)) return Kind::internal;
  std::vector<Kind> kinds;
  for (int k = 0; k < kKindCount; ++k)
    if (has(h, static_cast<Kind>(k))) kinds.push_back(static_cast<Kind>(k));
  return kinds[rng.below(kinds.size())];
}

int Scenes::role_with_level(int level, int scope, Kind kind) {
  for (int tries = 0; tries < 200; ++tries) {
    int r = static_cast<int>(rng.below(m.roles.size()));
    if (m.roles[r].cls != RoleClass::staff || !has(m.roles[r].holders, kind)) continue;
    for (const auto& la : m.roles[r].at[scope].levels)
      if (la.level == level) return r;
  }
  return -1;
}

int Scenes::member_of(const Pattern& p, bool cut, bool avoid_denied) {
  auto ok = [&](int i) { return contains(m, p, i) && !(cut && m.is_write(i)) && !(avoid_denied && f.denied_somewhere(i)); };
  for (int tries = 0; tries < 8; ++tries) {
    int i = p.lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(p.hi - p.lo)));
    if (ok(i)) return i;
  }
  std::vector<int> all;
  for (int i = p.lo; i < p.hi; ++i)
    if (ok(i)) all.push_back(i);
  return all.empty() ? -1 : all[rng.below(all.size())];
}

std::optional<Drawn> Scenes::draw(int role, int scope, bool sure, const Cond** cond) {
  struct Option {
    const Rule* rule;
    bool cut;
    int from;
    int level;  ///< -1: a permit
  };
  std::vector<Option> options;
  const Facts::Closure closure = f.closure(role);
  for (int r : *closure) {
    const ScopeBlock& block = m.roles[r].at[scope];
    for (const auto& p : block.permits)
      if (p.requires_.empty() && (sure ? !p.when : p.when.has_value())) options.push_back({&p, false, r, -1});
    if (!sure) continue;
    for (const auto& la : block.levels) {
      if (!f.level_requirements(la.level).empty()) continue;
      for (const auto& lr : f.level_rules(la.level))
        if (!lr.rule->when && lr.rule->requires_.empty()) options.push_back({lr.rule, lr.read_cut, r, la.level});
    }
  }
  for (int tries = 0; tries < 4 && !options.empty(); ++tries) {
    const Option& o = options[rng.below(options.size())];
    int p = member_of(o.rule->pattern, o.cut, sure);
    if (p < 0) continue;
    if (cond) *cond = o.rule->when ? &*o.rule->when : nullptr;
    return Drawn{p, o.from, o.level < 0 ? "permit " + pattern_text(m, o.rule->pattern) : "level " + m.level_ref(o.level)};
  }
  return std::nullopt;
}

std::optional<Drawn> Scenes::draw_denied(int role, int scope) {
  std::vector<std::pair<const Rule*, int>> denies;
  const Facts::Closure closure = f.closure(role);
  for (int r : *closure)
    for (const auto& d : m.roles[r].at[scope].denies) denies.emplace_back(&d, r);
  if (denies.empty()) return std::nullopt;
  auto [d, from] = denies[rng.below(denies.size())];
  int p = member_of(d->pattern);
  if (p < 0) return std::nullopt;
  return Drawn{p, from, "deny " + pattern_text(m, d->pattern)};
}

std::optional<Drawn> Scenes::draw_required(int role, int scope, Requirement* req) {
  std::vector<std::tuple<const Rule*, bool, int, Requirement, std::string>> options;
  const Facts::Closure closure = f.closure(role);
  for (int r : *closure) {
    const ScopeBlock& block = m.roles[r].at[scope];
    for (const auto& p : block.permits)
      if (!p.when && p.requires_.size() == 1) options.emplace_back(&p, false, r, p.requires_.front(), "permit " + pattern_text(m, p.pattern));
    for (const auto& la : block.levels) {
      const auto& lw = f.level_requirements(la.level);
      for (const auto& lr : f.level_rules(la.level)) {
        if (lr.rule->when) continue;
        std::vector<Requirement> all = lw;
        all.insert(all.end(), lr.rule->requires_.begin(), lr.rule->requires_.end());
        if (all.size() == 1) options.emplace_back(lr.rule, lr.read_cut, r, all.front(), "level " + m.level_ref(la.level));
      }
    }
  }
  if (options.empty()) return std::nullopt;
  auto& [rule, cut, from, rq, text] = options[rng.below(options.size())];
  int p = member_of(rule->pattern, cut, true);
  if (p < 0) return std::nullopt;
  *req = rq;
  return Drawn{p, from, text};
}

int Scenes::any_permission() {
  // Outside `archive` most of the time: those are the interesting denials.
  return static_cast<int>(rng.below(static_cast<std::uint64_t>(m.modules.back().first_perm)));
}

int Scenes::archive_permission() {
  const Module& a = m.modules.back();
  return a.first_perm + static_cast<int>(rng.below(static_cast<std::uint64_t>(a.end_perm - a.first_perm)));
}

Context Scenes::context() {
  Context c;
  for (std::size_t a = 0; a < m.attributes.size(); ++a)
    if (rng.chance(20)) c[static_cast<int>(a)] = rng.pick(m.attributes[a].samples);
  return c;
}

Context Scenes::context_for(const std::vector<const Cond*>& conds) {
  std::map<int, std::vector<Value>> read;
  for (const Cond* c : conds)
    if (c) attributes_read(*c, read);
  Context ctx = context();
  for (const auto& [a, literals] : read) {
    int r = static_cast<int>(rng.below(100));
    if (r < 55 && !literals.empty()) ctx[a] = rng.pick(literals);
    else if (r < 90) ctx[a] = rng.pick(m.attributes[a].samples);
    else ctx.erase(a);
    if (m.attributes[a].type == Attribute::Type::boolean && r < 55) ctx[a] = rng.chance(50);
  }
  return ctx;
}

void Scenes::ownership(Setup& st) {
  if (rng.chance(65)) st.id = "user-1";
  const int r = static_cast<int>(rng.below(100));
  if (r < 45) st.owner = st.id.empty() ? std::string("user-1") : st.id;
  else if (r < 75) st.owner = "user-2";
}

void Scenes::meet_grantee_requires(Setup& st, int tmpl) {
  const Template& t = m.templates[tmpl];
  if (t.grantee_requires.empty() || rng.chance(10)) return;
  const int away = rng.chance(80) ? unrelated_to(st.target) : st.target;
  st.roles.push_back(Binding{t.grantee_requires[rng.below(t.grantee_requires.size())], away});
}

GrantInstance Scenes::live_grant(int tmpl, int org, std::int64_t at) {
  const Template& t = m.templates[tmpl];
  GrantInstance g;
  g.template_ = tmpl;
  if (!t.grantee_id.empty()) g.grantee_id = fmt::format("user-{}", rng.below(1000));
  g.grantor_kind = Kind::internal;
  g.grantor_roles.push_back(Binding{t.admin, org});
  g.roles.push_back(t.grantable[rng.below(t.grantable.size())]);
  // The window starts a little before `at` and stays within the template's default duration.
  g.from = at - (*t.default_duration > kDay ? kDay * rng.between(0, 1) : 0);
  if (t.valid_to_required || rng.chance(50)) g.to = *g.from + std::min<std::int64_t>(*t.default_duration, *t.max_duration) + kDay;
  if (g.to && *g.to - *g.from > *t.max_duration) g.to = *g.from + *t.max_duration;
  if (g.to && *g.to <= at) g.to = at + kDay;
  g.org = org;
  for (const auto& fd : t.fields)
    if (fd.required || rng.chance(50)) g.fields[fd.name] = fd.name == "ticket" ? fmt::format("TCK-{}", rng.below(10000)) : "investigation";
  return g;
}

std::optional<Pattern> Scenes::custom_pattern(int tmpl) {
  const Template& t = m.templates[tmpl];
  std::vector<int> mods;
  for (const auto& la : m.roles[t.admin].at[0].levels)
    if (la.level == m.modules[la.module].full) mods.push_back(la.module);
  if (mods.empty()) return std::nullopt;
  int mi = mods[rng.below(mods.size())];
  return random_pattern(m, random_general_resource(m, mi, rng), rng);
}

}  // namespace writ::gen
