// Roles (docs/language.md §6): staff roles, grantable roles and automatic roles, in that order.
//
// Staff roles hold the variety: several kinds of permits (plain, conditional, with a cross-module
// requirement), level assignments, a sensitive permit with a deny carved out of it, an
// `at descendants` block, and `extends` - chains of bounded depth with some second parents in the
// mixed shape, one chain through every staff role in the chain shape. Parents always come earlier,
// so there is no cycle (W022). The first staff role is a read-only viewer (a `read_only` assertion
// holds of it), so nothing may extend a writer into it: it extends nothing.
//
// Grantable roles are what templates hand out: unconditional access outside the sensitive zone,
// held by external and vendor-support principals. Automatic roles give a few reads to everyone of
// their kind. `assigned_by` edges come later (gen_assignments.cpp), once templates and implicit
// grants have taken their share of the edges.
#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/gen_conditions.hpp"
#include "tools/gen/gen_patterns.hpp"
#include "tools/gen/names.hpp"

namespace writ::gen {
namespace {

Rule plain(Pattern p) { return Rule{p, std::nullopt, {}}; }

Rule general_permit(const Model& m, Rng& rng, bool reads_only = false) {
  int mod = random_module(m, rng);
  return plain(random_pattern(m, random_general_resource(m, mod, rng), rng, reads_only));
}

/// One of a module's levels, weighted toward the common ones; only read-only ones if asked.
LevelAssign random_level(const Model& m, Rng& rng, bool reads_only, bool allow_full) {
  int mi = random_module(m, rng);
  const Module& mod = m.modules[mi];
  std::vector<int> choices;
  auto add = [&](int level, int weight) {
    if (level >= 0)
      for (int i = 0; i < weight; ++i) choices.push_back(level);
  };
  add(mod.basic, 3);
  add(mod.full_ro, 2);
  add(mod.standard_ro, 1);
  if (!reads_only) {
    add(mod.standard, 3);
    add(mod.ops, 1);
    if (allow_full) add(mod.full, 1);
  }
  return LevelAssign{mi, choices[rng.below(choices.size())]};
}

KindSet staff_holders(Rng& rng) {
  int r = static_cast<int>(rng.below(100));
  if (r < 85) return bit(Kind::internal);
  if (r < 95) return bit(Kind::internal) | bit(Kind::external);
  return bit(Kind::internal) | bit(Kind::system);
}

/// A sensitive permit with a deny inside it: the deny has something to take away.
void add_carved_deny(const Model& m, Rng& rng, ScopeBlock& block) {
  int mi = random_module(m, rng);
  const Module& mod = m.modules[mi];
  if (rng.chance(50)) block.permits.push_back(plain(resource_pattern(m, mod.top.front(), true, Pattern::Filter::all)));
  else block.levels.push_back(LevelAssign{mi, mod.full});
  Rule deny = plain(random_deny_pattern(m, mi, rng));
  if (rng.chance(30)) deny.when = random_condition(m, rng, CondUse::deny);
  block.denies.push_back(std::move(deny));
}

/// `index`: the role's position among staff roles; the first few carry one of each kind of
/// condition input and a carved deny, so small policies have them too.
void fill_staff(const Model& m, Rng& rng, Role& r, bool light, int index) {
  ScopeBlock& self = r.at[0];
  self.permits.push_back(general_permit(m, rng));
  if (!light && rng.chance(40)) self.permits.push_back(general_permit(m, rng));
  if (index <= kInputKinds) {
    Rule c = general_permit(m, rng);
    c.when = condition_on(m, rng, index - 1);
    self.permits.push_back(std::move(c));
  } else if (rng.chance(light ? 10 : 25)) {
    Rule c = general_permit(m, rng);
    c.when = random_condition(m, rng, CondUse::permit);
    self.permits.push_back(std::move(c));
  }
  if (!light && rng.chance(15)) {
    Rule c = general_permit(m, rng);
    int other = random_module(m, rng);
    if (other == c.pattern.module) other = (other + 1) % static_cast<int>(m.modules.size() - 1);
    const Module& om = m.modules[other];
    c.requires_.push_back(Requirement{other, rng.chance(50) ? om.basic : om.standard});
    self.permits.push_back(std::move(c));
  }
  if (rng.chance(light ? 15 : 35)) self.levels.push_back(random_level(m, rng, false, true));
  if (index <= 2 || rng.chance(light ? 8 : 22)) add_carved_deny(m, rng, self);
  if (rng.chance(light ? 20 : 45)) {
    ScopeBlock& below = r.at[1];
    if (rng.chance(60)) below.levels.push_back(random_level(m, rng, true, false));
    else below.permits.push_back(general_permit(m, rng, true));
    if (!light && rng.chance(15)) add_carved_deny(m, rng, below);
  }
}

void fill_viewer(const Model& m, Rng& rng, Role& r) {
  r.at[0].permits.push_back(general_permit(m, rng, true));
  r.at[0].permits.push_back(general_permit(m, rng, true));
  r.at[0].levels.push_back(random_level(m, rng, true, false));
  r.at[1].levels.push_back(random_level(m, rng, true, false));
}

void pick_parents(Model& m, Rng& rng, int i, int max_depth) {
  Role& r = m.roles[i];
  auto eligible = [&](int p) { return p > 0 && m.roles[p].depth < max_depth; };  // role 0: the viewer
  if (i < 2 || !rng.chance(65)) return;
  const int lo = std::max(1, i - 40);
  for (int tries = 0; tries < 8 && r.extends.empty(); ++tries) {
    int p = lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(i - lo)));
    if (eligible(p)) r.extends.push_back(p);
  }
  if (!r.extends.empty() && rng.chance(12))
    for (int tries = 0; tries < 8 && r.extends.size() < 2; ++tries) {
      int p = lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(i - lo)));
      if (eligible(p) && p != r.extends.front()) r.extends.push_back(p);
    }
}

}  // namespace

void build_roles(Model& m, const Plan& plan, Shape shape, Rng& rng) {
  std::vector<int> counts;
  for (int i = 0; i < plan.staff; ++i) {
    Role r;
    std::size_t w = static_cast<std::size_t>(i) % kRoleWords.size();
    r.name = i == 0 ? "viewer" : numbered(kRoleWords[w], counts, w);
    r.title = fmt::format("Staff role {}", i + 1);
    r.cls = RoleClass::staff;
    r.holders = i == 0 ? bit(Kind::internal) : staff_holders(rng);
    r.named_accounts = i > 0 && rng.chance(8);
    m.roles.push_back(std::move(r));
    if (shape == Shape::chain && i >= 2) m.roles[i].extends.push_back(i - 1);
    else if (shape == Shape::mixed) pick_parents(m, rng, i, plan.max_depth);
    for (int p : m.roles[i].extends) m.roles[i].depth = std::max(m.roles[i].depth, m.roles[p].depth + 1);
    if (i == 0) fill_viewer(m, rng, m.roles[i]);
    else fill_staff(m, rng, m.roles[i], shape == Shape::chain, i);
  }
  counts.clear();
  for (int i = 0; i < plan.grantable; ++i) {
    Role r;
    std::size_t w = static_cast<std::size_t>(i) % kRoleWords.size();
    r.name = "support_" + numbered(kRoleWords[w], counts, w);
    r.title = fmt::format("Grantable role {}", i + 1);
    r.cls = RoleClass::grantable;
    // The first one can go to either kind, so every template finds a role its grantees may hold.
    int h = i == 0 ? 0 : static_cast<int>(rng.below(100));
    r.holders = h < 70 ? bit(Kind::external) | bit(Kind::vendor_support) : h < 85 ? bit(Kind::external) : bit(Kind::vendor_support);
    r.at[0].permits.push_back(general_permit(m, rng));
    if (rng.chance(40)) r.at[0].permits.push_back(general_permit(m, rng));
    if (rng.chance(40)) {
      LevelAssign l = random_level(m, rng, false, false);
      if (l.level != m.modules[l.module].ops) r.at[0].levels.push_back(l);  // ops needs another level: keep grants simple
    }
    if (rng.chance(50)) r.at[1].permits.push_back(general_permit(m, rng, rng.chance(50)));
    m.roles.push_back(std::move(r));
  }
  // Automatic roles: every internal principal is a member, every external one a guest.
  for (int i = 0; i < plan.automatic; ++i) {
    Role r;
    r.name = i == 0 ? "member" : "guest";
    r.title = i == 0 ? "Every internal user" : "Every external user";
    r.cls = RoleClass::automatic;
    r.automatic = true;
    r.holders = i == 0 ? bit(Kind::internal) : bit(Kind::external);
    r.at[0].permits.push_back(plain(exact_pattern(m, m.resources[random_general_resource(m, random_module(m, rng), rng)].first_perm)));
    if (i == 0) r.at[0].permits.push_back(plain(exact_pattern(m, m.resources[random_general_resource(m, random_module(m, rng), rng)].first_perm)));
    m.roles.push_back(std::move(r));
  }
}

}  // namespace writ::gen
